"""Queue the sweep that expires overdue unclaimed wishes (run daily from cron or a timer)."""

from django.core.management.base import BaseCommand

from gonghui.wishes.tasks import expire_overdue_wishes


class Command(BaseCommand):
    help = "过期处理：把超过认领期限仍未被认领的微心愿标记为已过期"

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="立即在本进程中执行，而不是排队")

    def handle(self, *args, now=False, **options):
        if now:
            count = expire_overdue_wishes.call()
            self.stdout.write(f"已过期 {count} 个微心愿")
        else:
            result = expire_overdue_wishes.enqueue()
            self.stdout.write(f"已排队：{result.id}")
