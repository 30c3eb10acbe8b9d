"""Writes of wishes: one service per workflow verb, each a conditional update with history."""

import datetime as dt
import re

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import default_task_backend

from gonghui.core import audit, privacy, workflow
from gonghui.core.exceptions import InvalidTransition, PermissionDenied, ValidationFailed
from gonghui.core.files import check_upload
from gonghui.organizations.models import Organization

from . import permissions
from .models import Wish
from .workflow import CLAIMED_OR_LATER, TRANSITIONS, Status

PHONE_RE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")


class AlreadyClaimed(InvalidTransition):
    """Someone else claimed the wish a moment earlier."""

    status_code = 409


def _actor_label(by) -> str:
    return str(by) if getattr(by, "is_authenticated", False) else ""


def _apply(wish: Wish, verb: str, *, by, fields: dict, note: str = "", label: str = "", **hooks):
    """One verb through the workflow kernel; the history row shows `label` (a masked public
    claimant, 系统) when there is no account."""
    return workflow.apply(
        wish,
        table=TRANSITIONS,
        verb=verb,
        by=by,
        note=note[:300],
        fields=fields,
        record={"actor_label": label or _actor_label(by)},
        **hooks,
    )


def _require(by, perm: str, message: str) -> None:
    if not (getattr(by, "is_authenticated", False) and by.has_perm(perm)):
        raise PermissionDenied(message)


def _clean_text(value: str, *, field: str, label: str, max_length: int, required=True) -> str:
    value = (value or "").strip()
    if required and not value:
        message = _("请填写%(label)s") % {"label": label}
        raise ValidationFailed(message, field=field, errors={field: message})
    if len(value) > max_length:
        message = _("%(label)s最多 %(n)s 个字") % {"label": label, "n": max_length}
        raise ValidationFailed(message, field=field, errors={field: message})
    return value


def _clean_phone(value: str, *, field: str, required: bool) -> str:
    value = re.sub(r"[\s]", "", value or "")
    if not value and not required:
        return ""
    if not PHONE_RE.match(value):
        message = _("请填写正确的手机号（11位）或固定电话")
        raise ValidationFailed(message, field=field, errors={field: message})
    return value


@transaction.atomic
def collect_wish(
    *,
    by,
    organization: Organization,
    title: str,
    category: str,
    amount_band: str,
    worker_name: str = "",
    person=None,
    description: str = "",
    worker_phone: str = "",
    worker_address: str = "",
    hardship: str = "",
    is_home_visit: bool = True,
    collected_date: dt.date | None = None,
) -> Wish:
    """Record a wish collected for a needy worker (usually on a home visit)."""
    _require(by, permissions.COLLECT, _("您无权录入微心愿"))
    if not Organization.objects.visible_to(by).filter(pk=organization.pk).exists():
        raise PermissionDenied(_("所选组织不在您的管理范围内"))
    if person is not None:
        worker_name = worker_name or person.name
        worker_phone = worker_phone or person.phone
    if category not in Wish.Category.values:
        raise ValidationFailed(_("请选择心愿类别"), field="category")
    if amount_band not in Wish.AmountBand.values:
        raise ValidationFailed(_("请选择金额区间"), field="amount_band")
    wish = Wish(
        organization=organization,
        org_path=organization.path,
        title=_clean_text(title, field="title", label=_("心愿"), max_length=60),
        description=_clean_text(
            description, field="description", label=_("心愿说明"), max_length=500, required=False
        ),
        category=category,
        amount_band=amount_band,
        person=person,
        worker_name=_clean_text(
            worker_name, field="worker_name", label=_("职工姓名"), max_length=50
        ),
        worker_phone=_clean_phone(worker_phone, field="worker_phone", required=False),
        worker_address=(worker_address or "").strip()[:200],
        hardship=(hardship or "").strip()[:300],
        is_home_visit=is_home_visit,
        collected_date=collected_date or timezone.localdate(),
        created_by=by,
        status=Status.COLLECTED,
    )
    wish.save()
    workflow.log(
        wish,
        table=TRANSITIONS,
        verb="collect",
        by=by,
        source="",
        record={"actor_label": _actor_label(by)},
    )
    audit.record(by=by, action=audit.Action.CREATE, target=wish, summary=f"录入微心愿“{title}”")
    return wish


