"""Reads of activities: the scoped filtered list, details, statistics and export rows."""

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.http import Http404

from gonghui.organizations.models import Department, Organization
from gonghui.organizations.paths import subtree_range
from gonghui.organizations.scoping import DataScope

from .models import METRIC_FIELDS, METRICS, Activity, ActivityRollup, ActivityType, fen_to_yuan
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


def activities_for_user(user, filters: ActivityFilter | None = None):
    filters = filters or ActivityFilter()
    qs = _filtered(Activity.objects.visible_to(user), filters)
    if filters.q:
        qs = qs.filter(title__contains=filters.q)
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
        raise Http404("活动不存在或无权访问") from exc
    if for_write:
        from .permissions import can_change

        if not can_change(user, activity):
            raise Http404("活动不存在或无权访问")
    return activity


def activity_types(*, active_only: bool = True) -> list[ActivityType]:
    qs = ActivityType.objects.all()
    return list(qs.filter(is_active=True) if active_only else qs)


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


def _rollup_anchor(user, filters: ActivityFilter):
    """The ancestor ids whose roll-up rows answer this query, or None when they cannot."""
    if filters.q:
        return None
    if filters.date_from and filters.date_from.day != 1:
        return None
    if filters.date_to:
        last = calendar.monthrange(filters.date_to.year, filters.date_to.month)[1]
        if filters.date_to.day != last:
            return None
    scope = user.scope
    if scope.data_scope not in (DataScope.ALL, DataScope.SUBTREE):
        return None
    if filters.organization is not None:
        return [filters.organization.pk]
    if scope.data_scope == DataScope.ALL:
        return list(Organization.objects.roots().values_list("pk", flat=True))
    return [scope.organization_id]


def _group(qs, key: str) -> list[dict]:
    sums = {f: Sum(f) for f in SUM_FIELDS} if "num_activities" in _fields(qs) else None
    if sums is None:
        sums = {"num_activities": Count("pk")} | {f: Sum(f) for f in METRIC_FIELDS}
    rows = qs.values(key).annotate(**sums).order_by(key)
    return [{"key": r[key], **{f: r[f] or 0 for f in SUM_FIELDS}} for r in rows]


def _fields(qs) -> set[str]:
    return {f.name for f in qs.model._meta.get_fields()}


def activity_statistics(user, filters: ActivityFilter | None = None) -> Statistics:
    """Counts and metric sums by type, month and department, aggregated in SQL."""
    filters = filters or ActivityFilter()
    anchor = _rollup_anchor(user, filters)
    if anchor is not None:
        qs = ActivityRollup.objects.filter(ancestor_id__in=anchor)
        if filters.department_id:
            qs = qs.filter(department_id=filters.department_id)
        if filters.type_id:
            qs = qs.filter(activity_type_id=filters.type_id)
        if filters.date_from:
            qs = qs.filter(month__gte=filters.date_from)
        if filters.date_to:
            qs = qs.filter(month__lte=filters.date_to)
        qs = qs.filter(num_activities__gt=0)
        by_type = _group(qs, "activity_type_id")
        by_month = _group(qs, "month")
        by_dept = _group(qs.exclude(department_id=0), "department_id")
        source = "rollup"
    else:
        qs = activities_for_user(user, filters).order_by()
        by_type = _group(qs, "activity_type_id")
        by_month = _group(qs.annotate(m=TruncMonth("start_date")), "m")
        by_dept = _group(qs.filter(department__isnull=False), "department_id")
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
