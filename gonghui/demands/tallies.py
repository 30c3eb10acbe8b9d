"""The statistics summary: each demand counts in the tally row of its month, channel, type and
topic at the union holding it and at every union above it. Services call `tracking` around
each change of a demand, in the same transaction, so the rows stay exact; `recount` counts the
same figures from the demands themselves (a check, and the nightly reconciliation after an
organisation has moved)."""

import contextvars
import datetime as dt
from collections import Counter, defaultdict
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from gonghui.organizations.paths import SEGMENT_WIDTH, ids_in

from .models import Demand, DemandTally
from .workflow import ANSWERED_OR_LATER

COUNTERS = [
    "num_received",
    "num_accepted",
    "num_accepted_on_time",
    "num_answered",
    "num_answered_on_time",
    "num_rated",
    "num_satisfied",
    "num_overdue",
    "num_escalated",
    "num_handled",
    "handling_seconds",
]
# The fields of a demand its counters depend on.
TALLIED = [
    "org_path",
    "received_at",
    "channel",
    "demand_type_id",
    "topic_id",
    "status",
    "accepted_at",
    "accept_due_at",
    "answered_at",
    "finish_due_at",
    "rating",
    "is_overdue",
    "is_escalated",
]
SATISFIED = ("satisfied", "fairly")

Key = tuple  # (month, channel, demand_type_id, topic_id)


