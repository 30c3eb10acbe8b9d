"""`gonghui survey_loadtest URL [--seconds 60] [--threads 8]`: public submissions against a
running server (`gonghui serve`), then the rows counted in the database it writes to."""

import json

from django.core.management.base import BaseCommand, CommandError

from gonghui.surveys import loadtest
from gonghui.surveys.selectors import count_responses, survey_by_title


class Command(BaseCommand):
    help = "问卷公开提交压力测试（对运行中的服务器）"

    def add_arguments(self, parser):
        parser.add_argument("url")
        parser.add_argument("--seconds", type=float, default=60)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args, url, seconds, threads, **options):
        survey = survey_by_title("第三次万人评行风")
        if survey is None:
            raise CommandError("找不到问卷；请先运行 gonghui load_demo")
        key = survey.channels.order_by("sort_order").first().access_key
        before = count_responses(survey)
        result = loadtest.run(url, key, seconds=seconds, threads=threads)
        result["rows_added"] = count_responses(survey) - before
        result["lost"] = result["accepted"] - result["rows_added"]
        self.stdout.write(json.dumps(result, ensure_ascii=False))
