"""Keeping `ActivityRollup` in step: one row per (ancestor, month, type, department) with sums."""

import datetime as dt
from collections import defaultdict

from django.db import IntegrityError, connection, transaction
from django.db.models import F

from gonghui.organizations.paths import ids_in

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


class RollupBuilder:
    """Accumulates roll-up rows in memory (for bulk generation and full rebuilds)."""

    def __init__(self):
        self.cells: dict[tuple, list[int]] = defaultdict(lambda: [0] * len(SUM_FIELDS))

    def add(self, *, org_path, month, type_id, dept_id, metrics) -> None:
        for ancestor_id in ids_in(org_path):
            cell = self.cells[(ancestor_id, month, type_id, dept_id or 0)]
            cell[0] += 1
            for i, value in enumerate(metrics, start=1):
                cell[i] += value

    def write(self, *, batch_size: int = 5000) -> int:
        rows = [
            ActivityRollup(
                ancestor_id=a,
                month=m,
                activity_type_id=t,
                department_id=d,
                **dict(zip(SUM_FIELDS, sums, strict=True)),
            )
            for (a, m, t, d), sums in self.cells.items()
        ]
        ActivityRollup.objects.bulk_create(rows, batch_size=batch_size)
        return len(rows)


@transaction.atomic
def rebuild_rollups() -> int:
    """Recompute every roll-up row from the activities (after bulk loads or repairs)."""
    ActivityRollup.objects.all().delete()
    builder = RollupBuilder()
    fields = ["org_path", "start_date", "activity_type_id", "department_id", *METRIC_FIELDS]
    for row in Activity.objects.values_list(*fields).iterator(chunk_size=20000):
        org_path, start, type_id, dept_id, *metrics = row
        builder.add(
            org_path=org_path,
            month=month_of(start),
            type_id=type_id,
            dept_id=dept_id,
            metrics=metrics,
        )
    count = builder.write()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return count
