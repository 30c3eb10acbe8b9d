"""Writes of demands: intake from every channel with routing and limits, one service per
workflow verb, the hops between unions, the public rating, and the nightly 催办/督办 sweep."""

import datetime as dt
import re

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core import audit, privacy, workflow
from gonghui.core.exceptions import InvalidTransition, PermissionDenied, ValidationFailed
from gonghui.core.files import check_upload
from gonghui.core.workdays import WorkingCalendar
from gonghui.organizations.models import Organization

from . import permissions, routing, tallies, tickets
from .models import (
    Demand,
    DemandAttachment,
    DemandCollaborator,
    DemandHop,
    DemandTopic,
    DemandType,
)
from .workflow import OPEN, TRANSITIONS, Status

PHONE_RE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\d{7,8})$")
ATTACHMENT_KINDS = {"jpg", "png", "pdf", "docx", "doc"}
MAX_ATTACHMENTS = 5


def _actor_label(by) -> str:
    return str(by) if getattr(by, "is_authenticated", False) else ""


def _apply(demand: Demand, verb: str, *, by, fields: dict | None = None, note: str = "", label=""):
    return workflow.apply(
        demand,
        table=TRANSITIONS,
        verb=verb,
        by=by,
        note=(note or "")[:500],
        fields=fields or {},
        record={"actor_label": label or _actor_label(by)},
    )


def _log(demand: Demand, verb: str, *, by, note: str = "", label: str = "", source=None):
    return workflow.log(
        demand,
        table=TRANSITIONS,
        verb=verb,
        by=by,
        note=(note or "")[:500],
        source=source,
        record={"actor_label": label or _actor_label(by)},
    )


def _require_handler(by) -> None:
    if not permissions.can_handle(by):
        raise PermissionDenied(_("您无权办理职工诉求"))