def vet_wish(*, wish: Wish, by, note: str = "") -> Wish:
    _require(by, permissions.VET, _("您无权审核微心愿"))
    return _apply(wish, "vet", by=by, note=note, fields={"vetted_at": timezone.now()})


def publish_wish(*, wish: Wish, by, note: str = "") -> Wish:
    """Put the wish on the public board; it expires if nobody claims it within the period."""
    _require(by, permissions.VET, _("您无权发布微心愿"))
    now = timezone.now()
    expires_at = now + dt.timedelta(days=settings.GONGHUI_WISH_EXPIRY_DAYS)
    return _apply(
        wish,
        "publish",
        by=by,
        note=note,
        fields={"published_at": now, "expires_at": expires_at},
        on_commit=lambda: _schedule_expiry(wish.pk, expires_at),
    )


def _schedule_expiry(wish_id: int, expires_at: dt.datetime) -> None:
    # Cycle: tasks.py imports this module for the task body.
    from .tasks import expire_wish

    # The periodic sweep (`gonghui expire_wishes`) covers backends that cannot defer.
    if default_task_backend.supports_defer:
        expire_wish.using(run_after=expires_at).enqueue(wish_id)


def claim_wish(
    *,
    wish: Wish,
    by=None,
    kind: str = Wish.ClaimantKind.PUBLIC,
    name: str = "",
    phone: str = "",
    company: str = "",
) -> Wish:
    """A member of the public, an enterprise or (when logged in) agency staff claims a wish.
    Exactly one of several simultaneous claims wins; the others get AlreadyClaimed."""
    if wish.status in CLAIMED_OR_LATER:
        raise AlreadyClaimed(_("这个心愿刚刚被其他爱心人士认领了，请看看其他心愿吧"))
    fields = {"claimed_at": timezone.now(), "claimed_by": None, "claimant_organization_id": None}
    if getattr(by, "is_authenticated", False):
        # A logged-in claimant is union agency staff: counted as 机关干部职工认领.
        person = by.person if by.person_id else None
        kind = Wish.ClaimantKind.AGENCY_STAFF
        name = name or (person.name if person else "") or by.display_name or by.username
        phone = phone or (person.phone if person else "")
        fields.update(claimed_by=by, claimant_organization_id=by.organization_id)
    elif kind not in (Wish.ClaimantKind.PUBLIC, Wish.ClaimantKind.ENTERPRISE):
        raise ValidationFailed(_("请选择认领方式"), field="kind")
    fields.update(
        claimant_kind=kind,
        claimant_name=_clean_text(name, field="name", label=_("认领人姓名"), max_length=100),
        claimant_phone=_clean_phone(
            phone, field="phone", required=kind != Wish.ClaimantKind.AGENCY_STAFF
        ),
        claimant_company=_clean_text(
            company,
            field="company",
            label=_("企业名称"),
            max_length=100,
            required=kind == Wish.ClaimantKind.ENTERPRISE,
        ),
    )
    shown = fields["claimant_company"] or privacy.mask_name(fields["claimant_name"])
    label = f"{Wish.ClaimantKind(kind).label} {shown}"
    # Claim only from the published state whatever the caller loaded, so a stale object
    # cannot skip the check.
    wish.status = Status.PUBLISHED
    try:
        return _apply(wish, "claim", by=by, fields=fields, label=label)
    except workflow.StaleTransition as exc:
        if exc.current in CLAIMED_OR_LATER:
            raise AlreadyClaimed(_("这个心愿刚刚被其他爱心人士认领了，请看看其他心愿吧")) from exc
        raise


