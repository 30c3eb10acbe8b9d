"""Measure server time of the main pages and endpoints: `gonghui bench [--only NAME]`.

Generates the scale dataset first when it is missing (see gen-scale), then runs every app's
cases (gonghui/<app>/bench.py) through the Django test client and prints median and p95.
"""

import json
import platform
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

from gonghui.core.bench import BenchContext, discover_cases, format_table, measure, to_json


class Command(BaseCommand):
    help = "性能基准：主要页面和接口的服务端耗时（中位数、p95）"

    def add_arguments(self, parser):
        parser.add_argument("--only", help="只运行名称包含该文字的用例")
        parser.add_argument(
            "--apps", help="只运行这些应用的用例（逗号分隔的应用标签，如 people,organizations）"
        )
        parser.add_argument("--repeat", type=int, default=30)
        parser.add_argument("--orgs", type=int, default=100_000)
        parser.add_argument("--people", type=int, default=1_000_000)
        parser.add_argument("--no-generate", action="store_true", help="不自动生成规模数据")
        parser.add_argument("--json", dest="json_path", default="var/bench-results.json")

    def handle(self, *args, only, apps, repeat, orgs, people, no_generate, json_path, **options):
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        if not no_generate:
            # `--apps` generates only those apps' data (and the foundation they stand on).
            call_command("gen_scale", orgs=orgs, people=people, apps=apps, stdout=self.stdout)
        ctx = BenchContext(repeat=repeat)
        results = []
        app_labels = {a.strip() for a in apps.split(",")} if apps else None
        for case in discover_cases(ctx, only, app_labels):
            self.stdout.write(f"… {case.name}")
            started = time.perf_counter()
            results.append(measure(case, repeat=repeat))
            self.stdout.write(f"  ({time.perf_counter() - started:.1f} s)")
        self.stdout.write("")
        self.stdout.write(format_table(results))
        meta = {
            "database": connection.vendor,
            "python": platform.python_version(),
            "machine": platform.machine(),
            "repeat": repeat,
            "at": time.strftime("%Y-%m-%d %H:%M:%S"),
        }
        Path(json_path).parent.mkdir(parents=True, exist_ok=True)
        Path(json_path).write_text(to_json(results, meta), encoding="utf-8")
        self.stdout.write(f"\nJSON: {json_path}")
        self.stdout.write(json.dumps(meta, ensure_ascii=False))
