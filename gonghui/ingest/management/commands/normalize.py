"""`gonghui normalize FILE`: print a document's normalised text."""

from django.core.management.base import BaseCommand, CommandError

from gonghui.ingest.readers import read_path
from gonghui.ingest.textnorm import DocumentError, normalize


class Command(BaseCommand):
    help = "规范化文档：修复拼音乱码、繁转简、去除导航和页脚，输出正文"

    def add_arguments(self, parser):
        parser.add_argument("path", help=".txt、.html 或 .docx 文件")
        parser.add_argument("--keep-boilerplate", action="store_true", help="保留导航、页脚等行")

    def handle(self, *args, path, keep_boilerplate, **options):
        try:
            original = read_path(path)
        except DocumentError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(normalize(original, drop_boilerplate=not keep_boilerplate).text)
