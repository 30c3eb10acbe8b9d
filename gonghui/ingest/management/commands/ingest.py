"""`gonghui ingest FILE|FOLDER… [--json]`: extract title, organisation, date and facts from
reports; a folder is read whole (every .txt, .html and .docx in it and below) in this one
process, with a progress bar on standard error."""

import json
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gonghui.ingest.readers import SUPPORTED_SUFFIXES, read_path
from gonghui.ingest.report import analyse_text
from gonghui.ingest.textnorm import DocumentError


class Command(BaseCommand):
    help = "从报告中提取标题、组织、日期和全部数据（数值、单位、统计对象）"

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help=".txt、.html 或 .docx 文件，或文件夹")
        parser.add_argument("--json", action="store_true", help="输出 JSON")
        parser.add_argument("--with-text", action="store_true", help="JSON 中包含规范化全文")
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, paths, json, with_text, no_progress, **options):
        results, failed = [], 0
        paths = expand(paths)
        if not paths:
            raise CommandError("没有可读取的文件")
        progress = Progress(
            len(paths), enabled=not no_progress and len(paths) > 1, stream=self.stderr
        )
        for path in paths:
            progress.step()
            try:
                report = analyse_text(read_path(path))
            except DocumentError as exc:
                failed += 1
                self.stderr.write(f"{path}: {exc.message}")
                results.append({"file": path, "error": exc.message})
                continue
            results.append({"file": path, **report.as_dict(with_text=with_text)})
        progress.done()
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
            about = "≈" if fact.get("approximate") else ""
            self.stdout.write(
                f"  {fact['quote']:<12} {about}{fact['value']}{rng} {fact['unit']}  "
                f"{fact['subject']} {fact['qualifier']}"
            )


def _dumps(payload) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2)


def expand(paths: list[str]) -> list[str]:
    """Files as given, folders as every supported file in them (sorted, recursively)."""
    files = []
    for path in paths:
        folder = Path(path)
        if folder.is_dir():
            files += sorted(
                str(p)
                for p in folder.rglob("*")
                if p.is_file() and "".join(p.suffixes[-1:]).lower() in SUPPORTED_SUFFIXES
            )
        else:
            files.append(path)
    return files


class Progress:
    """A one-line progress bar on standard error: done/total, share, documents per second."""

    WIDTH = 30

    def __init__(self, total: int, *, enabled: bool, stream=None):
        self.total, self.enabled, self.count = total, enabled, 0
        self.stream = stream or sys.stderr
        self.started = time.perf_counter()

    def step(self) -> None:
        self.count += 1
        if self.enabled and (self.count == self.total or self.count % 25 == 1):
            self._draw()

    def _draw(self) -> None:
        share = self.count / self.total
        filled = int(self.WIDTH * share)
        rate = self.count / max(time.perf_counter() - self.started, 1e-6)
        self._write(
            f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {self.count}/{self.total} "
            f"{share:4.0%} {rate:,.0f} 份/秒"
        )

    def _write(self, text: str) -> None:
        # A command's OutputWrapper ends each write with a newline unless told otherwise.
        try:
            self.stream.write(text, ending="")
        except TypeError:
            self.stream.write(text)
        self.stream.flush()

    def done(self) -> None:
        if self.enabled:
            self._write("\n")
