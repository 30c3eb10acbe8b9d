"""Sensitive personal information (《个人信息保护法》) behind one module: masking, the permission
that lifts it, the audited reveal, guarded exact lookups, and form fields that never echo a
stored value."""

import hashlib
from collections.abc import Callable, Iterable

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import audit
from .exceptions import DomainError, PermissionDenied

SENSITIVE_PERMISSION = "core.view_sensitive"  # on core.SensitiveData


# --- Masking -------------------------------------------------------------------------------


def mask_id_number(value: str | None) -> str:
    """4101**********1234: region prefix and last four only."""
    if not value:
        return ""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_phone(value: str | None) -> str:
    """138****5678."""
    if not value:
        return ""
    digits = value.strip()
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_name(value: str | None) -> str:
    """张* / 欧阳** — the family name stays, the given name is hidden."""
    if not value:
        return ""
    value = value.strip()
    if len(value) <= 1:
        return value
    if len(value) >= 4:  # likely a compound family name
        return value[:2] + "*" * (len(value) - 2)
    return value[0] + "*" * (len(value) - 1)


def mask_text(value: str | None, keep: int = 2) -> str:
    """A free-text sensitive field (address, bank account): the first characters only."""
    if not value:
        return ""
    return value[:keep] + "*" * max(len(value) - keep, 2)


# --- The permission ------------------------------------------------------------------------


def can_view_sensitive(user, permission: str | Iterable[str] = SENSITIVE_PERMISSION) -> bool:
    """Whether the user holds the permission (any one of several) that lifts the masking."""
    if not (user and getattr(user, "is_authenticated", False)):
        return False
    perms = (permission,) if isinstance(permission, str) else tuple(permission)
    return any(user.has_perm(p) for p in perms)


def require_sensitive(
    user, permission: str | Iterable[str] = SENSITIVE_PERMISSION, message: str | None = None
) -> None:
    if not can_view_sensitive(user, permission):
        raise PermissionDenied(message or _("您没有查看敏感个人信息的权限"))


# --- The reveal: the one way a stored value leaves the masking ------------------------------


REVEAL_ACTION = audit.Action.VIEW_SENSITIVE  # for readers of the audit log ("who saw this")


def record_reveal(*, by, target, fields: Iterable[str], summary: str, detail=None) -> None:
    """The audit entry of a read of sensitive content the caller has already authorised (a
    record's full text opened by its handler). `reveal` writes it for a masked value."""
    audit.record(
        by=by,
        action=REVEAL_ACTION,
        target=target,
        summary=summary,
        details={**(detail or {}), "fields": list(fields)},
    )


def reveal(
    *,
    by,
    target,
    fields: Iterable[str],
    what: str = "",
    permission: str | Iterable[str] = SENSITIVE_PERMISSION,
    message: str | None = None,
    allowed: Callable[[object], bool] | None = None,
    reason: str | None = None,
    detail: dict | None = None,
    summary: str | None = None,
) -> dict[str, str]:
    """The unmasked values of `fields` of `target`, once: checks the permission and writes the
    audit entry. The caller has already resolved `target` through the user's scope.

    `allowed` replaces the permission check with the app's own rule (e.g. only the handling
    staff); `reason` is the stated purpose, kept in the entry; `detail` adds to its details;
    `summary` replaces the one made of `what` (one of the two is needed)."""
    if allowed is None:
        require_sensitive(by, permission, message)
    elif not allowed(by):
        raise PermissionDenied(message or _("您没有查看敏感个人信息的权限"))
    fields = list(fields)
    details = dict(detail or {})
    if reason is not None:
        details["reason"] = reason
        summary = summary or _("查看 %(target)s 的%(what)s，事由：%(reason)s") % {
            "target": target,
            "what": what,
            "reason": reason,
        }
    record_reveal(
        by=by,
        target=target,
        fields=fields,
        summary=summary or _("查看 %(target)s 的%(what)s") % {"target": target, "what": what},
        detail=details,
    )
    return {name: getattr(target, name) or "" for name in fields}


# --- Exact lookups on a sensitive value -----------------------------------------------------
# Finding a record by a full phone or ID number tells the user the value behind a mask. Every
# such lookup is audited (with the masked value only: the audit log is read by many admins)
# and each user has a budget of distinct values per window, so recovering numbers by trying
# candidates is slow and visible.


