"""Generate a provincial-scale dataset fast, each app bulk-loading its own part.

    gonghui gen-scale --orgs 100000 --people 1000000
    gonghui gen-scale --orgs 100000 --people 10000 --apps stations   # one app's data only

Builds 规模测试省总工会 (20 cities → counties → grassroots unions) under the national root,
its people, and the bench accounts `bench_province` and `bench_city` (see each app's
`generation.generate_scale`).
"""

import random

from django.core.management.base import BaseCommand, CommandError

from gonghui.core.bench import settle_after_bulk_load
from gonghui.core.scale import ScaleContext, generate


def _labels(apps: str | None) -> set[str] | None:
    return {label.strip() for label in apps.split(",") if label.strip()} if apps else None


class Command(BaseCommand):
    help = "生成规模测试数据（组织、人员），用于 gonghui bench"

    def add_arguments(self, parser):
        parser.add_argument("--orgs", type=int, default=100_000)
        parser.add_argument("--people", type=int, default=1_000_000)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument(
            "--apps",
            help="只生成这些应用的数据（逗号分隔的应用标签，如 stations；组织、人员和账号总会生成）",
        )

    def handle(self, *args, orgs: int, people: int, seed: int, apps=None, **options):
        ctx = ScaleContext(
            num_orgs=orgs, num_people=people, rng=random.Random(seed), write=self.stdout.write
        )
        try:
            made = generate(ctx, apps=_labels(apps))
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if made:
            settle_after_bulk_load(ctx.bulk_loaded)
