"""`gonghui worker`: the database task worker, recording a heartbeat while it runs."""

import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from gonghui.core.workers import Heartbeat


class Command(DatabaseWorkerCommand):
    help = "运行后台任务 worker（执行排队的任务，并记录心跳供页面检查）"

    def handle(self, *args, **options):
        reloading = options.get("reload") and not options.get("batch")
        if reloading and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            # The reloader's parent only watches files; its child runs tasks and beats.
            return super().handle(*args, **options)
        heartbeat = Heartbeat(worker_id=options["worker_id"])
        heartbeat.start()
        try:
            return super().handle(*args, **options)
        finally:
            heartbeat.stop()
