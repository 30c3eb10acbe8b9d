"""Writes of notices: open (scheduled or now), post and close by the clock, withdraw; objections
lodged by the public and closed by the handling staff; the office's working-calendar days."""

import datetime as dt
import re
from collections.abc import Iterable, Mapping

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core import audit, privacy, workflow
from gonghui.core.exceptions import InvalidTransition, PermissionDenied, ValidationFailed
from gonghui.core.models import CalendarDay
from gonghui.core.workdays import WorkingCalendar, calendar_days_after

from . import permissions, signals
from .models import Notice, NoticeEntry, Objection
from .workflow import OBJECTION_TRANSITIONS, TRANSITIONS, ObjectionStatus, Status

PHONE_RE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")
MAX_ENTRIES = 5000


def _fail(field: str, message: str):
    raise ValidationFailed(message, field=field, errors={field: message})


def period_end(start: dt.datetime, *, working_days: int = 5, calendar_days: int | None = None):
    """The exclusive end of a period begun at `start`: `calendar_days` natural days when given,
    otherwise `working_days` days of the official calendar (调休 make-up days count)."""
    if calendar_days is not None:
        if calendar_days < 1:
            _fail("calendar_days", _("公示期至少 1 天"))
        return calendar_days_after(start, calendar_days)
    if working_days < 1:
        _fail("working_days", _("公示期至少 1 个工作日"))
    return WorkingCalendar.load().working_days_after(start, working_days)


def _source_fields(source) -> dict:
    if source is None:
        return {}
    return {"source_type": ContentType.objects.get_for_model(source), "source_id": source.pk}


def _entry(position: int, row: Mapping) -> NoticeEntry:
    """A public line: a full name given as `name` is masked here and never stored."""
    masked = row.get("masked_name") or privacy.mask_name(row.get("name", ""))
    return NoticeEntry(
        position=position,
        masked_name=str(masked)[:60],
        unit=str(row.get("unit", ""))[:100],
        detail=str(row.get("detail", ""))[:100],
        ref_id=row.get("ref_id"),
    )


@transaction.atomic
def open_notice(
    *,
    by,
    organization,
    title: str,
    intro: str = "",
    entries: Iterable[Mapping],
    working_days: int = 5,
    calendar_days: int | None = None,
    opens_at: dt.datetime | None = None,
    source=None,
    source_label: str = "",
    contact: str = "",
) -> Notice:
    """Put a notice up now (or schedule it for `opens_at`): its end is computed on the official
    working-day calendar unless `calendar_days` is given. `entries` are mappings with
    `name` (masked here) or `masked_name`, `unit`, `detail` and an optional `ref_id`."""
    title = (title or "").strip()
    if not title:
        _fail("title", _("请填写公示标题"))
    now = timezone.now()
    start = opens_at or now
    closes_at = period_end(start, working_days=working_days, calendar_days=calendar_days)
    lines = [_entry(i, row) for i, row in enumerate(entries, start=1)]
    if len(lines) > MAX_ENTRIES:
        _fail("entries", _("一次公示最多 %(n)s 条") % {"n": MAX_ENTRIES})
    notice = Notice.objects.create(
        organization=organization,
        org_path=organization.path,
        title=title[:100],
        intro=(intro or "").strip()[:2000],
        period_kind=(
            Notice.PeriodKind.CALENDAR if calendar_days is not None else Notice.PeriodKind.WORKING
        ),
        period_days=calendar_days if calendar_days is not None else working_days,
        opens_at=start,
        closes_at=closes_at,
        status=Status.SCHEDULED,
        source_label=(source_label or "")[:30],
        contact=(contact or "")[:100],
        created_by=by if getattr(by, "is_authenticated", False) else None,
        num_entries=len(lines),
        **_source_fields(source),
    )
    for line in lines:
        line.notice = notice
    NoticeEntry.objects.bulk_create(lines, batch_size=500)
    audit.record(
        by=by, action=audit.Action.CREATE, target=notice, summary=_("发起公示“%s”") % title
    )
    if start <= now:
        post_notice(notice=notice, now=now)
    return notice


