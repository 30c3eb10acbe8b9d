"""The benchmark harness behind `gonghui bench`.

Each app may ship `gonghui/<app>/bench.py` with `def cases(ctx: BenchContext) -> list[Case]`.
A case is a callable timed over repeated runs; the harness prints median and p95 per case
and writes JSON. Targets are stated per case and reported, never asserted in unit tests.
"""

import json
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from .registry import app_modules


@dataclass
class Case:
    name: str
    run: Callable[[], object]
    target_p95_ms: float | None = None
    repeat: int | None = None
    warmup: int = 2
    # A case that measures throughput or memory rather than latency reports extra figures.
    extra: Callable[[], dict] | None = None
    # Run only when named with --only (a load test starts its own server and takes minutes).
    explicit: bool = False
    # A case that times itself (a load test's latencies come from its load generator) gives
    # its whole result after running once.
    result: Callable[[], "Result"] | None = None


@dataclass
class Result:
    name: str
    runs: int
    median_ms: float
    p95_ms: float
    max_ms: float
    target_p95_ms: float | None
    ok: bool | None
    extra: dict = field(default_factory=dict)


class BenchContext:
    """What cases need: logged-in clients for the personas and a repeat count."""

    def __init__(self, *, repeat: int = 30):
        self.repeat = repeat
        self._clients: dict[str, Client] = {}

    def client(self, username: str | None) -> Client:
        if username is None:
            return Client()
        if username not in self._clients:
            client = Client()
            client.force_login(get_user_model().objects.get(username=username))
            self._clients[username] = client
        return self._clients[username]

    def get(self, username: str | None, url: str, *, expect: int = 200):
        client = self.client(username)

        def run():
            response = client.get(url)
            if response.status_code != expect:
                raise AssertionError(f"GET {url} → {response.status_code}")
            return response

        return run

    def pages(self, username: str, target_ms: float, pages: dict[str, str | tuple]) -> list[Case]:
        """One timed GET per page, `{case name: url}`; a url given as `(username, url)` is
        fetched as that other persona."""
        cases = []
        for name, page in pages.items():
            user, url = page if isinstance(page, tuple) else (username, page)
            cases.append(Case(name, self.get(user, url), target_ms))
        return cases


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    k = (len(ordered) - 1) * pct
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def measure(case: Case, *, repeat: int) -> Result:
    if case.result is not None:
        case.run()
        return case.result()
    runs = case.repeat or repeat
    for _ in range(case.warmup):
        case.run()
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        case.run()
        timings.append((time.perf_counter() - start) * 1000)
    p95 = percentile(timings, 0.95)
    return Result(
        name=case.name,
        runs=runs,
        median_ms=round(statistics.median(timings), 2),
        p95_ms=round(p95, 2),
        max_ms=round(max(timings), 2),
        target_p95_ms=case.target_p95_ms,
        ok=None if case.target_p95_ms is None else p95 <= case.target_p95_ms,
        extra=case.extra() if case.extra else {},
    )


def discover_cases(
    ctx: BenchContext, only: str | None = None, app_labels: set[str] | None = None
) -> list[Case]:
    """Cases of every app (or of `app_labels` only: other apps are not even asked, so their
    scale data is not built), filtered by a substring of the case name; an explicit case only
    when that substring names it."""
    cases: list[Case] = []
    for config, module in app_modules("bench"):
        if app_labels and config.label not in app_labels:
            continue
        if not hasattr(module, "cases"):  # the harness itself lives in gonghui.core.bench
            continue
        for case in module.cases(ctx):
            if (only is None and not case.explicit) or (only is not None and only in case.name):
                cases.append(case)
    return cases


def format_table(results: list[Result]) -> str:
    header = f"{'case':<52} {'runs':>5} {'median ms':>10} {'p95 ms':>9} {'target':>8}  ok"
    lines = [header, "-" * len(header)]
    for r in results:
        target = f"{r.target_p95_ms:.0f}" if r.target_p95_ms is not None else "-"
        ok = {True: "yes", False: "NO", None: "-"}[r.ok]
        lines.append(
            f"{r.name:<52} {r.runs:>5} {r.median_ms:>10.1f} {r.p95_ms:>9.1f} {target:>8}  {ok}"
        )
        for key, value in r.extra.items():
            lines.append(f"    {key}: {value}")
    return "\n".join(lines)


def to_json(results: list[Result], meta: dict) -> str:
    return json.dumps(
        {"meta": meta, "results": [asdict(r) for r in results]}, ensure_ascii=False, indent=2
    )


def settle_after_bulk_load(models) -> None:
    """What the database's own maintenance would do after a bulk load, before timing reads:
    fresh planner statistics and, on PostgreSQL, the visibility map that index-only scans need
    (autovacuum may be off or behind on a test server)."""
    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            cursor.execute(f"VACUUM (ANALYZE) {tables}")
        elif connection.vendor == "postgresql":
            # VACUUM cannot run inside a transaction (a caller's atomic block, a test case);
            # the planner statistics are still worth refreshing there.
            cursor.execute(f"ANALYZE {tables}")
        else:
            cursor.execute("ANALYZE")
