"""Reads of activities: the scoped filtered list, details, statistics and export rows."""

import calendar
import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils.translation import gettext as _

from gonghui.campaigns.selectors import campaigns_for_user
from gonghui.core.pagination import capped_count
from gonghui.organizations.models import Department, Organization
from gonghui.organizations.paths import subtree_range
from gonghui.organizations.scoping import DataScope

from . import search
from .models import (
    METRIC_FIELDS,
    METRICS,
    Activity,
    ActivityDailyRollup,
    ActivityPhoto,
    ActivityRollup,
    ActivityType,
    fen_to_yuan,
)
from .permissions import can_change
from .rollups import SUM_FIELDS


@dataclass
class ActivityFilter:
    organization: Organization | None = None
    department_id: int | None = None
    type_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    q: str = ""


def _filtered(qs, filters: ActivityFilter, *, path_field="org_path", date_field="start_date"):
    if filters.organization is not None:
        low, high = subtree_range(filters.organization.path)
        qs = qs.filter(**{f"{path_field}__gte": low, f"{path_field}__lt": high})
    if filters.department_id:
        qs = qs.filter(department_id=filters.department_id)
    if filters.type_id:
        qs = qs.filter(activity_type_id=filters.type_id)
    if filters.date_from:
        qs = qs.filter(**{f"{date_field}__gte": filters.date_from})
    if filters.date_to:
        qs = qs.filter(**{f"{date_field}__lte": filters.date_to})
    return qs


def _visible(user, filters: ActivityFilter):
    """The scoped queryset with one org_path range: when the user's scope is a subtree and an
    organisation inside it is chosen, its own range implies the scope's (two ranges on one
    column would let the planner pick the wide one)."""
    org = filters.organization
    if (
        org is not None
        and user.scope.data_scope in (DataScope.ALL, DataScope.SUBTREE)
        and org.path.startswith(user.scope.org_path)
    ):
        return Activity.objects.in_subtree(org), replace(filters, organization=None)
    return Activity.objects.visible_to(user), filters


def activities_for_user(user, filters: ActivityFilter | None = None):
    filters = filters or ActivityFilter()
    qs, filters = _visible(user, filters)
    qs = _filtered(qs, filters)
    if filters.q:
        qs = qs.filter(search.matching(filters.q))
    return qs.select_related("activity_type", "department", "organization").order_by(
        "-start_date", "-id"
    )


def activities_for_indicator(*, indicator, user):
    """The activities tagged to a campaign indicator that the user may see (for its ledger)."""
    return (
        Activity.objects.visible_to(user)
        .filter(indicators=indicator)
        .select_related("activity_type", "department", "organization")
        .order_by("-start_date", "-id")
    )


def get_activity_for_user(user, pk, *, for_write: bool = False) -> Activity:
    try:
        activity = (
            Activity.objects.visible_to(user)
            .select_related("organization", "department", "activity_type", "created_by")
            .get(pk=pk)
        )
    except (Activity.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("活动不存在或无权访问")) from exc
    if for_write and not can_change(user, activity):
        raise Http404(_("活动不存在或无权访问"))
    return activity


def activity_types(*, active_only: bool = True) -> list[ActivityType]:
    qs = ActivityType.objects.all()
    return list(qs.filter(is_active=True) if active_only else qs)


