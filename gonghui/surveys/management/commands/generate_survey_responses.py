"""`gonghui generate_survey_responses [--count 510000] [--survey ID]`: bulk responses for the
demo's 万人评行风 (or the given survey), folded into the counters."""

import random
import time

from django.core.management.base import BaseCommand, CommandError

from gonghui.surveys.generation import generate_responses
from gonghui.surveys.selectors import survey_by_id, survey_by_title


class Command(BaseCommand):
    help = "生成万人评行风答卷（默认 510 000 份）并计入统计"

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=510_000)
        parser.add_argument("--survey", type=int, default=0)
        parser.add_argument("--seed", type=int, default=2002)

    def handle(self, *args, count, survey, seed, **options):
        found = survey_by_id(survey) if survey else survey_by_title("第三次万人评行风")
        if found is None:
            raise CommandError("找不到问卷；请先运行 gonghui load_demo 或用 --survey 指定")
        start = time.monotonic()
        made = generate_responses(found, count, rng=random.Random(seed))
        self.stdout.write(
            f"{found.title}：已生成 {made} 份答卷，用时 {time.monotonic() - start:.0f} 秒"
        )
