"""Benchmark cases for assistance at 100 000 archives and 1 000 000 relief records in the scale
tree (generated when the tree holds none): the archive list and its searches (name, pinyin
initials, full ID number through the blind index) p95 ≤ 150 ms, statistics page and API p95
≤ 200 ms, and a distribution batch of 20 000 payments planned, filled, approved, paid and
exported (签收表 and bank file) in ≤ 30 s, with the growth of the process's peak memory.

The batch case runs inside one transaction that is rolled back at the end, so repeated runs
leave the dataset the size it was."""

import datetime as dt
import random
import resource
import time

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gonghui.core.bench import Case, settle_after_bulk_load
from gonghui.core.spreadsheets import render_xlsx
from gonghui.organizations.models import Organization

from . import selectors, services
from .generation import ensure_bench_officer, ensure_scale
from .models import Archive, Batch, BatchEntry, FundSource, ReliefRecord
from .workflow import Status

LIST_MS = 150
STATISTICS_MS = 200
BATCH_SIZE = 20_000
BATCH_SECONDS = 30
OFFICER = "bench_assistance"


class _Rollback(Exception):
    pass


def _status_kb(field: str) -> int | None:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def _reset_peak() -> None:
    """Start the process's peak resident size (VmHWM) afresh, where Linux allows it."""
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
    except OSError:
        pass


def _id_lookup(ctx, numbers):
    """The full-ID-number search of the list page; a handful of numbers (each distinct number
    spends the officer's lookup budget once per window, repeats do not)."""
    client = ctx.client(OFFICER)
    rng = random.Random(5)

    def run():
        response = client.get("/assistance/", {"q": rng.choice(numbers)})
        assert response.status_code == 200, response.status_code
        assert "KNS" in response.content.decode(), "the archive was not found"

    return run


def _batch_cycle(root, by, officer, figures: dict):
    """Plan → fill with BATCH_SIZE archives → approve → pay → 签收表 and bank file (.xlsx)."""

    def run():
        figures.clear()
        _reset_peak()
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        hwm_before = _status_kb("VmHWM")
        anon_before = _status_kb("RssAnon")
        anon_peak = anon_before or 0
        started = time.perf_counter()
        steps = {}

        def sample():
            nonlocal anon_peak
            anon_peak = max(anon_peak, _status_kb("RssAnon") or 0)

        try:
            with transaction.atomic():
                mark = time.perf_counter()
                ids = list(
                    Archive.objects.filter(
                        org_path__startswith=root.path, status=Status.ACTIVE
                    ).values_list("pk", flat=True)[:BATCH_SIZE]
                )
                batch = services.plan_batch(
                    by=by,
                    organization=root,
                    name=f"规模测试发放批次{timezone.now():%H%M%S%f}",
                    fund_source=FundSource.UPPER,
                    budget_fen=50_000 * len(ids),
                    planned_date=timezone.localdate(),
                )
                services.add_to_batch(by=by, batch=batch, archive_ids=ids, amount_fen=50_000)
                steps["plan_and_fill_s"] = time.perf_counter() - mark
                sample()
                mark = time.perf_counter()
                services.approve_batch(by=by, batch=batch)
                steps["approve_s"] = time.perf_counter() - mark
                sample()
                mark = time.perf_counter()
                services.pay_batch(by=by, batch=Batch.objects.get(pk=batch.pk))
                steps["pay_s"] = time.perf_counter() - mark
                sample()
                mark = time.perf_counter()
                signed = render_xlsx(
                    title="签收表",
                    headers=selectors.SIGNED_HEADERS,
                    rows=selectors.signed_list_rows(batch),
                )
                sample()
                services.record_sensitive_export(
                    by=officer,
                    what="下载银行代发文件（规模测试）",
                    reason="规模测试",
                    org_path=batch.org_path,
                    archives=selectors.batch_archive_ids(batch),
                )
                sample()
                bank = render_xlsx(
                    title="银行代发",
                    headers=selectors.BANK_HEADERS,
                    rows=selectors.bank_file_rows(batch),
                )
                sample()
                steps["export_s"] = time.perf_counter() - mark
                paid = ReliefRecord.objects.filter(batch=batch).count()
                entries = BatchEntry.objects.filter(batch=batch).count()
                assert paid == entries == len(ids), (paid, entries, len(ids))
                figures.update(
                    payments=paid,
                    signed_list_kb=len(signed) // 1024,
                    bank_file_kb=len(bank) // 1024,
                )
                raise _Rollback
        except _Rollback:
            pass
        figures.update({k: round(v, 1) for k, v in steps.items()})
        figures["seconds"] = round(time.perf_counter() - started, 1)
        # The process's peak resident size over the batch (VmHWM, reset first) and how much the
        # batch raised it; on SQLite it also counts the database pages mapped into the process
        # (PRAGMA mmap_size), so the heap's growth (anonymous memory, sampled after each step)
        # is given apart. Without /proc: the lifetime peak from getrusage (KiB on Linux).
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        hwm_after = _status_kb("VmHWM")
        if hwm_before is not None and hwm_after is not None:
            figures["peak_rss_mb"] = round(hwm_after / 1024, 1)
            figures["peak_rss_growth_mb"] = round((hwm_after - hwm_before) / 1024, 1)
            figures["heap_growth_mb"] = round((anon_peak - (anon_before or 0)) / 1024, 1)
        else:
            figures["peak_rss_mb"] = round(rss_after / 1024, 1)
            figures["peak_rss_growth_mb"] = round((rss_after - rss_before) / 1024, 1)
        figures["target_seconds"] = BATCH_SECONDS

    return run