class ActivityList:
    """The newest-first activity list for Paginator and the API at a million rows.

    When the filters can be answered from the roll-ups, the count is a sum of monthly counts
    and a page is read only from the months that can hold it (a date floor), walking the
    (start_date, id) index from the newest end; otherwise it is the plain queryset.
    """

    # Above this many rows, reading a page via the date index beats sorting the subtree.
    LARGE = 20_000
    # A keyword search counts its matches up to here and says "1 000+" beyond.
    SEARCH_CAP = 1_000
    # A common word's page is looked for among this many of the scope's newest activities,
    # read this many at a time.
    SEARCH_WINDOW = 20_000
    SEARCH_CHUNK = 2_000

    def __init__(self, user, filters: ActivityFilter | None = None):
        filters = filters or ActivityFilter()
        self.user, self.filters = user, filters
        self.qs = activities_for_user(user, filters)
        self.months = _months(user, filters)
        self._count = None
        self._capped = False
        self.searching = bool(filters.q)

    def count(self) -> int:
        if self._count is None:
            if self.searching:
                self._count, self._capped = capped_count(self.qs, self.SEARCH_CAP)
            elif self.months is None:
                self._count = self.qs.count()
            else:
                self._count = sum(n for _month, n in self.months)
        return self._count

    @property
    def capped(self) -> bool:
        """True when count() stopped at the search cap (there are more)."""
        self.count()
        return self._capped

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        start, stop = key.start or 0, key.stop
        if self.searching and stop is not None:
            return self._search_page(start, stop)
        if self.months is None or stop is None:
            return list(self.qs[key])
        qs, seen = self.qs, 0
        for month, n in self.months:
            seen += n
            if seen >= stop:
                qs = qs.filter(start_date__gte=month)
                break
        if connection.vendor == "sqlite" and self.count() > self.LARGE:
            return _page_by_date_index(qs, start, stop)
        return list(qs[start:stop])

    def _search_page(self, start: int, stop: int) -> list[Activity]:
        """A page of keyword hits, newest first.

        A rare word's hits are few: the n-gram index finds them all and only their ids are
        sorted. A common one ("讲座" in one activity of forty, more than SEARCH_CAP hits)
        matches tens of thousands of rows, and sorting them all by date to show twenty cost
        0.5–1 s at a million activities; its page is found instead by walking the scope newest
        first, SEARCH_CHUNK activities at a time, checking each chunk against the exact text,
        and stopping as soon as the page is full — a few chunks, since hits are common. A walk
        that has not filled the page after SEARCH_WINDOW activities gives way to the index.
        Either way the page's rows are then read once, by id."""
        ids = self._walk(start, stop) if self.count() >= self.SEARCH_CAP else None
        if ids is None:
            ids = list(self.qs.values_list("pk", flat=True)[start:stop])
        rows = Activity.objects.select_related(
            "activity_type", "department", "organization"
        ).in_bulk(ids)
        return [rows[i] for i in ids if i in rows]

    def _walk(self, start: int, stop: int) -> list[int] | None:
        plain = replace(self.filters, q="")
        base = activities_for_user(self.user, plain)
        exact = search.exact(self.filters.q)
        # Where each chunk ends comes from the daily roll-ups of the scope (a few rows a
        # chunk); without them (a scope that is not a subtree) from the activities themselves.
        anchor = _rollup_anchor(self.user, plain, whole_months=False)
        days = _days_newest_first(anchor, plain) if anchor is not None else None
        # On SQLite the whole province walks the date index by name (see _values); a smaller
        # subtree reads its (org_path, start_date) index.
        by_date = connection.vendor == "sqlite" and _whole_tree(self.user, plain)
        hits: list[int] = []
        before = None  # the chunks walked so far hold every activity from this day on
        walked = 0
        while walked < self.SEARCH_WINDOW:
            chunk = base if before is None else base.filter(start_date__lt=before)
            if days is not None:
                edge, n = _edge_day(days, self.SEARCH_CHUNK)
            else:
                oldest = chunk.values_list("start_date")[self.SEARCH_CHUNK - 1 :][:1]
                rows = _values(oldest, by_date)
                edge, n = (rows[0][0] if rows else None), self.SEARCH_CHUNK
            # A chunk takes its oldest day whole; without an edge it is the rest of the scope.
            window = chunk.filter(start_date__gte=edge) if edge else chunk
            hits += [pk for (pk,) in _values(window.filter(exact).values_list("pk"), by_date)]
            if len(hits) >= stop or edge is None:
                return hits[start:stop]
            before, walked = edge, walked + n
        return None


def _days_newest_first(anchor: list[int], filters: ActivityFilter):
    """(day, activities) of the scope, newest first, from the daily roll-ups, read lazily."""
    qs = _daily_filtered(anchor, filters, filters.date_from, filters.date_to)
    qs = qs.values("day").annotate(n=Sum("num_activities")).order_by("-day")
    before = None
    while True:
        rows = list((qs if before is None else qs.filter(day__lt=before))[:60])
        yield from ((r["day"], r["n"]) for r in rows)
        if len(rows) < 60:
            return
        before = rows[-1]["day"]


