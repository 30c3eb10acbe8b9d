"""`gonghui gen_activities --count 1000000 [--root NAME]`: bulk activities for benchmarks."""

import random

from django.core.management.base import BaseCommand

from gonghui.activities.generation import generate_activities
from gonghui.organizations.models import Organization


class Command(BaseCommand):
    help = "批量生成活动（用于性能基准），分布在现有组织树上"

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1_000_000)
        parser.add_argument("--root", help="只在该组织（名称）及其下级中生成")
        parser.add_argument("--seed", type=int, default=11)

    def handle(self, *args, count, root, seed, **options):
        root_org = Organization.objects.get(name=root) if root else None
        generate_activities(
            count=count, rng=random.Random(seed), root=root_org, log=self.stdout.write
        )
