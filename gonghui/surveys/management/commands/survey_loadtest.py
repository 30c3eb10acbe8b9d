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
        key = survey.channels.order_by("sort_order").first().access_key
        before = count_responses(survey)
        if url:
            raw = loadtest.drive(url, key, seconds=seconds, connections=connections, driver=driver)
            result = loadtest.summarise(raw, rows_added=count_responses(survey) - before)
        else:
            with loadtest.running_server(workers=web_workers, threads=web_threads) as (base, pid):
                loadtest.fetch_form(base, key)  # every process warmed on the first requests
                start = loadtest.server_cpu(pid)
                raw = loadtest.drive(
                    base, key, seconds=seconds, connections=connections, driver=driver
                )
                end = loadtest.server_cpu(pid)
            cpu = {part: end.get(part, 0) - start.get(part, 0) for part in end}
            result = loadtest.summarise(raw, rows_added=count_responses(survey) - before, cpu=cpu)
        folded = services.fold_counts(survey_id=survey.pk)
        result["folded_after"] = folded
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=1))
