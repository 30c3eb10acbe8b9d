"""Benchmark cases for the activity list and statistics at 1 000 000 activities across the
100 000-organisation scale tree (generated here when missing)."""

import random

from gonghui.core.bench import Case
from gonghui.organizations.models import Organization
from gonghui.organizations.paths import subtree_range

from .generation import generate_activities
from .models import Activity, ActivityType

TARGET_MS = 200
ACTIVITIES = 1_000_000


def _ensure_activities(root) -> None:
    low, high = subtree_range(root.path)
    existing = Activity.objects.filter(org_path__gte=low, org_path__lt=high).count()
    if existing < ACTIVITIES:
        generate_activities(
            count=ACTIVITIES - existing, rng=random.Random(11), root=root, log=print
        )


def cases(ctx) -> list[Case]:
    root = Organization.objects.filter(name="规模测试省总工会").first()
    if root is None:
        return []
    _ensure_activities(root)
    city = Organization.objects.get(name="测试1市总工会")
    county = Organization.objects.filter(parent=city).order_by("pk").first()
    grassroots = Organization.objects.filter(parent=county).order_by("pk").first()
    sports = ActivityType.objects.get(code="sports").pk
    p = "bench_province"
    year = "from=2020-01-01&to=2020-12-31"
    return [
        Case("活动列表：全省（100 万项，第 1 页）", ctx.get(p, "/activities/"), TARGET_MS),
        Case("活动列表：全省第 50 页", ctx.get(p, "/activities/?page=50"), TARGET_MS),
        Case(
            "活动列表：全省 + 类型 + 全年",
            ctx.get(p, f"/activities/?type={sports}&{year}"),
            TARGET_MS,
        ),
        Case(
            "活动列表：市级子树 + 类型 + 期间",
            ctx.get(p, f"/activities/?org={city.pk}&type={sports}&from=2020-03-05&to=2020-09-20"),
            TARGET_MS,
        ),
        Case("活动列表：区级子树", ctx.get(p, f"/activities/?org={county.pk}"), TARGET_MS),
        Case("活动列表：基层工会", ctx.get(p, f"/activities/?org={grassroots.pk}"), TARGET_MS),
        Case("活动列表：市级管理员本人范围", ctx.get("bench_city", "/activities/"), TARGET_MS),
        Case("活动统计：全省", ctx.get(p, "/activities/statistics/"), TARGET_MS),
        Case(
            "活动统计：全省 + 类型 + 全年",
            ctx.get(p, f"/activities/statistics/?type={sports}&{year}"),
            TARGET_MS,
        ),
        Case(
            "活动统计：市级子树",
            ctx.get(p, f"/activities/statistics/?org={city.pk}"),
            TARGET_MS,
        ),
        Case(
            "活动统计：区级子树 + 非整月期间（直接汇总）",
            ctx.get(p, f"/activities/statistics/?org={county.pk}&from=2020-03-05&to=2020-09-20"),
            TARGET_MS,
        ),
        Case("活动统计：市级管理员", ctx.get("bench_city", "/activities/statistics/"), TARGET_MS),
        Case("API 活动列表：全省", ctx.get(p, "/api/v1/activities/"), TARGET_MS),
        Case("API 活动统计：全省", ctx.get(p, "/api/v1/activities/statistics"), TARGET_MS),
    ]