class LookupThrottled(DomainError):
    status_code = 429


MASKERS: dict[str, Callable[[str], str]] = {"phone": mask_phone, "id_number": mask_id_number}


def _budget() -> tuple[int, int]:
    return (
        getattr(settings, "GONGHUI_SENSITIVE_LOOKUPS_PER_WINDOW", 30),
        getattr(settings, "GONGHUI_SENSITIVE_LOOKUP_WINDOW_SECONDS", 3600),
    )


def _count_key(user, kind: str) -> str:
    return f"privacy:lookups:{kind}:{user.pk}"


def lookup_allowed(user, kind: str) -> bool:
    """Whether the user still has budget for exact lookups of `kind` in the current window."""
    limit, _window = _budget()
    return (cache.get(_count_key(user, kind)) or 0) < limit


def record_lookup(*, by, kind: str, value: str, target=None, summary: str = "") -> None:
    """Spend one unit of the user's budget (once per distinct value per window) and audit."""
    _limit, window = _budget()
    digest = hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()[:24]
    if cache.add(f"privacy:seen:{kind}:{by.pk}:{digest}", 1, timeout=window):
        key = _count_key(by, kind)
        cache.add(key, 0, timeout=window)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window)
    masked = MASKERS.get(kind, mask_text)(value)
    audit.record(
        by=by,
        action=REVEAL_ACTION,
        target=target,
        summary=summary or _("按完整%(kind)s查找 %(value)s") % {"kind": kind, "value": masked},
        details={"lookup": kind, "value": masked},
        org_path=None if target is not None else by.scope.org_path,
    )


def exact_lookup(
    *,
    by,
    kind: str,
    value: str,
    label: str,
    permission: str | Iterable[str] = SENSITIVE_PERMISSION,
) -> None:
    """Guard a search by a full sensitive value: the permission, the budget, the audit entry."""
    require_sensitive(
        by,
        permission,
        _("按完整%(label)s查找需要查看敏感个人信息的权限") % {"label": label},
    )
    if not lookup_allowed(by, kind):
        raise LookupThrottled(_("按完整%(label)s查找过于频繁，请稍后再试") % {"label": label})
    record_lookup(
        by=by,
        kind=kind,
        value=value,
        summary=_("按完整%(label)s查找 %(value)s")
        % {"label": label, "value": MASKERS.get(kind, mask_text)(value)},
    )


# --- Forms ----------------------------------------------------------------------------------


class SensitiveFieldsMixin:
    """A form editing a record never renders its sensitive values: each field in
    `sensitive_fields` ({name: masker}) starts empty with the masked value as its placeholder;
    left blank it keeps the stored value, filled in it replaces it, and an optional one can be
    cleared with its own checkbox. Call `setup_sensitive_fields()` at the end of `__init__`."""

    sensitive_fields: dict[str, Callable[[str], str]] = {}
    KEEP_HELP = gettext_lazy("出于个人信息保护不显示当前值；留空则保持不变，填写则替换为新值")

    def setup_sensitive_fields(self) -> None:
        self._sensitive_current = {}
        instance = getattr(self, "instance", None)
        if instance is None or instance.pk is None:
            return
        order = []
        for name in list(self.fields):
            order.append(name)
            masker = self.sensitive_fields.get(name)
            if masker is None:
                continue
            field = self.fields[name]
            current = getattr(instance, name) or ""
            self._sensitive_current[name] = current
            self.initial[name] = ""
            field.initial = None
            was_required = field.required
            field.required = False
            field.widget.attrs.update({"placeholder": masker(current), "autocomplete": "off"})
            field.help_text = self.KEEP_HELP
            if current and not was_required:
                clear = f"clear_{name}"
                self.fields[clear] = forms.BooleanField(
                    label=gettext_lazy("清空%(label)s") % {"label": field.label}, required=False
                )
                order.append(clear)
        self.order_fields(order)

    def clean(self):
        cleaned = super().clean()
        for name, current in getattr(self, "_sensitive_current", {}).items():
            clear = cleaned.pop(f"clear_{name}", False)
            if name in cleaned and cleaned[name] in ("", None):
                cleaned[name] = "" if clear else current
        return cleaned