def _edge_day(days, size: int) -> tuple[dt.date | None, int]:
    """The day on which `size` more activities have been counted (None when the days run out
    first), and how many were counted."""
    seen = 0
    for day, n in days:
        seen += n
        if seen >= size:
            return day, seen
    return None, seen


def _whole_tree(user, filters: ActivityFilter) -> bool:
    """True when the scope is a whole province (or everything)."""
    org = filters.organization
    if org is None:
        if user.scope.data_scope == DataScope.ALL:
            return True
        if user.scope.data_scope != DataScope.SUBTREE:
            return False
        org = user.organization
    return org is not None and org.parent_id is None


def _months(user, filters: ActivityFilter) -> list[tuple[dt.date, int]] | None:
    """(month, activities) newest first from the monthly roll-ups, or None when they cannot
    answer these filters."""
    anchor = _rollup_anchor(user, filters)
    if anchor is None:
        return None
    rows = (
        _rollup_rows(anchor, filters)
        .values("month")
        .annotate(n=Sum("num_activities"))
        .order_by("-month")
    )
    return [(r["month"], r["n"]) for r in rows]


def _values(qs, by_date_index: bool) -> list[tuple]:
    """The rows of a values_list queryset, on SQLite walking the (start_date, id) index when
    asked: it cannot tell a wide subtree range from a narrow one and would scan the subtree."""
    if not by_date_index:
        return list(qs)
    sql, params = qs.query.sql_with_params()
    table = connection.ops.quote_name(Activity._meta.db_table)
    sql = sql.replace(f"FROM {table}", f"FROM {table} INDEXED BY activity_date_id", 1)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _page_by_date_index(qs, start: int, stop: int) -> list[Activity]:
    """SQLite cannot tell a wide subtree range from a narrow one; name the index to walk."""
    ids = [pk for (pk,) in _values(qs.values_list("pk")[start:stop], True)]
    found = qs.in_bulk(ids)
    return [found[i] for i in ids if i in found]


# --- statistics -----------------------------------------------------------------------------


@dataclass
class Statistics:
    totals: dict
    by_type: list[dict]
    by_month: list[dict]
    by_department: list[dict]
    source: str  # "rollup" or "activities", for tests and the bench

    @property
    def money_total(self) -> Decimal:
        return fen_to_yuan(self.totals["money_fen"])


def _rollup_anchor(user, filters: ActivityFilter, *, whole_months: bool = True):
    """The ancestor ids whose roll-up rows answer this query, or None when they cannot (a
    keyword, a scope that is not a subtree or, for the monthly rows alone, a period that is
    not whole months)."""
    if filters.q:
        return None
    if whole_months and not _whole_months(filters):
        return None
    scope = user.scope
    if scope.data_scope not in (DataScope.ALL, DataScope.SUBTREE):
        return None
    if filters.organization is not None:
        return [filters.organization.pk]
    if scope.data_scope == DataScope.ALL:
        return list(Organization.objects.roots().values_list("pk", flat=True))
    return [scope.organization_id]


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _whole_months(filters: ActivityFilter) -> bool:
    if filters.date_from and filters.date_from.day != 1:
        return False
    return not (filters.date_to and filters.date_to != _month_end(filters.date_to))


def split_period(date_from: dt.date | None, date_to: dt.date | None):
    """(months, days): the whole months of the period as a (first, last) month range, or None,
    and the at most two ranges of days at its edges that are not whole months."""
    if date_from and date_to and date_from > date_to:
        return None, []
    first = date_from
    if date_from and date_from.day != 1:
        edge_end = _month_end(date_from)
        if date_to and date_to <= edge_end:
            return None, [(date_from, date_to)]
        days = [(date_from, edge_end)]
        first = edge_end + dt.timedelta(days=1)
    else:
        days = []
    last = date_to
    if date_to and date_to != _month_end(date_to):
        days.append((date_to.replace(day=1), date_to))
        last = date_to.replace(day=1) - dt.timedelta(days=1)
    if first and last and first > last:
        return None, days
    return (first, last), days


