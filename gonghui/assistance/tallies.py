"""Keeping ReliefTally in step with the relief records: every record counts once under each of
its organisation's ancestors that is a national, provincial or city union (TALLY_KINDS), in its
month, with the child branch it came through. Deltas are summed per key first, so a batch of
20 000 payments writes a few hundred rows."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Max

from gonghui.organizations.models import Organization
from gonghui.organizations.paths import SEGMENT_WIDTH

from .models import ModelWorker, ReliefRecord, ReliefTally

TALLY_KINDS = (
    Organization.Kind.NATIONAL,
    Organization.Kind.PROVINCIAL,
    Organization.Kind.CITY,
)
SUMS = ("records", "headcount", "amount_fen", "goods_value_fen")


def covers(organization) -> bool:
    """Whether statistics of this organisation's subtree can be read from the tallies."""
    return organization is not None and organization.kind in TALLY_KINDS


def branch_of(scope_path: str, org_path: str) -> str:
    end = len(scope_path)
    return org_path[: end + SEGMENT_WIDTH] if len(org_path) > end else ""


def _prefixes(org_path: str):
    for end in range(SEGMENT_WIDTH, len(org_path) + 1, SEGMENT_WIDTH):
        yield org_path[:end]


def _tallied(paths) -> set[str]:
    """Those of `paths` that are organisations of a tallied kind."""
    paths = list(paths)
    found = set()
    for start in range(0, len(paths), 2000):
        found.update(
            Organization.objects.filter(
                path__in=paths[start : start + 2000], kind__in=TALLY_KINDS
            ).values_list("path", flat=True)
        )
    return found


class Deltas:
    """Sums of records to add (or, with sign -1, remove), per tally key."""

    def __init__(self):
        self.sums: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0, 0])

    def add(
        self,
        *,
        org_path: str,
        given_date: dt.date,
        programme: str,
        beneficiary: str,
        fund_source: str,
        level: str = "",
        records: int = 1,
        headcount: int = 0,
        amount_fen: int = 0,
        goods_value_fen: int = 0,
        sign: int = 1,
    ) -> None:
        month = given_date.replace(day=1)
        for scope in _prefixes(org_path):
            key = (
                scope,
                branch_of(scope, org_path),
                month,
                programme,
                beneficiary,
                fund_source,
                level or "",
            )
            s = self.sums[key]
            s[0] += sign * records
            s[1] += sign * headcount
            s[2] += sign * amount_fen
            s[3] += sign * goods_value_fen

    def add_record(self, record: ReliefRecord, *, level: str = "", sign: int = 1) -> None:
        self.add(
            org_path=record.org_path,
            given_date=record.given_date,
            programme=record.programme,
            beneficiary=record.beneficiary,
            fund_source=record.fund_source,
            level=level,
            headcount=record.headcount,
            amount_fen=record.amount_fen,
            goods_value_fen=record.goods_value_fen,
            sign=sign,
        )

    def write(self) -> None:
        """Apply the sums; call inside the transaction that writes the records."""
        tallied = _tallied({key[0] for key in self.sums})
        for (scope, branch, month, programme, beneficiary, fund, level), s in self.sums.items():
            if scope not in tallied:
                continue
            key = {
                "scope_path": scope,
                "branch": branch,
                "month": month,
                "programme": programme,
                "beneficiary": beneficiary,
                "fund_source": fund,
                "level": level,
            }
            values = dict(zip(SUMS, s, strict=True))
            changes = {f: F(f) + v for f, v in values.items()}
            if ReliefTally.objects.filter(**key).update(**changes):
                continue
            try:
                with transaction.atomic():
                    ReliefTally.objects.create(**key, **values)
            except IntegrityError:  # created meanwhile by a concurrent writer
                ReliefTally.objects.filter(**key).update(**changes)
        self.sums.clear()


def level_of(record: ReliefRecord) -> str:
    return record.model_worker.level if record.model_worker_id else ""


def record_written(records: Iterable[ReliefRecord]) -> None:
    """Count relief records just saved (services call this in their transaction)."""
    deltas = Deltas()
    for record in records:
        deltas.add_record(record, level=level_of(record))
    deltas.write()


def _month_sql() -> str:
    if connection.vendor == "postgresql":
        return "CAST(date_trunc('month', r.given_date) AS date)"
    return "strftime('%%Y-%%m-01', r.given_date)"  # %% as the query takes parameters


@transaction.atomic
def rebuild() -> int:
    """Refill the tallies from the relief records, one INSERT … SELECT per tree level."""
    tally = ReliefTally._meta.db_table
    relief = ReliefRecord._meta.db_table
    workers = ModelWorker._meta.db_table
    month = _month_sql()
    orgs = Organization._meta.db_table
    kinds = ", ".join(f"'{kind}'" for kind in TALLY_KINDS)
    deepest = Organization.objects.filter(kind__in=TALLY_KINDS).aggregate(d=Max("depth"))["d"] or 0
    ReliefTally.objects.all().delete()
    with connection.cursor() as cursor:
        for depth in range(1, deepest + 1):
            end = depth * SEGMENT_WIDTH
            branch = (
                f"CASE WHEN length(r.org_path) > {end} "
                f"THEN substr(r.org_path, 1, {end + SEGMENT_WIDTH}) ELSE '' END"
            )
            cursor.execute(
                f"INSERT INTO {tally} (scope_path, branch, month, programme, beneficiary, "
                f"fund_source, level, records, headcount, amount_fen, goods_value_fen) "
                f"SELECT o.path, {branch}, {month}, r.programme, "
                f"r.beneficiary, r.fund_source, COALESCE(w.level, ''), COUNT(*), "
                f"SUM(r.headcount), SUM(r.amount_fen), SUM(r.goods_value_fen) "
                f"FROM {relief} r "
                f"JOIN {orgs} o ON o.path = substr(r.org_path, 1, {end}) "
                f"AND o.kind IN ({kinds}) "
                f"LEFT JOIN {workers} w ON w.id = r.model_worker_id "
                f"WHERE length(r.org_path) >= %s "
                f"GROUP BY o.path, {branch}, {month}, r.programme, "
                f"r.beneficiary, r.fund_source, COALESCE(w.level, '')",
                [end],
            )
    return ReliefTally.objects.count()
