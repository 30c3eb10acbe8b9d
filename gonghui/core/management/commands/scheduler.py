"""`gonghui scheduler`: queue the periodic jobs that the apps declare, each when it is due."""

import signal
import threading

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from gonghui.core import scheduling


class Command(BaseCommand):
    help = "运行定时任务调度（到点把各模块声明的周期任务排入后台队列，由 worker 执行）"

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="只检查一次：排入已到期的任务后退出"
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=30.0,
            help="两次检查之间最多等待的秒数（默认 30）",
        )

    def handle(self, *args, once=False, interval=30.0, **options):
        if once:
            self._queue_due()
            return
        stopping = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stopping.set())
        for job in scheduling.registered_jobs():
            self.stdout.write(f"定时任务 {job.name}：{job.cron}")
        while True:
            # A long-lived process: drop connections the database has closed meanwhile.
            close_old_connections()
            self._queue_due()
            wait = scheduling.seconds_until_next()
            close_old_connections()
            if stopping.wait(interval if wait is None else min(max(wait, 1.0), interval)):
                self.stdout.write("调度已停止")
                return

    def _queue_due(self) -> None:
        for name in scheduling.run_due():
            self.stdout.write(f"已排队 {name}")