def month_of(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date().replace(day=1)


def counters(row: dict) -> tuple[Key, dict[str, int]]:
    """The key of a demand (given as a dict of TALLIED) and what it adds to that key's row."""
    answered = row["status"] in ANSWERED_OR_LATER
    accepted_at, answered_at = row["accepted_at"], row["answered_at"]
    values = {
        "num_received": 1,
        "num_accepted": int(accepted_at is not None),
        "num_accepted_on_time": int(accepted_at is not None and accepted_at < row["accept_due_at"]),
        "num_answered": int(answered),
        "num_answered_on_time": int(
            answered and answered_at is not None and answered_at < row["finish_due_at"]
        ),
        "num_rated": int(bool(row["rating"])),
        "num_satisfied": int(row["rating"] in SATISFIED),
        "num_overdue": int(bool(row["is_overdue"])),
        "num_escalated": int(bool(row["is_escalated"])),
        "num_handled": int(answered_at is not None),
        "handling_seconds": int((answered_at - row["received_at"]).total_seconds())
        if answered_at is not None
        else 0,
    }
    key = (month_of(row["received_at"]), row["channel"], row["demand_type_id"], row["topic_id"])
    return key, values


def _add(org_ids: list[int], key: Key, values: dict[str, int], sign: int) -> None:
    changes = {name: F(name) + sign * n for name, n in values.items() if n}
    if not changes or not org_ids:
        return
    month, channel, type_id, topic_id = key
    found = {"month": month, "channel": channel, "demand_type_id": type_id, "topic_id": topic_id}
    DemandTally.objects.bulk_create(
        [DemandTally(organization_id=pk, **found) for pk in org_ids], ignore_conflicts=True
    )
    DemandTally.objects.filter(organization_id__in=org_ids, **found).update(**changes)


def apply_change(before: dict | None, after: dict | None) -> None:
    """Move a demand's counts from what it was (`before`, None for a new demand) to what it is
    now, at its holder and every union above."""
    old = counters(before) if before else None
    new = counters(after) if after else None
    old_orgs = ids_in(before["org_path"]) if before else []
    new_orgs = ids_in(after["org_path"]) if after else []
    if old and new and old[0] == new[0] and old_orgs == new_orgs:
        delta = {name: new[1][name] - old[1][name] for name in COUNTERS}
        _add(new_orgs, new[0], delta, 1)
        return
    if old:
        _add(old_orgs, old[0], old[1], -1)
    if new:
        _add(new_orgs, new[0], new[1], 1)


def snapshot(pk: int, *, lock: bool = False) -> dict | None:
    qs = Demand.objects.filter(pk=pk)
    if lock:
        qs = qs.select_for_update()
    return qs.values(*TALLIED).first()


_tracked: contextvars.ContextVar[frozenset] = contextvars.ContextVar(
    "demands_tracked", default=frozenset()
)


@contextmanager
def tracking(demand_or_pk):
    """Keep the tallies exact across the changes made inside: the demand's row is read (and
    locked) before and read again after, and the difference applied, all in one transaction.
    Nested uses for the same demand count once, at the outermost."""
    pk = getattr(demand_or_pk, "pk", demand_or_pk)
    active = _tracked.get()
    if pk in active:
        yield
        return
    token = _tracked.set(active | {pk})
    try:
        with transaction.atomic():
            before = snapshot(pk, lock=True)
            yield
            apply_change(before, snapshot(pk))
    finally:
        _tracked.reset(token)


def tracked(service):
    """A service taking `demand=` whose changes are tallied."""

    def wrapper(*args, demand, **kwargs):
        with tracking(demand):
            return service(*args, demand=demand, **kwargs)

    wrapper.__name__ = service.__name__
    wrapper.__qualname__ = service.__qualname__
    wrapper.__doc__ = service.__doc__
    wrapper.__wrapped__ = service
    return wrapper


# --- Counting from the demands themselves -----------------------------------------------------


def _flush(path: str, totals: dict):
    org_id = ids_in(path)[-1]
    for key, values in totals.items():
        yield (org_id, *key), values


def totals_by_union(rows):
    """(org_id, month, channel, type_id, topic_id), {counter: n} for rows of TALLIED given in
    org_path order, each row counted at its holder and every union above. Only the unions on
    the current path are open at a time, so a million demands stream through in little memory."""
    chain: list[tuple[str, dict]] = []
    for row in rows:
        path = row["org_path"]
        while chain and not path.startswith(chain[-1][0]):
            yield from _flush(*chain.pop())
        start = len(chain[-1][0]) if chain else 0
        for end in range(start + SEGMENT_WIDTH, len(path) + 1, SEGMENT_WIDTH):
            chain.append((path[:end], defaultdict(Counter)))
        key, values = counters(row)
        for _path, totals in chain:
            totals[key].update(values)
    while chain:
        yield from _flush(*chain.pop())


def _demand_rows(chunk: int):
    return Demand.objects.order_by("org_path", "pk").values(*TALLIED).iterator(chunk_size=chunk)


def recount(*, chunk: int = 5000) -> dict:
    """The tallies counted from every demand (what the table must hold, zero rows aside)."""
    return _nonzero(dict(totals_by_union(_demand_rows(chunk))))


def stored() -> dict:
    """The tally table as {key: Counter}, zero rows aside."""
    rows = DemandTally.objects.values(
        "organization_id", "month", "channel", "demand_type_id", "topic_id", *COUNTERS
    )
    found = {}
    for row in rows:
        key = (
            row["organization_id"],
            row["month"],
            row["channel"],
            row["demand_type_id"],
            row["topic_id"],
        )
        found[key] = Counter({name: row[name] for name in COUNTERS})
    return _nonzero(found)


def _nonzero(totals: dict) -> dict:
    return {
        key: Counter({k: v for k, v in values.items() if v})
        for key, values in totals.items()
        if any(values.values())
    }


def _row(key, values) -> DemandTally:
    org_id, month, channel, type_id, topic_id = key
    return DemandTally(
        organization_id=org_id,
        month=month,
        channel=channel,
        demand_type_id=type_id,
        topic_id=topic_id,
        **{name: values.get(name, 0) for name in COUNTERS},
    )


def write_all(totals, *, batch: int = 5000) -> int:
    """Replace the tally table by `totals` ((key, values) pairs, streamed in batches)."""
    written, pending = 0, []
    DemandTally.objects.all().delete()
    for key, values in totals:
        pending.append(_row(key, values))
        if len(pending) >= batch:
            DemandTally.objects.bulk_create(pending)
            written, pending = written + len(pending), []
    DemandTally.objects.bulk_create(pending)
    return written + len(pending)


@transaction.atomic
def rebuild(*, chunk: int = 5000) -> int:
    """Recount every tally from the demands, holding writes to demands meanwhile so no change
    is lost between the count and the new rows."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {Demand._meta.db_table} IN SHARE MODE")
    return write_all(totals_by_union(_demand_rows(chunk)))


def rebuild_after_moves(*, now=None, within=dt.timedelta(days=2)) -> int | None:
    """The nightly reconciliation: when an organisation was moved under another parent lately
    (its demands now count at new ancestors), recount the summary; otherwise nothing to do."""
    from gonghui.core.models import AuditEntry

    since = (now or timezone.now()) - within
    moved = AuditEntry.objects.filter(
        action=AuditEntry.Action.MOVE, target_type="organizations.organization", at__gte=since
    ).exists()
    return rebuild() if moved else None