def deliver_wish(*, wish: Wish, by, delivered_date: dt.date, photo=None, note: str = "") -> Wish:
    """Record that the claimant's gift reached the worker, with the date and a photo."""
    _require(by, permissions.HANDLE, _("您无权登记送达"))
    if delivered_date > timezone.localdate():
        raise ValidationFailed(_("送达日期不能晚于今天"), field="delivered_date")
    fields = {
        "delivered_date": delivered_date,
        "delivered_at": timezone.now(),
        "delivery_note": (note or "").strip()[:300],
    }
    stored = None
    if photo is not None:
        checked = check_upload(photo, allowed={"jpg", "png"})
        stored = wish.delivery_photo.storage.save(f"wishes/delivery/{checked.safe_name}", photo)
        fields["delivery_photo"] = stored
    try:
        return _apply(wish, "deliver", by=by, note=note, fields=fields)
    except Exception:
        if stored:
            wish.delivery_photo.storage.delete(stored)
        raise


def thank_wish(*, wish: Wish, by, note: str = "") -> Wish:
    """The worker's thanks to the claimant are recorded; the wish is complete."""
    _require(by, permissions.HANDLE, _("您无权登记致谢"))
    note = (note or "").strip()[:300]
    return _apply(
        wish, "thank", by=by, note=note, fields={"thanked_at": timezone.now(), "thanks_note": note}
    )


def withdraw_wish(*, wish: Wish, by, reason: str) -> Wish:
    _require(by, permissions.VET, _("您无权撤回微心愿"))
    reason = _clean_text(reason, field="reason", label=_("撤回原因"), max_length=200)
    return _apply(wish, "withdraw", by=by, note=reason, fields={"withdrawn_reason": reason})


def note_verb(*, wish: Wish, verb: str, by, note: str = "") -> Wish:
    """The staff verbs that take only a note: vet, publish, thank, withdraw (note = reason)."""
    if verb == "withdraw":
        return withdraw_wish(wish=wish, by=by, reason=note)
    verbs = {"vet": vet_wish, "publish": publish_wish, "thank": thank_wish}
    if verb not in verbs:
        raise InvalidTransition(_("未知操作：%(verb)s") % {"verb": verb})
    return verbs[verb](wish=wish, by=by, note=note)


def expire_wish(*, wish: Wish, now: dt.datetime | None = None) -> Wish:
    """The system expires a published wish nobody claimed before its deadline."""
    now = now or timezone.now()
    if wish.expires_at is None or wish.expires_at > now:
        raise InvalidTransition(_("心愿尚未到认领截止时间"))
    return _apply(wish, "expire", by=None, label=_("系统"), fields={"expired_at": now})


def expire_overdue_wishes(*, now: dt.datetime | None = None, batch: int = 500) -> int:
    """Expire every overdue published wish; a wish claimed meanwhile is left alone."""
    now = now or timezone.now()
    count = 0
    while True:
        wishes = list(Wish.objects.overdue(now).order_by("pk")[:batch])
        if not wishes:
            return count
        for wish in wishes:
            try:
                expire_wish(wish=wish, now=now)
            except InvalidTransition:
                continue
            count += 1
        if len(wishes) < batch:
            return count


SENSITIVE_FIELDS = (
    "worker_name",
    "worker_phone",
    "worker_address",
    "hardship",
    "claimant_name",
    "claimant_phone",
    "claimant_company",
)
CLAIMANT_FIELDS = ("claimant_name", "claimant_phone", "claimant_company")


def reveal_sensitive(*, by, wish: Wish) -> dict[str, str]:
    """The worker's and claimant's full details, once, audited; needs the wish permission."""
    return privacy.reveal(
        by=by,
        target=wish,
        fields=SENSITIVE_FIELDS,
        what=_("职工和认领人联系方式"),
        permission=permissions.SENSITIVE,
        message=_("您没有查看微心愿敏感信息的权限"),
    )


def reveal_claimant(*, by, wish: Wish) -> dict[str, str]:
    """The claimant's name and phone for the staff who deliver the wish, once, audited."""
    if not wish.claimant_kind:
        raise ValidationFailed(_("该心愿尚未被认领"))
    return privacy.reveal(
        by=by,
        target=wish,
        fields=CLAIMANT_FIELDS,
        what=_("认领人联系方式"),
        permission=permissions.CLAIMANT_CONTACT,
        message=_("您没有联系认领人的权限"),
    )