def post_notice(*, notice: Notice, now: dt.datetime | None = None) -> Notice:
    """The clock puts a scheduled notice up once its start has come."""
    now = now or timezone.now()
    if notice.opens_at > now:
        raise InvalidTransition(_("公示尚未到开始时间"))
    return workflow.apply(notice, table=TRANSITIONS, verb="post", by=None)


def close_notice(*, notice: Notice, now: dt.datetime | None = None) -> Notice:
    """The clock ends a notice at the end of its period; the owning app hears of it."""
    now = now or timezone.now()
    if notice.closes_at > now:
        raise InvalidTransition(_("公示期尚未结束"))
    return workflow.apply(
        notice,
        table=TRANSITIONS,
        verb="close",
        by=None,
        fields={"closed_at": now},
        on_commit=lambda: signals.notice_closed.send(sender=Notice, notice=notice),
    )


def withdraw_notice(*, notice: Notice, by, reason: str) -> Notice:
    """Take a scheduled or running notice down (a wrong list, a cancelled round)."""
    if not (getattr(by, "is_authenticated", False) and by.has_perm(permissions.MANAGE)):
        raise PermissionDenied(_("您无权撤销公示"))
    reason = (reason or "").strip()
    if not reason:
        _fail("reason", _("请填写撤销原因"))
    return workflow.apply(
        notice,
        table=TRANSITIONS,
        verb="withdraw",
        by=by,
        note=reason[:200],
        fields={"withdrawn_reason": reason[:200], "closed_at": timezone.now()},
        on_commit=lambda: signals.notice_closed.send(sender=Notice, notice=notice),
    )


def run_clock(*, now: dt.datetime | None = None, batch: int = 200) -> tuple[int, int]:
    """Post every notice whose start has come and close every one whose period has ended;
    returns (posted, closed). A notice withdrawn meanwhile is left alone."""
    now = now or timezone.now()
    posted = closed = 0
    for notice in list(Notice.objects.due_to_open(now).order_by("opens_at")[:batch]):
        try:
            post_notice(notice=notice, now=now)
            posted += 1
        except InvalidTransition:
            continue
    for notice in list(Notice.objects.due_to_close(now).order_by("closes_at")[:batch]):
        try:
            close_notice(notice=notice, now=now)
            closed += 1
        except InvalidTransition:
            continue
    return posted, closed


# --- Objections -----------------------------------------------------------------------------


def _clean(value: str, *, field: str, label: str, max_length: int) -> str:
    value = (value or "").strip()
    if not value:
        _fail(field, _("请填写%(label)s") % {"label": label})
    if len(value) > max_length:
        _fail(field, _("%(label)s最多 %(n)s 个字") % {"label": label, "n": max_length})
    return value


@transaction.atomic
def lodge_objection(
    *,
    notice: Notice,
    name: str,
    phone: str,
    content: str,
    entry_id: int | None = None,
    is_bot: bool = False,
) -> Objection:
    """Anyone objects during the period, with a real name and a phone (checked). A robot
    (`is_bot`: it filled the honeypot) goes through the same checks and answer, and then
    everything is rolled back, so it cannot tell that nothing was saved."""
    if notice.status != Status.OPEN or notice.closes_at <= timezone.now():
        raise InvalidTransition(_("公示期已结束或尚未开始，不能提出异议"))
    name = _clean(name, field="name", label=_("真实姓名"), max_length=50)
    phone = re.sub(r"[\s-]", "", phone or "")
    if not PHONE_RE.match(phone):
        _fail("phone", _("请填写正确的手机号（11位）或固定电话"))
    content = _clean(content, field="content", label=_("异议内容"), max_length=2000)
    entry = None
    if entry_id:
        entry = NoticeEntry.objects.filter(notice=notice, pk=entry_id).first()
        if entry is None:
            _fail("entry", _("请选择公示名单中的对象"))
    objection = Objection.objects.create(
        notice=notice,
        entry=entry,
        organization_id=notice.organization_id,
        org_path=notice.org_path,
        name=name,
        phone=phone,
        phone_masked=privacy.mask_phone(phone),
        content=content,
    )
    workflow.log(objection, table=OBJECTION_TRANSITIONS, verb="lodge", by=None, source="")
    audit.record(
        by=None,
        action=audit.Action.CREATE,
        target=objection,
        summary=_("收到对公示“%(title)s”的异议") % {"title": notice.title},
    )
    if is_bot:
        transaction.set_rollback(True)
    return objection


