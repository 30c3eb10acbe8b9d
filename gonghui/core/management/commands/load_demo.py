"""Load the demo data built from the seed documents (idempotent: skips if already loaded)."""

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from gonghui.core.demodata import DEMO_PASSWORD, DemoContext, demo_modules


class Command(BaseCommand):
    help = "载入演示数据（来自种子文档中的组织和数字）"

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="即使已有数据也重新载入（先清空库）"
        )

    def handle(self, *args, force=False, **options):
        if get_user_model().objects.filter(username="admin").exists() and not force:
            self.stdout.write("演示数据已存在，跳过载入。")
        else:
            if force:
                call_command("flush", interactive=False, verbosity=0)
            ctx = DemoContext()
            with transaction.atomic():
                for module in demo_modules():
                    self.stdout.write(f"载入 {module.__name__} …")
                    module.load(ctx)
            for line in ctx.notes:
                self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"\n演示账号（密码均为 {DEMO_PASSWORD}）："))
        for username, label in ACCOUNTS:
            self.stdout.write(f"  {username:<12} {label}")


ACCOUNTS = [
    ("admin", "系统管理员"),
    ("henan", "河南省总工会 创建办"),
    ("zhengzhou", "郑州市总工会 管理员"),
    ("liaison", "河南省总工会 基层工作部 联络员"),
    ("leader", "河南省总工会 领导（寇武江）"),
    ("helper", "河南省总工会 帮扶专员（可查看敏感信息）"),
    ("guangyuan", "广元市总工会机关工会（广元志愿服务队队长）"),
    ("outsider", "娄底市某基层工会 管理员（其他城市）"),
]