def _rollup_rows(anchor: list[int], filters: ActivityFilter, *, months=None):
    """Monthly roll-up rows of the anchor; `months` (first, last) instead of the filter's dates."""
    qs = ActivityRollup.objects.filter(ancestor_id__in=anchor, num_activities__gt=0)
    if filters.department_id:
        qs = qs.filter(department_id=filters.department_id)
    if filters.type_id:
        qs = qs.filter(activity_type_id=filters.type_id)
    low, high = months if months is not None else (filters.date_from, filters.date_to)
    if low:
        qs = qs.filter(month__gte=low)
    if high:
        qs = qs.filter(month__lte=high)
    return qs


def _daily_filtered(anchor: list[int], filters: ActivityFilter, low, high):
    """Daily roll-up rows of the anchor for the filters' department and type, days low–high
    (either may be None: open)."""
    qs = ActivityDailyRollup.objects.filter(ancestor_id__in=anchor, num_activities__gt=0)
    if low:
        qs = qs.filter(day__gte=low)
    if high:
        qs = qs.filter(day__lte=high)
    if filters.department_id:
        qs = qs.filter(department_id=filters.department_id)
    if filters.type_id:
        qs = qs.filter(activity_type_id=filters.type_id)
    return qs


def _daily_rows(anchor: list[int], filters: ActivityFilter, low: dt.date, high: dt.date):
    return _daily_filtered(anchor, filters, low, high).annotate(month=TruncMonth("day"))


def _combined(anchor: list[int], filters: ActivityFilter):
    """by_type, by_month, by_department from the monthly roll-up of the whole months and the
    daily roll-up of the edge days, summed per key."""
    months, days = split_period(filters.date_from, filters.date_to)
    sources = [_daily_rows(anchor, filters, low, high) for low, high in days]
    if months is not None:
        sources.append(_rollup_rows(anchor, filters, months=months))
    groups = []
    for key in ("activity_type_id", "month", "department_id"):
        cells = []
        for qs in sources:
            if key == "department_id":
                qs = qs.exclude(department_id=0)
            cells.extend(_group(qs, key))
        groups.append(_fold(cells, "key"))
    return groups


def _group(qs, key: str | None) -> list[dict]:
    """Sums per `key` (or per the values() already chosen when key is None)."""
    if "num_activities" in _fields(qs):
        sums = {f: Sum(f) for f in SUM_FIELDS}
    else:
        sums = {"num_activities": Count("pk")} | {f: Sum(f) for f in METRIC_FIELDS}
    if key is None:
        return [r | {f: r[f] or 0 for f in SUM_FIELDS} for r in qs.annotate(**sums)]
    rows = qs.values(key).annotate(**sums).order_by(key)
    return [{"key": r[key], **{f: r[f] or 0 for f in SUM_FIELDS}} for r in rows]


def _fold(cells: list[dict], key: str) -> list[dict]:
    folded: dict = {}
    for cell in cells:
        row = folded.setdefault(cell[key], {"key": cell[key], **dict.fromkeys(SUM_FIELDS, 0)})
        for f in SUM_FIELDS:
            row[f] += cell[f]
    return [folded[k] for k in sorted(folded, key=lambda k: (k is None, k))]


def _fields(qs) -> set[str]:
    return {f.name for f in qs.model._meta.get_fields()}


def activity_statistics(
    user, filters: ActivityFilter | None = None, *, from_rollups: bool = True
) -> Statistics:
    """Counts and metric sums by type, month and department: from the monthly roll-up for whole
    months plus the daily roll-up for the edge days of any other period; from the activities
    themselves only for a keyword, a scope that is not a subtree, or `from_rollups=False` (the
    recount the roll-ups are checked against)."""
    filters = filters or ActivityFilter()
    anchor = _rollup_anchor(user, filters, whole_months=False) if from_rollups else None
    if anchor is not None and _whole_months(filters):
        qs = _rollup_rows(anchor, filters)
        by_type = _group(qs, "activity_type_id")
        by_month = _group(qs, "month")
        by_dept = _group(qs.exclude(department_id=0), "department_id")
        source = "rollup"
    elif anchor is not None:
        by_type, by_month, by_dept = _combined(anchor, filters)
        source = "rollup+daily"
    else:
        # One grouped pass over the (small) filtered set, folded three ways in Python: a GROUP
        # BY on one column would tempt the planner into walking that column's index instead.
        cells = _group(
            activities_for_user(user, filters)
            .order_by()
            .annotate(m=TruncMonth("start_date"))
            .values("activity_type_id", "m", "department_id"),
            None,
        )
        by_type = _fold(cells, "activity_type_id")
        by_month = _fold(cells, "m")
        by_dept = [r for r in _fold(cells, "department_id") if r["key"] is not None]
        source = "activities"
    types = {t.pk: t.name for t in ActivityType.objects.all()}
    for row in by_type:
        row["label"] = types.get(row["key"], "")
    for row in by_month:
        row["label"] = f"{row['key']:%Y-%m}"
    names = dict(
        Department.objects.filter(pk__in=[r["key"] for r in by_dept]).values_list("pk", "name")
    )
    for row in by_dept:
        row["label"] = names.get(row["key"], "")
    by_dept.sort(key=lambda r: -r["num_activities"])
    totals = {f: sum(r[f] for r in by_type) for f in SUM_FIELDS}
    for row in (*by_type, *by_month, *by_dept):
        row["money"] = fen_to_yuan(row["money_fen"])
    return Statistics(totals, by_type, by_month, by_dept, source)