def _text(value, *, field: str, label: str, max_length: int, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        message = _("请填写%(label)s") % {"label": label}
        raise ValidationFailed(message, field=field, errors={field: message})
    if len(value) > max_length:
        message = _("%(label)s最多 %(n)s 个字") % {"label": label, "n": max_length}
        raise ValidationFailed(message, field=field, errors={field: message})
    return value


def _phone(value: str, *, required: bool) -> str:
    value = re.sub(r"\s", "", value or "")
    if not value and not required:
        return ""
    if not PHONE_RE.match(value):
        message = _("请填写正确的手机号（11位）或固定电话")
        raise ValidationFailed(message, field="worker_phone", errors={"worker_phone": message})
    return value


# --- Limits -------------------------------------------------------------------------------


def limits(demand_type: DemandType, start: dt.datetime, calendar: WorkingCalendar | None = None):
    """(受理 due, 办结 due) of a demand of `demand_type` received at `start`, on China's
    official working days with 调休."""
    calendar = calendar or WorkingCalendar.load()
    return (
        calendar.working_days_after(start, demand_type.accept_days),
        calendar.working_days_after(start, demand_type.finish_days),
    )


def held_working_days(calendar: WorkingCalendar, start: dt.datetime, end: dt.datetime) -> int:
    """The working days a union held a demand: from the first day its period counts to the
    day it passed the demand on, both included."""
    first = calendar.first_counted_day(start)
    last = timezone.localtime(end).date()
    return calendar.count_working_days(first, last)


# --- Intake -------------------------------------------------------------------------------


def _active(model, value, *, field: str, label: str):
    """An active entry of a managed list, given as the entry, its id or its code."""
    if isinstance(value, model):
        value = value.pk
    value = str(value or "").strip()
    lookup = {"pk": int(value)} if value.isdigit() else {"code": value}
    item = model.objects.filter(is_active=True, **lookup).first() if value else None
    if item is None:
        message = _("请选择%(label)s") % {"label": label}
        raise ValidationFailed(message, field=field, errors={field: message})
    return item


def _store_attachment(demand: Demand, upload, *, by) -> DemandAttachment:
    checked = check_upload(upload, allowed=ATTACHMENT_KINDS)
    attachment = DemandAttachment(
        demand=demand,
        original_name=checked.original_name,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    attachment.file.save(checked.safe_name, upload, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def register_demand(
    *,
    by,
    channel: str,
    receiving_org: Organization,
    demand_type,
    topic,
    summary: str,
    content: str = "",
    worker_name: str = "",
    worker_phone: str = "",
    employer: str = "",
    location: str = "",
    is_anonymous: bool = False,
    attachments=(),
    received_at: dt.datetime | None = None,
) -> Demand:
    """Register a demand from any channel: the worker's name and phone are required except for
    an anonymous 意见建议. It lands at the union responsible for the employer (by name, else by
    region, else the receiving union), with its 受理 and 办结 limits in working days."""
    staff = getattr(by, "is_authenticated", False)
    if channel not in Demand.Channel.values:
        raise ValidationFailed(_("未知的诉求渠道"), field="channel")
    if staff:
        if not by.has_perm(permissions.REGISTER):
            raise PermissionDenied(_("您无权登记职工诉求"))
        if not Organization.objects.visible_to(by).filter(pk=receiving_org.pk).exists():
            raise PermissionDenied(_("所选组织不在您的管理范围内"))
    elif channel != Demand.Channel.WEB:
        raise PermissionDenied(_("请登录后登记职工诉求"))
    demand_type = _active(DemandType, demand_type, field="demand_type", label=_("诉求类型"))
    topic = _active(DemandTopic, topic, field="topic", label=_("诉求事项"))
    if is_anonymous and not demand_type.allows_anonymous:
        message = _("只有意见建议可以匿名提出，请填写姓名和电话")
        raise ValidationFailed(message, field="is_anonymous", errors={"is_anonymous": message})
    attachments = [a for a in attachments if a]
    if len(attachments) > MAX_ATTACHMENTS:
        raise ValidationFailed(_("附件最多 %(n)s 个") % {"n": MAX_ATTACHMENTS}, field="attachments")
    employer = routing.normalise_name(
        _text(employer, field="employer", label=_("工作单位"), max_length=100, required=False)
    )
    location = _text(location, field="location", label=_("所在地"), max_length=100, required=False)
    now = received_at or timezone.now()
    holder = routing.responsible_union(receiving_org, employer=employer, location=location)
    accept_due, finish_due = limits(demand_type, now)
    demand = Demand(
        channel=channel,
        demand_type=demand_type,
        topic=topic,
        status=Status.RECEIVED,
        is_anonymous=is_anonymous,
        worker_name=_text(
            worker_name,
            field="worker_name",
            label=_("姓名"),
            max_length=50,
            required=not is_anonymous,
        ),
        worker_phone=_phone(worker_phone, required=not is_anonymous),
        employer=employer,
        location=location,
        summary=_text(summary, field="summary", label=_("诉求摘要"), max_length=100),
        content=_text(
            content, field="content", label=_("诉求内容"), max_length=2000, required=False
        ),
        organization=holder,
        org_path=holder.path,
        receiving_org=receiving_org,
        chain_path=receiving_org.path,
        received_at=now,
        held_since=now,
        accept_due_at=accept_due,
        finish_due_at=finish_due,
        created_by=by if staff else None,
    )
    for _attempt in range(5):
        demand.ticket = tickets.new_ticket()
        try:
            with transaction.atomic():
                demand.save()
            break
        except IntegrityError:
            if Demand.objects.filter(ticket=demand.ticket).exists():
                continue
            raise
    tallies.apply_change(None, tallies.snapshot(demand.pk))
    DemandHop.objects.create(
        demand=demand,
        kind=DemandHop.Kind.INTAKE,
        from_org=receiving_org if holder != receiving_org else None,
        organization=holder,
        by=by if staff else None,
        started_at=now,
        reason=_routing_reason(receiving_org, holder, employer),
    )
    for upload in attachments:
        _store_attachment(demand, upload, by=by)
    label = "" if staff else _("职工本人（网上）")
    _log(demand, "register", by=by, source="", label=label, note=demand.get_channel_display())
    audit.record(
        by=by,
        action=audit.Action.CREATE,
        target=demand,
        summary=_("登记职工诉求 %(ticket)s") % {"ticket": demand.ticket},
    )
    return demand


def _routing_reason(receiving, holder, employer) -> str:
    if holder == receiving:
        return _("由登记工会直接办理")
    if employer and holder.name.startswith(employer[:4]):
        return _("按工作单位分派")
    return _("按所在地区分派")


# --- Hops ---------------------------------------------------------------------------------


def _end_hop(demand: Demand, now, calendar: WorkingCalendar) -> None:
    hop = demand.hops.filter(ended_at__isnull=True).order_by("-started_at", "-pk").first()
    if hop is not None:
        hop.ended_at = now
        hop.working_days = held_working_days(calendar, hop.started_at, now)
        hop.save(update_fields=["ended_at", "working_days"])


def _hand_over(demand, verb, *, by, to: Organization, kind, reason: str, extra=None):
    now = timezone.now()
    calendar = WorkingCalendar.load()
    from_org = demand.organization
    chain = demand.chain_path if to.path.startswith(demand.chain_path) else to.path
    with transaction.atomic():
        _end_hop(demand, now, calendar)
        _apply(
            demand,
            verb,
            by=by,
            note=reason,
            fields={
                "organization": to,
                "org_path": to.path,
                "chain_path": chain,
                "held_since": now,
                **(extra or {}),
            },
        )
        DemandHop.objects.create(
            demand=demand,
            kind=kind,
            from_org=from_org,
            organization=to,
            reason=reason,
            by=by if getattr(by, "is_authenticated", False) else None,
            started_at=now,
        )
    return demand


@tallies.tracked
def transfer_demand(*, demand: Demand, by, to: Organization, reason: str = "") -> Demand:
    """转办: hand the demand down to a union below the one holding it."""
    _require_handler(by)
    if to.pk == demand.organization_id or not to.path.startswith(demand.org_path):
        raise ValidationFailed(_("只能转办给下级工会"), field="to")
    if not Organization.objects.visible_to(by).filter(pk=to.pk).exists():
        raise ValidationFailed(_("只能转办给下级工会"), field="to")
    reason = _text(reason, field="reason", label=_("转办说明"), max_length=300, required=False)
    return _hand_over(demand, "transfer", by=by, to=to, kind=DemandHop.Kind.TRANSFER, reason=reason)


@tallies.tracked
def return_demand(*, demand: Demand, by, reason: str) -> Demand:
    """退回: send the demand back up to the parent union, with the reason."""
    _require_handler(by)
    reason = _text(reason, field="reason", label=_("退回原因"), max_length=300)
    parent = demand.organization.parent
    if parent is None:
        raise ValidationFailed(_("本工会没有上级工会，不能退回"), field="reason")
    return _hand_over(demand, "return", by=by, to=parent, kind=DemandHop.Kind.RETURN, reason=reason)


# --- Handling -----------------------------------------------------------------------------


@tallies.tracked
def accept_demand(*, demand: Demand, by, note: str = "") -> Demand:
    _require_handler(by)
    return _apply(demand, "accept", by=by, note=note, fields={"accepted_at": timezone.now()})


@tallies.tracked
def handle_demand(*, demand: Demand, by, note: str = "") -> Demand:
    """Start handling: contacts, enquiries and documents follow as handling notes."""
    _require_handler(by)
    return _apply(demand, "handle", by=by, note=note)


def add_handling_note(*, demand: Demand, by, note: str, attachment=None) -> Demand:
    """A note of the handling (a call made, a visit, a document), with an optional file."""
    _require_handler(by)
    if demand.status not in OPEN:
        raise InvalidTransition(_("诉求已答复或办结，不能再添加办理记录"))
    note = _text(note, field="note", label=_("办理记录"), max_length=500)
    with transaction.atomic():
        if attachment is not None:
            stored = _store_attachment(demand, attachment, by=by)
            note = f"{note}（{_('附件')}：{stored.original_name}）"
        _log(demand, "handling_note", by=by, note=note)
    return demand


def add_collaborator(*, demand: Demand, by, organization: Organization) -> DemandCollaborator:
    """协办: another union handles the demand jointly: one the demand may be routed to (the
    holder's parent or a union below it), in the user's scope. It then sees this demand, and
    only this one, and may add handling notes to it."""
    _require_handler(by)
    if organization.pk == demand.organization_id:
        raise ValidationFailed(_("承办工会不能作为协办工会"), field="organization")
    routable = organization.path.startswith(demand.org_path) or (
        organization.pk == demand.organization.parent_id
    )
    if not routable:
        raise ValidationFailed(_("只能请上级工会或下级工会协办"), field="organization")
    if not Organization.objects.visible_to(by).filter(pk=organization.pk).exists():
        raise ValidationFailed(_("所选组织不在您的管理范围内"), field="organization")
    if demand.status not in OPEN:
        raise InvalidTransition(_("诉求已答复或办结，不能再添加协办工会"))
    with transaction.atomic():
        joint, created = DemandCollaborator.objects.get_or_create(
            demand=demand, organization=organization, defaults={"added_by": by}
        )
        if created:
            _log(demand, "join", by=by, note=organization.name)
    return joint


@tallies.tracked
def answer_demand(*, demand: Demand, by, answer: str) -> Demand:
    """答复: the answer the worker reads on the tracking page (and is told by phone)."""
    _require_handler(by)
    answer = _text(answer, field="answer", label=_("答复内容"), max_length=2000)
    now = timezone.now()
    fields = {"answered_at": now, "answer": answer}
    if now >= demand.finish_due_at:
        fields["is_overdue"] = True
    return _apply(demand, "answer", by=by, note=answer[:200], fields=fields)


@tallies.tracked
def follow_up_demand(*, demand: Demand, by, note: str, rating: str = "") -> Demand:
    """回访: the follow-up call or message; the worker's rating may be taken on the call."""
    _require_handler(by)
    note = _text(note, field="note", label=_("回访情况"), max_length=300)
    with transaction.atomic():
        _apply(
            demand,
            "follow_up",
            by=by,
            note=note,
            fields={"followed_up_at": timezone.now(), "follow_up_note": note},
        )
        if rating:
            rate_demand(demand=demand, by=by, rating=rating)
    return demand


@tallies.tracked
def rate_demand(*, demand: Demand, by, rating: str, note: str = "") -> Demand:
    """评价 by the worker (on the tracking page, by=None) or recorded by staff on the
    follow-up. An unsatisfied rating reopens the demand once, for 复核 at the parent union."""
    if by is not None:
        _require_handler(by)
    if rating not in Demand.Rating.values:
        raise ValidationFailed(_("请选择评价"), field="rating")
    label = "" if by is not None else _("职工本人")
    with transaction.atomic():
        _apply(
            demand,
            "rate",
            by=by,
            note=note or Demand.Rating(rating).label,
            label=label,
            fields={"rating": rating, "rated_at": timezone.now()},
        )
        if rating == Demand.Rating.UNSATISFIED and demand.reopened_at is None:
            reopen_demand(demand=demand)
    return demand


@tallies.tracked
def reopen_demand(*, demand: Demand) -> Demand:
    """复核: the system sends an unsatisfied demand to the parent union of the one that
    answered it, with a new 办结 limit; this happens once per demand."""
    if demand.reopened_at is not None:
        raise InvalidTransition(_("该诉求已复核过一次"))
    reviewer = demand.organization.parent or demand.organization
    now = timezone.now()
    _accept_due, finish_due = limits(demand.demand_type, now)
    return _hand_over(
        demand,
        "reopen",
        by=None,
        to=reviewer,
        kind=DemandHop.Kind.REVIEW,
        reason=_("职工不满意，提交上级工会复核"),
        extra={"reopened_at": now, "finish_due_at": finish_due, "rating": ""},
    )


@tallies.tracked
def close_demand(*, demand: Demand, by, note: str = "") -> Demand:
    _require_handler(by)
    now = timezone.now()
    with transaction.atomic():
        _end_hop(demand, now, WorkingCalendar.load())
        return _apply(demand, "close", by=by, note=note, fields={"closed_at": now})


def note_verb(*, demand: Demand, verb: str, by, note: str = "") -> Demand:
    verbs = {"accept": accept_demand, "handle": handle_demand, "close": close_demand}
    if verb not in verbs:
        raise InvalidTransition(_("未知操作：%(verb)s") % {"verb": verb})
    return verbs[verb](demand=demand, by=by, note=note)


# --- Privacy ------------------------------------------------------------------------------


def record_content_read(*, by, demand: Demand) -> None:
    """Opening a demand shows the worker's account of their problem: each read is audited."""
    privacy.record_reveal(
        by=by,
        target=demand,
        fields=["summary", "content", "employer", "location"],
        summary=_("查阅职工诉求 %(ticket)s 的内容") % {"ticket": demand.ticket},
    )


def reveal_contact(*, by, demand: Demand) -> dict[str, str]:
    """The worker's full name and phone, once, audited; needs the permission."""
    return privacy.reveal(
        by=by,
        target=demand,
        fields=("worker_name", "worker_phone"),
        what=_("诉求人姓名和电话"),
        permission=permissions.SENSITIVE,
        message=_("您没有查看诉求人联系方式的权限"),
    )


# --- The nightly sweep --------------------------------------------------------------------


def _due_field(demand: Demand) -> dt.datetime:
    return demand.accept_due_at if demand.status == Status.RECEIVED else demand.finish_due_at


@tallies.tracked
def escalate_demand(*, demand: Demand, now: dt.datetime | None = None) -> Demand:
    """At its limit the demand is flagged overdue and put on the 督办 list of the parent of
    the union holding it (the union itself when it has no parent)."""
    now = now or timezone.now()
    if demand.is_escalated or demand.status not in OPEN or _due_field(demand) > now:
        raise InvalidTransition(_("诉求未到期限或已督办"))
    supervisor = demand.organization.parent or demand.organization
    chain = demand.chain_path if supervisor.path.startswith(demand.chain_path) else supervisor.path
    with transaction.atomic():
        won = Demand.objects.filter(pk=demand.pk, is_escalated=False).update(
            is_overdue=True,
            is_escalated=True,
            escalated_at=now,
            supervising_org=supervisor,
            supervising_path=supervisor.path,
            chain_path=chain,
            updated_at=now,
        )
        if not won:
            raise InvalidTransition(_("诉求已督办"))
        demand.is_overdue = demand.is_escalated = True
        demand.escalated_at, demand.supervising_org = now, supervisor
        demand.supervising_path, demand.chain_path = supervisor.path, chain
        _log(
            demand,
            "escalate",
            by=None,
            label=_("系统"),
            note=_("超过期限，列入%(org)s督办") % {"org": supervisor.name},
        )
    return demand


def remind_demand(*, demand: Demand, now: dt.datetime | None = None) -> Demand:
    now = now or timezone.now()
    with transaction.atomic():
        if not Demand.objects.filter(pk=demand.pk, reminded_at__isnull=True).update(
            reminded_at=now
        ):
            return demand
        demand.reminded_at = now
        _log(
            demand,
            "remind",
            by=None,
            label=_("系统"),
            note=_("即将到期（%(due)s），请抓紧办理")
            % {"due": timezone.localtime(_due_field(demand)).strftime("%Y-%m-%d")},
        )
    return demand


def sweep_overdue(*, now: dt.datetime | None = None, batch: int = 500) -> dict[str, int]:
    """催办 the open demands whose limit falls within their type's reminder days, and 督办 those
    past their limit. Run nightly by the scheduler."""
    now = now or timezone.now()
    calendar = WorkingCalendar.load()
    counts = {"reminded": 0, "escalated": 0}
    late = Demand.objects.filter(is_escalated=False).filter(
        Q(status=Status.RECEIVED, accept_due_at__lte=now)
        | Q(
            status__in=[Status.ACCEPTED, Status.HANDLING, Status.REVIEWING],
            finish_due_at__lte=now,
        )
    )
    for demand in (
        late.select_related("organization__parent").order_by("pk").iterator(chunk_size=batch)
    ):
        try:
            escalate_demand(demand=demand, now=now)
        except InvalidTransition:
            continue
        counts["escalated"] += 1
    horizon = now + dt.timedelta(days=10)
    soon = Demand.objects.filter(
        status__in=OPEN, reminded_at__isnull=True, is_escalated=False, finish_due_at__lte=horizon
    ).select_related("demand_type")
    for demand in soon.order_by("pk").iterator(chunk_size=batch):
        due = _due_field(demand)
        if due <= now:
            continue
        if calendar.working_days_after(now, max(demand.demand_type.remind_days, 1)) >= due:
            remind_demand(demand=demand, now=now)
            counts["reminded"] += 1
    return counts
