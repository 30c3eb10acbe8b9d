"""Benchmark cases for surveys on the demo's 第三次万人评行风 (run `gonghui
generate_survey_responses` first for the full 510 000): the statistics page and API, one
cross-tab, the streaming export of every response (peak memory), and the paper import of
100 000 rows, and the public submission against the production server command (`gonghui
serve` started on a free port, driven by wrk for GONGHUI_SURVEY_LOADTEST_SECONDS, default 60;
rows counted afterwards, CPU-ms per answer; see loadtest.py)."""

import io
import os
import random
import time
import tracemalloc

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.core.bench import Case

from . import imports, loadtest, selectors, services

STATS_MS = 200
CROSSTAB_MS = 2000


def _status_kb(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def _peak_memory(survey):
    """The export's memory: the process's anonymous memory (its heap: what streaming must keep
    flat) sampled every 5 000 rows, and the peak resident set (reset first through
    /proc/self/clear_refs), which also counts the database file's pages SQLite maps into the
    process (PRAGMA mmap_size, up to 256 MB of page cache shared with the system); tracemalloc
    (Python allocations only) where /proc cannot do it."""

    def extra():
        started, cpu = time.perf_counter(), time.process_time()
        try:
            with open("/proc/self/clear_refs", "w") as refs:
                refs.write("5")
            before = _status_kb("RssAnon")
        except OSError:
            before = None
            tracemalloc.start()
        rows, peak_anon = 0, before or 0
        for _row in selectors.response_rows(survey):
            rows += 1
            if before is not None and rows % 5000 == 0:
                peak_anon = max(peak_anon, _status_kb("RssAnon"))
        if before is None:
            _size, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            memory = {"peak_python_mb": round(peak / 2**20, 1)}
        else:
            memory = {
                "peak_anonymous_mb": round(peak_anon / 1024, 1),
                "anonymous_before_mb": round(before / 1024, 1),
                "peak_rss_with_mapped_db_mb": round(_status_kb("VmHWM") / 1024, 1),
            }
        return {
            "rows": rows,
            **memory,
            "seconds": round(time.perf_counter() - started, 1),
            "cpu_seconds": round(time.process_time() - cpu, 1),
        }

    return extra


def _paper_workbook(schema, n: int) -> bytes:
    """A paper batch of `n` rows as Excel writes it (shared strings), built before timing."""
    from openpyxl import Workbook

    rng = random.Random(7)
    channel = next(iter(schema.channels))
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(schema.headers)
    for _i in range(n):
        row = [channel, "群众", "合肥", ""]
        for q in schema.definition.questions:
            row.append("".join(rng.choices("1234", k=len(q.rows))) if q.is_grid else None)
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _paper_import(survey, user, n=100_000):
    """The whole import as the page runs it: upload check, streamed read, row checks, the
    writes and the counters in one transaction (target ≤ 60 s for 100 000 rows)."""
    schema = imports.PaperImport(survey)

    def extra():
        data = _paper_workbook(schema, n)
        upload = SimpleUploadedFile("paper.xlsx", data)
        started, cpu = time.perf_counter(), time.process_time()
        rows = imports.read_paper_upload(upload, schema)
        read = time.perf_counter() - started
        imported = imports.import_paper(by=user, survey=survey, schema=schema, rows=rows)
        return {
            "rows": imported,
            "workbook_mb": round(len(data) / 1024 / 1024, 1),
            "read_and_check_seconds": round(read, 1),
            "seconds": round(time.perf_counter() - started, 1),
            # this process's CPU (parse, check, tally, database writes): the time on a quiet
            # machine
            "cpu_seconds": round(time.process_time() - cpu, 1),
            "load_average": round(os.getloadavg()[0], 1),
        }

    return extra


def cases(ctx) -> list[Case]:
    survey = selectors.survey_by_title("第三次万人评行风")
    if survey is None:
        return []
    n = selectors.counts(survey).get((0, "", "", ""), 0)
    services.fold_counts(survey_id=survey.pk)
    scale = selectors.choice_questions(survey)[0]
    user = "admin"
    found = [
        Case(f"统计页（{n} 份答卷）", ctx.get(user, f"/surveys/{survey.pk}/statistics/"), STATS_MS),
        Case(
            f"统计 API（{n} 份答卷）",
            ctx.get(user, f"/api/v1/surveys/{survey.pk}/statistics"),
            STATS_MS,
        ),
        Case(
            "交叉分析：服务态度 × 渠道（API）",
            ctx.get(
                user,
                f"/api/v1/surveys/{survey.pk}/crosstab?question_id={scale.id}&dimension=channel",
            ),
            CROSSTAB_MS,
        ),
        Case(
            "交叉分析页：服务态度 × 身份",
            ctx.get(user, f"/surveys/{survey.pk}/crosstab/?question={scale.id}&dimension=identity"),
            CROSSTAB_MS,
        ),
        Case(
            f"导出全部答卷（流式，{n} 行）",
            lambda: None,  # timed in `extra`: half a million rows are read once
            None,
            repeat=1,
            warmup=0,
            extra=_peak_memory(survey),
        ),
    ]
    seconds = float(os.environ.get("GONGHUI_SURVEY_LOADTEST_SECONDS", "60"))
    if seconds > 0:
        found.append(
            Case(
                f"公开提交：gonghui serve + wrk，{seconds:.0f} 秒（目标 ≥ 300 份/秒，0 丢失，0 个 5xx）",
                lambda: None,
                None,
                repeat=1,
                warmup=0,
                extra=lambda: loadtest.against_new_server(survey, seconds=seconds),
            )
        )
    # Writes 100 000 more responses into the survey: measured once, last.
    found.append(
        Case(
            "纸质问卷 Excel 导入 100 000 行（读取 + 检查 + 批量写入 + 计数，目标 ≤ 60 秒）",
            lambda: None,
            None,
            repeat=1,
            warmup=0,
            extra=_paper_import(survey, get_user_model().objects.get(username=user)),
        )
    )
    return found
