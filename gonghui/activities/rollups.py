"""Keeping `ActivityRollup` in step: one row per (ancestor, month, type, department) with sums."""

import datetime as dt

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Max

from gonghui.organizations.models import Organization
from gonghui.organizations.paths import child_path, ids_in

from .models import METRIC_FIELDS, Activity, ActivityRollup

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
    """Add (sign=1) or remove (sign=-1) one activity under every organisation on its path."""
    month, type_id, dept_id = _key_values(activity)
    deltas = {"num_activities": sign} | {f: sign * getattr(activity, f) for f in METRIC_FIELDS}
    for ancestor_id in ids_in(activity.org_path):
        key = {
            "ancestor_id": ancestor_id,
            "month": month,
            "activity_type_id": type_id,
            "department_id": dept_id,
        }
        updated = ActivityRollup.objects.filter(**key).update(
            **{f: F(f) + v for f, v in deltas.items()}
        )
        if updated:
            continue
        try:
            with transaction.atomic():
                ActivityRollup.objects.create(**key, **deltas)
        except IntegrityError:  # created meanwhile by a concurrent writer
            ActivityRollup.objects.filter(**key).update(**{f: F(f) + v for f, v in deltas.items()})


def _month_sql() -> str:
    if connection.vendor == "postgresql":
        return "CAST(date_trunc('month', a.start_date) AS date)"
    return "strftime('%%Y-%%m-01', a.start_date)"  # %% as the query takes parameters


@transaction.atomic
def rebuild_rollups() -> int:
    """Recompute every roll-up row from the activities in SQL, one pass per tree level (after
    bulk loads or repairs): the activity's ancestor at level d is the organisation whose path
    is the first d segments of the activity's org_path."""
    ActivityRollup.objects.all().delete()
    seg = len(child_path("", 1))  # characters per tree level
    max_depth = Organization.objects.aggregate(d=Max("depth"))["d"] or 0
    rollup, activity = ActivityRollup._meta.db_table, Activity._meta.db_table
    orgs = Organization._meta.db_table
    metrics = ", ".join(METRIC_FIELDS)
    sums = ", ".join(f"SUM(a.{f})" for f in METRIC_FIELDS)
    month = _month_sql()
    with connection.cursor() as cursor:
        for depth in range(1, max_depth + 1):
            cursor.execute(
                f"INSERT INTO {rollup} (ancestor_id, month, activity_type_id, department_id, "
                f"num_activities, {metrics}) "
                f"SELECT o.id, {month}, a.activity_type_id, COALESCE(a.department_id, 0), "
                f"COUNT(*), {sums} FROM {activity} a "
                f"JOIN {orgs} o ON o.path = substr(a.org_path, 1, %s) "
                f"WHERE length(a.org_path) >= %s "
                f"GROUP BY o.id, {month}, a.activity_type_id, COALESCE(a.department_id, 0)",
                [seg * depth, seg * depth],
            )
        cursor.execute("ANALYZE")
    return ActivityRollup.objects.count()
