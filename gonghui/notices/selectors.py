"""Reads of notices: the scoped staff lists, the public page, objections for their handlers,
the year's working calendar."""

import datetime as dt
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.models import CalendarDay
from gonghui.core.workdays import WorkingCalendar, calendar_known, official_status

from . import permissions
from .models import Notice, NoticeEntry, Objection
from .workflow import ObjectionStatus, Status


@dataclass
class NoticeFilter:
    q: str = ""
    status: str = ""


def notices_for_user(user, filters: NoticeFilter | None = None):
    filters = filters or NoticeFilter()
    qs = Notice.objects.visible_to(user)
    if filters.status in Status.values:
        qs = qs.filter(status=filters.status)
    if filters.q:
        qs = qs.filter(title__contains=filters.q.strip())
    return qs.select_related("organization").order_by("-opens_at", "-pk")


def get_notice_for_user(user, pk) -> Notice:
    try:
        return (
            Notice.objects.visible_to(user).select_related("organization", "created_by").get(pk=pk)
        )
    except (Notice.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("公示不存在或无权访问")) from exc


def entries_of(notice: Notice):
    return NoticeEntry.objects.filter(notice=notice).order_by("position", "pk")


def history_of(notice: Notice):
    return notice.history.select_related("by").order_by("at", "pk")


def get_public_notice(pk) -> Notice:
    """A notice the public may open (running or ended); 404 for scheduled and withdrawn."""
    try:
        return (
            Notice.objects.public()
            .only(
                "id",
                "title",
                "intro",
                "status",
                "opens_at",
                "closes_at",
                "period_kind",
                "period_days",
                "contact",
                "num_entries",
                "organization__name",
            )
            .select_related("organization")
            .get(pk=pk)
        )
    except (Notice.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("公示不存在")) from exc


PUBLIC_ENTRIES_SECONDS = 600


def public_entries_key(notice: Notice) -> str:
    """The cache key of a notice's public lines. The lines never change once the notice is up
    (an upheld objection changes the nomination, not the notice), so a key made of the notice
    and its start is never stale."""
    return f"notices:public-entries:{notice.pk}:{notice.opens_at.timestamp():.6f}"


def public_entries(notice: Notice) -> list:
    """The public lines while the notice runs; none once it has ended. Kept in the cache for a
    while: the public page of a list of hundreds is read far more often than anything else."""
    if notice.status != Status.OPEN:
        return []
    return cache.get_or_set(
        public_entries_key(notice),
        lambda: list(
            NoticeEntry.objects.filter(notice_id=notice.pk)
            .order_by("position", "pk")
            .values("id", "position", "masked_name", "unit", "detail")
        ),
        PUBLIC_ENTRIES_SECONDS,
    )


def open_public_notices(limit: int = 20) -> list:
    return list(
        Notice.objects.filter(status=Status.OPEN)
        .select_related("organization")
        .only("id", "title", "opens_at", "closes_at", "num_entries", "organization__name")
        .order_by("-opens_at")[:limit]
    )


def notice_for_source(source) -> Notice | None:
    """The latest notice of an owning record (a round, an archive), if any."""
    kind = ContentType.objects.get_for_model(source)
    return (
        Notice.objects.filter(source_type=kind, source_id=source.pk)
        .order_by("-opens_at", "-pk")
        .first()
    )


def objection_counts(notice: Notice) -> dict:
    return Objection.objects.filter(notice=notice).aggregate(
        total=Count("id"), open=Count("id", filter=Q(status=ObjectionStatus.RECEIVED))
    )


# --- Objections: the notice's own organisation's handlers only ------------------------------


def objections_for_user(user, *, status: str = "", notice: Notice | None = None):
    if not getattr(user, "is_authenticated", False) or not (
        user.is_superuser or user.has_perm(permissions.HANDLE_OBJECTION)
    ):
        return Objection.objects.none()
    qs = Objection.objects.all()
    if not user.is_superuser:
        qs = qs.filter(organization_id=user.organization_id)
    if status in ObjectionStatus.values:
        qs = qs.filter(status=status)
    if notice is not None:
        qs = qs.filter(notice=notice)
    return qs.select_related("notice", "entry").order_by("-created_at", "-pk")


def get_objection_for_user(user, pk) -> Objection:
    try:
        objection = Objection.objects.select_related("notice", "entry", "handled_by").get(pk=pk)
    except (Objection.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("异议不存在或无权访问")) from exc
    if not permissions.can_handle_objections(user, objection.organization_id):
        raise Http404(_("异议不存在或无权访问"))
    return objection


def objection_history(objection: Objection):
    return objection.history.select_related("by").order_by("at", "pk")


def open_objections_exist(source) -> bool:
    kind = ContentType.objects.get_for_model(source)
    return Objection.objects.filter(
        notice__source_type=kind, notice__source_id=source.pk, status=ObjectionStatus.RECEIVED
    ).exists()


# --- The working calendar ---------------------------------------------------------------------


@dataclass
class CalendarLine:
    date: dt.date
    is_working_day: bool
    official: bool | None
    entered: CalendarDay | None

    @property
    def is_weekend(self) -> bool:
        return self.date.weekday() >= 5


def calendar_year(year: int) -> dict:
    """The days of `year` that differ from a plain Monday–Friday week (holidays on weekdays,
    调休 make-up working days on weekends) plus every day the office entered."""
    entered = {d.date: d for d in CalendarDay.objects.filter(date__year=year)}
    calendar = WorkingCalendar({day: e.is_working_day for day, e in entered.items()})
    lines = []
    day = dt.date(year, 1, 1)
    while day.year == year:
        working = calendar.is_working_day(day)
        if day in entered or working != (day.weekday() < 5):
            lines.append(CalendarLine(day, working, official_status(day), entered.get(day)))
        day += dt.timedelta(days=1)
    return {
        "year": year,
        "known": calendar_known(year),
        "library_knows": official_status(dt.date(year, 6, 1)) is not None,
        "lines": lines,
        "num_working_days": calendar.count_working_days(dt.date(year, 1, 1), dt.date(year, 12, 31)),
    }


def get_calendar_day(pk) -> CalendarDay:
    try:
        return CalendarDay.objects.get(pk=pk)
    except (CalendarDay.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("日历调整不存在")) from exc


def today() -> dt.date:
    return timezone.localdate()