METRIC_LABELS = [(name, str(label), str(unit)) for name, label, unit in METRICS]

EXPORT_HEADERS = [
    "活动名称",
    "活动类型",
    "组织单位",
    "部门",
    "开始日期",
    "结束日期",
    "地点",
    "参与人数",
    "参与人次",
    "场次/项目",
    "金额（元）",
    "物品数量",
    "物品单位",
    "浏览量",
    "评选表彰（个）",
    "活动简介",
]


def export_rows(qs):
    """Plain rows for the Excel renderer, in the import template's column order."""
    org_names: dict[int, str] = {}
    for chunk_start in range(0, 10**9, 2000):
        chunk = list(
            qs.select_related(None).select_related("activity_type", "department")[
                chunk_start : chunk_start + 2000
            ]
        )
        if not chunk:
            break
        missing = {a.organization_id for a in chunk} - org_names.keys()
        org_names.update(Organization.objects.filter(pk__in=missing).values_list("pk", "name"))
        for a in chunk:
            yield [
                a.title,
                a.activity_type.name,
                org_names.get(a.organization_id, ""),
                a.department.name if a.department else "",
                a.start_date,
                a.end_date,
                a.place,
                a.participants,
                a.attendances,
                a.sessions,
                a.money,
                a.items,
                a.items_unit,
                a.reach,
                a.awards,
                a.description,
            ]


def indicators_of(activity: Activity, user) -> list:
    """The campaign indicators the activity is tagged to, within campaigns the user may see."""
    return list(
        activity.indicators.filter(campaign__in=campaigns_for_user(user))
        .select_related("campaign")
        .order_by("campaign_id", "position")
    )


def get_activity_type(pk) -> ActivityType:
    try:
        return ActivityType.objects.get(pk=pk)
    except (ActivityType.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("活动类型不存在")) from exc


def get_photo_of(activity: Activity, pk) -> ActivityPhoto:
    """One photo of this activity (the caller has resolved the activity through the scope)."""
    try:
        return ActivityPhoto.objects.get(activity=activity, pk=pk)
    except (ActivityPhoto.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("照片不存在")) from exc


def activity_counts_by_child(user, parent: Organization, start: dt.date, end: dt.date) -> dict:
    """Activities per child organisation of `parent` (its whole subtree) from `start` to `end`,
    read from the roll-ups like the statistics: the monthly rows for the whole months and the
    daily rows for the edge days (1 January to a mid-month day counts that month's days only).
    {child id: count}, children in the user's scope; one grouped query per source."""
    children = Organization.objects.visible_to(user).filter(parent=parent).values("pk")
    months, days = split_period(start, end)
    sources = [
        ActivityDailyRollup.objects.filter(ancestor_id__in=children, day__gte=low, day__lte=high)
        for low, high in days
    ]
    if months is not None:
        sources.append(
            ActivityRollup.objects.filter(
                ancestor_id__in=children, month__gte=months[0], month__lte=months[1]
            )
        )
    counts: dict[int, int] = {}
    for qs in sources:
        for row in qs.values("ancestor_id").annotate(n=Sum("num_activities")).order_by():
            counts[row["ancestor_id"]] = counts.get(row["ancestor_id"], 0) + (row["n"] or 0)
    return counts
