"""`gonghui survey_loadtest [URL] [--seconds 60] [--connections 32]`: public submissions of the
demo's 第三次万人评行风 for a fixed time, then the rows counted in the database.

Without URL the production server command (`gonghui serve`) is started on a free port against
this database (the settings it is given are in loadtest.running_server), driven, and stopped;
the CPU its processes spent is reported per accepted response. With URL, a server already
running is driven (it must write to the same database for the row count to mean anything)."""

import json

from django.core.management.base import BaseCommand, CommandError

from gonghui.surveys import loadtest, services
from gonghui.surveys.selectors import count_responses, survey_by_title


class Command(BaseCommand):
    help = "问卷公开提交压力测试：启动 gonghui serve（或对给定地址），限时提交后清点入库份数"

    def add_arguments(self, parser):
        parser.add_argument("url", nargs="?", default="")
        parser.add_argument("--seconds", type=float, default=60)
        parser.add_argument("--connections", type=int, default=32)
        parser.add_argument("--driver", choices=["auto", "wrk", "python"], default="auto")
        parser.add_argument("--web-workers", type=int, default=None)
        parser.add_argument("--web-threads", type=int, default=None)

    def handle(self, *args, url, seconds, connections, driver, web_workers, web_threads, **opts):
        survey = survey_by_title("第三次万人评行风")
        if survey is None:
            raise CommandError("找不到问卷；请先运行 gonghui load_demo")
        if url:
            key = survey.channels.order_by("sort_order", "pk").first().access_key
            before = count_responses(survey)
            raw = loadtest.drive(url, key, seconds=seconds, connections=connections, driver=driver)
            result = loadtest.summarise(raw, rows_added=count_responses(survey) - before)
            result["folded_after"] = services.fold_counts(survey_id=survey.pk)
        else:
            result = loadtest.against_new_server(
                survey,
                seconds=seconds,
                connections=connections,
                driver=driver,
                workers=web_workers,
                threads=web_threads,
            )
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=1))
