"""Optimistic locking for edits, so two editors of one record never silently overwrite each other.

A record's version is its `updated_at` (every editable model is a TimeStampedModel), written
as a token of whole microseconds. An edit page carries the token it was rendered with in a
hidden `version` field (VersionedFormMixin); an API client sends it back as `version` in the
body or as an `If-Match` header (request_version). The update service calls claim_version
first, inside its transaction: one conditional

    UPDATE ... SET updated_at = now WHERE id = %s AND updated_at = <token>

which matches no row when someone saved in between, and then EditConflict (409) is raised.
The form shows the conflict with the editor's input kept and its token moved to the current
version, so saving again is a deliberate overwrite after a look at the other person's change.
"""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _

from .exceptions import DomainError

VERSION_FIELD = "updated_at"
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MICROSECOND = dt.timedelta(microseconds=1)


class EditConflict(DomainError):
    """The record changed after the editor loaded it."""

    status_code = 409

    def __init__(self, message: str, *, current_version: str = ""):
        super().__init__(message)
        self.current_version = current_version


def version_of(obj) -> str:
    """The token of the record's current version (microseconds since the epoch)."""
    stamp = getattr(obj, VERSION_FIELD)
    if stamp is None:
        return ""
    if timezone.is_naive(stamp):
        stamp = timezone.make_aware(stamp, dt.UTC)
    return str((stamp - _EPOCH) // _MICROSECOND)


def parse_version(token) -> dt.datetime | None:
    """The timestamp a token stands for; None when no token was sent (no check asked for)."""
    text = str(token or "").strip().removeprefix("W/").strip('"')
    if not text:
        return None
    if not text.isdigit() or len(text) > 20:
        raise EditConflict(_("版本号无效，请刷新页面后重新编辑"))
    return _EPOCH + int(text) * _MICROSECOND


def request_version(request, body_version: str | None = None) -> str | None:
    """The version an API client says it edits: the body's `version`, else `If-Match`."""
    return body_version or request.headers.get("If-Match") or None


def conflict_message(current) -> str:
    changed_at = timezone.localtime(getattr(current, VERSION_FIELD))
    return _(
        "保存失败：该记录在您编辑期间已被其他人修改（%(time)s）。"
        "您填写的内容仍保留在下方，请核对最新内容后再次保存；再次保存将覆盖对方的修改。"
    ) % {"time": changed_at.strftime("%Y-%m-%d %H:%M:%S")}


def claim_version(obj, expected: str | None, *, touch: bool = False) -> None:
    """Take the edit of `obj` for the caller if it is still at version `expected`.

    Call inside the service's transaction, before writing. Without a token (an older API client)
    nothing is checked. On success the row's version is moved on, so a second editor holding the
    same token now fails; `obj` carries the new version. `touch` moves the version on even
    without a token, for edits that write another table and never save `obj` itself.
    """
    stamp = parse_version(expected)
    model = type(obj)
    now = timezone.now()
    if stamp is None:
        if touch:
            model._base_manager.filter(pk=obj.pk).update(**{VERSION_FIELD: now})
            setattr(obj, VERSION_FIELD, now)
        return
    claimed = model._base_manager.filter(pk=obj.pk, **{VERSION_FIELD: stamp}).update(
        **{VERSION_FIELD: now}
    )
    if not claimed:
        current = model._base_manager.filter(pk=obj.pk).first()
        if current is None:
            raise EditConflict(_("保存失败：该记录已被删除"))
        raise EditConflict(conflict_message(current), current_version=version_of(current))
    setattr(obj, VERSION_FIELD, now)


class VersionedFormMixin:
    """Adds the hidden `version` field: the version of `instance` (or of `versioned`) the form
    was rendered with. Put it before the form class: `class F(VersionedFormMixin, ModelForm)`."""

    def __init__(self, *args, versioned=None, **kwargs):
        super().__init__(*args, **kwargs)
        record = versioned if versioned is not None else getattr(self, "instance", None)
        if record is None or record.pk is None:
            return  # a form creating a record has nothing to be stale against
        self.fields["version"] = forms.CharField(
            widget=forms.HiddenInput, required=False, initial=version_of(record)
        )

    def refresh_version(self, token: str) -> None:
        """After a conflict: keep the editor's input, but move the form to the current version."""
        if self.is_bound and "version" in self.fields:
            self.data = self.data.copy()
            self.data[self.add_prefix("version")] = token
