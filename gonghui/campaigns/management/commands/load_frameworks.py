"""Import the example frameworks shipped as data files, or a YAML file given by path."""

from pathlib import Path

from django.core.management.base import BaseCommand

from gonghui.campaigns import frameworks


class Command(BaseCommand):
    help = "导入示例测评体系（或指定的 YAML 文件）"

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*")

    def handle(self, *args, paths=(), **options):
        if not paths:
            versions = frameworks.load_examples()
        else:
            versions = [
                frameworks.import_framework(
                    spec=frameworks.parse_yaml(Path(p).read_text(encoding="utf-8")),
                    source=Path(p).name,
                )
                for p in paths
            ]
        for v in versions:
            self.stdout.write(f"{v}：{v.nodes.count()} 个指标节点，{v.rules.count()} 条规则")
