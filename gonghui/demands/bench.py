"""Benchmark cases for demands at 1 000 000 demands across the scale tree (generated when
missing): the lists per union, the 督办 list, statistics and the public lookup."""

import random

from django.core.cache import cache

from gonghui.core.bench import Case, settle_after_bulk_load
from gonghui.organizations.models import Organization

from .generation import ensure_scale_demands
from .models import Demand

LIST_MS = 150
STATISTICS_MS = 200
LOOKUP_MS = 50


def _lookup(ctx, demands):
    client = ctx.client(None)
    rng = random.Random(3)

    def run():
        ticket, phone = rng.choice(demands)
        # The bench repeats one address far past the public limit; it measures the lookup.
        cache.delete_many(
            ["throttle:demand-lookup:127.0.0.1", f"throttle:demand-lookup-ticket:{ticket}"]
        )
        response = client.post(
            "/api/v1/demands/public/lookup",
            {"ticket": ticket, "phone_last4": phone[-4:]},
            "application/json",
        )
        assert response.status_code == 200, response.status_code

    return run


def cases(ctx) -> list[Case]:
    root = Organization.objects.filter(name="规模测试省总工会").first()
    if root is None:
        return []
    # gen-scale writes the million; a bench run only fills an empty tree.
    if not Demand.objects.in_subtree(root).exists() and ensure_scale_demands(
        root, rng=random.Random(14)
    ):
        settle_after_bulk_load([Demand])
    sample = list(
        Demand.objects.in_subtree(root)
        .exclude(worker_phone="")
        .values_list("ticket", "worker_phone")[:200]
    )
    p, c = "bench_province", "bench_city"
    return [
        Case("诉求列表：全省第 1 页", ctx.get(p, "/demands/"), LIST_MS),
        Case("诉求列表：全省第 50 页", ctx.get(p, "/demands/?page=50"), LIST_MS),
        Case("诉求列表：全省超期", ctx.get(p, "/demands/?view=overdue"), LIST_MS),
        Case("诉求列表：全省待受理", ctx.get(p, "/demands/?status=received"), LIST_MS),
        Case("诉求列表：市级", ctx.get(c, "/demands/"), LIST_MS),
        Case("诉求列表：市级本级承办", ctx.get(c, "/demands/?view=own"), LIST_MS),
        Case("诉求督办：全省", ctx.get(p, "/demands/supervision/"), LIST_MS),
        Case("诉求督办：市级", ctx.get(c, "/demands/supervision/"), LIST_MS),
        Case("API 诉求列表：全省", ctx.get(p, "/api/v1/demands/"), LIST_MS),
        Case("诉求统计：全省", ctx.get(p, "/demands/statistics/"), STATISTICS_MS),
        Case("诉求统计：市级", ctx.get(c, "/demands/statistics/"), STATISTICS_MS),
        Case("诉求热点：全省", ctx.get(p, "/demands/statistics/hot-topics/"), STATISTICS_MS),
        Case("公众查询诉求（API）", _lookup(ctx, sample), LOOKUP_MS),
    ]