def close_objection(
    *, objection: Objection, by, outcome: str, finding: str, answer: str
) -> Objection:
    """Staff record what they found and the answer; the owning app confirms or withdraws the
    nominee according to the outcome."""
    if not permissions.can_handle_objections(by, objection.organization_id):
        raise PermissionDenied(_("只有公示单位的经办人员可以办理异议"))
    if outcome not in Objection.Outcome.values:
        _fail("outcome", _("请选择处理结论"))
    finding = _clean(finding, field="finding", label=_("调查核实情况"), max_length=2000)
    answer = _clean(answer, field="answer", label=_("答复意见"), max_length=2000)
    ref_id = objection.entry.ref_id if objection.entry_id else None
    notice = objection.notice

    def tell():
        signals.objection_closed.send(
            sender=Objection,
            objection=objection,
            outcome=outcome,
            ref_id=ref_id,
            source_type_id=notice.source_type_id,
            source_id=notice.source_id,
        )

    return workflow.apply(
        objection,
        table=OBJECTION_TRANSITIONS,
        verb="close",
        by=by,
        note=Objection.Outcome(outcome).label,
        fields={
            "outcome": outcome,
            "finding": finding,
            "answer": answer,
            "handled_by": by,
            "handled_at": timezone.now(),
        },
        on_commit=tell,
    )


def reveal_objector(*, by, objection: Objection) -> dict[str, str]:
    """The objector's full phone for the handling staff who call back; audited."""
    values = privacy.reveal(
        by=by,
        target=objection,
        fields=["phone"],
        allowed=lambda user: permissions.can_handle_objections(user, objection.organization_id),
        message=_("只有公示单位的经办人员可以查看异议人联系方式"),
        summary=_("查看异议人联系方式"),
    )
    return {"name": objection.name, "phone": values["phone"]}


def has_open_objections(source) -> bool:
    """Whether any objection to the notices of `source` (the owning record) is still open."""
    kind = ContentType.objects.get_for_model(source)
    return Objection.objects.filter(
        notice__source_type=kind,
        notice__source_id=source.pk,
        status=ObjectionStatus.RECEIVED,
    ).exists()


# --- The working calendar --------------------------------------------------------------------


def set_calendar_day(*, by, date: dt.date, is_working_day: bool, name: str = "") -> CalendarDay:
    """The office sets one day's status (a year the library does not know yet, a local day)."""
    if not (getattr(by, "is_authenticated", False) and by.has_perm(permissions.CALENDAR)):
        raise PermissionDenied(_("您无权维护工作日历"))
    day, created = CalendarDay.objects.update_or_create(
        date=date, defaults={"is_working_day": is_working_day, "name": (name or "").strip()[:50]}
    )
    audit.record(
        by=by,
        action=audit.Action.CREATE if created else audit.Action.UPDATE,
        target=day,
        summary=_("工作日历：%(date)s 设为%(kind)s")
        % {"date": date.isoformat(), "kind": _("工作日") if is_working_day else _("休息日")},
    )
    return day


def remove_calendar_day(*, by, day: CalendarDay) -> None:
    if not (getattr(by, "is_authenticated", False) and by.has_perm(permissions.CALENDAR)):
        raise PermissionDenied(_("您无权维护工作日历"))
    audit.record(
        by=by,
        action=audit.Action.DELETE,
        target=day,
        summary=_("工作日历：删除 %(date)s 的调整") % {"date": day.date.isoformat()},
    )
    day.delete()
