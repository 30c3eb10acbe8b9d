"""`gonghui ingest FILE… [--json]`: extract title, organisation, date and facts from reports."""

import json

from django.core.management.base import BaseCommand, CommandError

from gonghui.ingest.readers import read_path
from gonghui.ingest.report import analyse_text
from gonghui.ingest.textnorm import DocumentError


class Command(BaseCommand):
    help = "从报告中提取标题、组织、日期和全部数据（数值、单位、统计对象）"

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help=".txt、.html 或 .docx 文件")
        parser.add_argument("--json", action="store_true", help="输出 JSON")
        parser.add_argument("--with-text", action="store_true", help="JSON 中包含规范化全文")

    def handle(self, *args, paths, json, with_text, **options):
        results, failed = [], 0
        for path in paths:
            try:
                report = analyse_text(read_path(path))
            except DocumentError as exc:
                failed += 1
                self.stderr.write(f"{path}: {exc.message}")
                results.append({"file": path, "error": exc.message})
                continue
            results.append({"file": path, **report.as_dict(with_text=with_text)})
        if json:
            payload = results[0] if len(results) == 1 else results
            self.stdout.write(_dumps(payload))
        else:
            for result in results:
                self._print(result)
        if failed == len(paths):
            raise CommandError("没有可读取的文件")

    def _print(self, result: dict) -> None:
        self.stdout.write(f"== {result['file']}")
        if "error" in result:
            return
        self.stdout.write(
            f"标题：{result['title']}\n组织：{result['org']}\n日期：{result['date'] or '—'}"
        )
        for fact in result["facts"]:
            rng = f"–{fact['value_max']}" if "value_max" in fact else ""
            self.stdout.write(
                f"  {fact['quote']:<12} {fact['value']}{rng} {fact['unit']}  "
                f"{fact['subject']} {fact['qualifier']}"
            )


def _dumps(payload) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2)