def cases(ctx) -> list[Case]:
    root = Organization.objects.filter(name="规模测试省总工会").first()
    if root is None:
        return []
    # gen-scale writes the archives and relief records; a bench run only fills an empty tree.
    if not Archive.objects.filter(org_path__startswith=root.path).exists() and ensure_scale(
        root, rng=random.Random(11)
    ):
        settle_after_bulk_load([Archive, ReliefRecord])
    officer = ensure_bench_officer(root)
    archives = Archive.objects.filter(org_path__startswith=root.path)
    sample = list(archives.order_by("pk").values_list("worker_name", "name_initials")[:50])
    if not sample:
        return []
    numbers = [a.id_number for a in archives.order_by("-pk").only("id_number")[:10]]
    name, initials = sample[7]
    n = archives.count()
    year = dt.date.today().year - 1
    p, c = "bench_province", "bench_city"
    figures: dict = {}
    by = get_user_model().objects.get(username=p)
    return [
        Case(f"困难职工档案列表：全省第 1 页（{n} 户）", ctx.get(p, "/assistance/"), LIST_MS),
        Case("困难职工档案列表：全省第 50 页", ctx.get(p, "/assistance/?page=50"), LIST_MS),
        Case("困难职工档案列表：全省在档", ctx.get(p, "/assistance/?status=active"), LIST_MS),
        Case("困难职工档案列表：全省深度困难", ctx.get(p, "/assistance/?tier=deep"), LIST_MS),
        Case("困难职工档案列表：市级", ctx.get(c, "/assistance/"), LIST_MS),
        Case(
            f"档案搜索：姓名前缀「{name[:2]}」", ctx.get(p, f"/assistance/?q={name[:2]}"), LIST_MS
        ),
        Case(
            f"档案搜索：拼音首字母「{initials[:2]}」",
            ctx.get(p, f"/assistance/?q={initials[:2]}"),
            LIST_MS,
        ),
        Case("档案搜索：市级拼音首字母", ctx.get(c, f"/assistance/?q={initials[:2]}"), LIST_MS),
        Case("档案查找：完整身份证号（盲索引）", _id_lookup(ctx, numbers), LIST_MS),
        Case("API 档案列表：全省", ctx.get(p, "/api/v1/assistance/archives"), LIST_MS),
        Case(
            "API 档案搜索：拼音首字母",
            ctx.get(p, f"/api/v1/assistance/archives?q={initials[:2]}"),
            LIST_MS,
        ),
        Case("帮扶统计页：全省", ctx.get(p, "/assistance/statistics/"), STATISTICS_MS),
        Case(
            f"帮扶统计页：全省 {year} 年",
            ctx.get(p, f"/assistance/statistics/?start={year}-01-01&end={year}-12-31"),
            STATISTICS_MS,
        ),
        Case("帮扶统计页：市级", ctx.get(c, "/assistance/statistics/"), STATISTICS_MS),
        Case("帮扶统计 API：全省", ctx.get(p, "/api/v1/assistance/statistics"), STATISTICS_MS),
        Case(
            f"发放批次 {BATCH_SIZE} 人：编制、审批、发放、导出签收表和银行代发文件",
            _batch_cycle(root, by, officer, figures),
            BATCH_SECONDS * 1000,
            repeat=1,
            warmup=0,
            extra=lambda: dict(figures),
        ),
    ]
