"""Benchmark case: the whole scale province's people list (1 000 000 rows at full scale)
exported by the background task's own code, timed, with the process's resident memory sampled
while it runs (tracemalloc would double the time it measures). At a reduced scale the figures
include the time a million rows would take at the measured rate."""

import os
import threading
import time

from django.contrib.auth import get_user_model

from gonghui.core.bench import Case
from gonghui.organizations.selectors import scale_landmarks

from . import services
from .models import SpreadsheetExport

TARGET_MS = 60_000
MILLION = 1_000_000


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class _Sampler(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.peak = self.start_mb = _rss_mb()
        self.running = True

    def run(self):
        while self.running:
            self.peak = max(self.peak, _rss_mb())
            time.sleep(0.05)


def cases(ctx) -> list[Case]:
    if scale_landmarks() is None:
        return []
    user = get_user_model().objects.get(username="bench_province")
    figures: dict = {}

    def run():
        sampler = _Sampler()
        sampler.start()
        started = time.perf_counter()
        try:
            job = SpreadsheetExport.objects.create(
                key="people.people", title="人员名单", params={}, requested_by=user
            )
            job = services.build_export(export_id=job.pk)
        finally:
            sampler.running = False
            sampler.join()
        seconds = time.perf_counter() - started
        rate = job.num_rows / seconds
        figures.update(
            rows=job.num_rows,
            seconds=round(seconds, 1),
            rows_per_second=round(rate),
            seconds_per_million_rows=round(MILLION / rate, 1),
            file_mb=round(job.size / 2**20, 1),
            rss_before_mb=round(sampler.start_mb),
            rss_peak_mb=round(sampler.peak),
        )
        job.file.delete(save=False)
        job.delete()

    return [
        Case(
            "导出：全省人员名单（100 万行，后台任务）",
            run,
            TARGET_MS,
            repeat=1,
            warmup=0,
            extra=lambda: dict(figures),
        )
    ]
