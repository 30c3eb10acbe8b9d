"""Keeping the roll-ups in step: one `ActivityRollup` row per (ancestor, month, type, department)
and one `ActivityDailyRollup` row per (ancestor, day, type, department), with sums."""

import datetime as dt

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Max

from gonghui.organizations.models import Organization
from gonghui.organizations.paths import child_path, ids_in

from .models import METRIC_FIELDS, Activity, ActivityDailyRollup, ActivityRollup

SUM_FIELDS = ["num_activities", *METRIC_FIELDS]


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _key_values(activity: Activity) -> tuple[dt.date, int, int]:
    return (
        month_of(activity.start_date),
        activity.activity_type_id,
        activity.department_id or 0,
    )


def apply(activity: Activity, sign: int) -> None:
    """Add (sign=1) or remove (sign=-1) one activity under every organisation on its path, in
    its month and on its day."""
    month, type_id, dept_id = _key_values(activity)
    deltas = {"num_activities": sign} | {f: sign * getattr(activity, f) for f in METRIC_FIELDS}
    for ancestor_id in ids_in(activity.org_path):
        base = {"ancestor_id": ancestor_id, "activity_type_id": type_id, "department_id": dept_id}
        _add(ActivityRollup, base | {"month": month}, deltas)
        _add(ActivityDailyRollup, base | {"day": activity.start_date}, deltas)


def _add(model, key: dict, deltas: dict) -> None:
    changes = {f: F(f) + v for f, v in deltas.items()}
    if model.objects.filter(**key).update(**changes):
        return
    try:
        with transaction.atomic():
            model.objects.create(**key, **deltas)
    except IntegrityError:  # created meanwhile by a concurrent writer
        model.objects.filter(**key).update(**changes)


def _month_sql() -> str:
    if connection.vendor == "postgresql":
        return "CAST(date_trunc('month', a.start_date) AS date)"
    return "strftime('%%Y-%%m-01', a.start_date)"  # %% as the query takes parameters


def _rebuild(model, column: str, value: str) -> None:
    """Fill one roll-up table from the activities, one INSERT … SELECT per tree level."""
    seg = len(child_path("", 1))  # characters per tree level
    max_depth = Organization.objects.aggregate(d=Max("depth"))["d"] or 0
    table, activity = model._meta.db_table, Activity._meta.db_table
    orgs = Organization._meta.db_table
    metrics = ", ".join(METRIC_FIELDS)
    sums = ", ".join(f"SUM(a.{f})" for f in METRIC_FIELDS)
    model.objects.all().delete()
    with connection.cursor() as cursor:
        for depth in range(1, max_depth + 1):
            cursor.execute(
                f"INSERT INTO {table} (ancestor_id, {column}, activity_type_id, department_id, "
                f"num_activities, {metrics}) "
                f"SELECT o.id, {value}, a.activity_type_id, COALESCE(a.department_id, 0), "
                f"COUNT(*), {sums} FROM {activity} a "
                f"JOIN {orgs} o ON o.path = substr(a.org_path, 1, %s) "
                f"WHERE length(a.org_path) >= %s "
                f"GROUP BY o.id, {value}, a.activity_type_id, COALESCE(a.department_id, 0)",
                [seg * depth, seg * depth],
            )


@transaction.atomic
def rebuild_daily_rollups() -> None:
    _rebuild(ActivityDailyRollup, "day", "a.start_date")


@transaction.atomic
def rebuild_rollups() -> int:
    """Recompute every roll-up row (monthly and daily) from the activities in SQL, one pass per
    tree level (after bulk loads or repairs): the activity's ancestor at level d is the
    organisation whose path is the first d segments of the activity's org_path."""
    _rebuild(ActivityRollup, "month", _month_sql())
    _rebuild(ActivityDailyRollup, "day", "a.start_date")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return ActivityRollup.objects.count()
