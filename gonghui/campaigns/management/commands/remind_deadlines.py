"""Queue the daily reminder of approaching and passed task deadlines (run from cron)."""

from django.core.management.base import BaseCommand

from gonghui.campaigns.tasks import send_deadline_reminders


class Command(BaseCommand):
    help = "提醒联络员即将到期和已逾期的创建任务"

    def handle(self, *args, **options):
        result = send_deadline_reminders.enqueue()
        self.stdout.write(f"已排队：{result.id}")
