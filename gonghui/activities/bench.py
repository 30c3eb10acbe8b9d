"""Benchmark cases for the activity list and statistics at 1 000 000 activities across the
100 000-organisation scale tree (generated here when missing)."""

import random

from gonghui.core.bench import Case
from gonghui.organizations.paths import subtree_range
from gonghui.organizations.selectors import scale_landmarks

from .generation import generate_activities
from .models import Activity, ActivityType

TARGET_MS = 200
SEARCH_TARGET_MS = 100
ACTIVITIES = 1_000_000


def _ensure_activities(root) -> None:
    low, high = subtree_range(root.path)
    existing = Activity.objects.filter(org_path__gte=low, org_path__lt=high).count()
    if existing < ACTIVITIES:
        generate_activities(
            count=ACTIVITIES - existing, rng=random.Random(11), root=root, log=print
        )


def cases(ctx) -> list[Case]:
    tree = scale_landmarks()
    if tree is None:
        return []
    _ensure_activities(tree.root)
    city, county, grassroots = tree.city.pk, tree.county.pk, tree.grassroots.pk
    sports = ActivityType.objects.get(code="sports").pk
    year = "from=2020-01-01&to=2020-12-31"
    period = "from=2020-03-05&to=2020-09-20"
    return ctx.pages(
        "bench_province",
        TARGET_MS,
        {
            "活动列表：全省（100 万项，第 1 页）": "/activities/",
            "活动列表：全省第 50 页": "/activities/?page=50",
            "活动列表：全省 + 类型 + 全年": f"/activities/?type={sports}&{year}",
            "活动列表：市级子树 + 类型 + 期间": f"/activities/?org={city}&type={sports}&{period}",
            "活动列表：区级子树": f"/activities/?org={county}",
            "活动列表：基层工会": f"/activities/?org={grassroots}",
            "活动列表：市级管理员本人范围": ("bench_city", "/activities/"),
            "活动统计：全省": "/activities/statistics/",
            "活动统计：全省 + 类型 + 全年": f"/activities/statistics/?type={sports}&{year}",
            "活动统计：市级子树": f"/activities/statistics/?org={city}",
            "活动统计：区级子树 + 非整月期间（直接汇总）": (
                f"/activities/statistics/?org={county}&{period}"
            ),
            "活动统计：市级管理员": ("bench_city", "/activities/statistics/"),
            "API 活动列表：全省": "/api/v1/activities/",
            "API 活动统计：全省": "/api/v1/activities/statistics",
            "活动统计：全省 + 非整月期间（1 月 1 日至 11 月 17 日）": (
                "/activities/statistics/?from=2020-01-01&to=2020-11-17"
            ),
            "活动统计：全省 + 非整月期间（3 月 5 日至 9 月 20 日）": (
                f"/activities/statistics/?{period}"
            ),
            "活动统计：市级子树 + 类型 + 非整月期间": (
                f"/activities/statistics/?org={city}&type={sports}&{period}"
            ),
            "API 活动统计：全省 + 非整月期间": (
                "/api/v1/activities/statistics?date_from=2020-01-01&date_to=2020-11-17"
            ),
        },
    ) + ctx.pages(
        "bench_province",
        SEARCH_TARGET_MS,
        {
            "活动查找：全省关键词“读书”": "/activities/?q=读书",
            "活动查找：全省单字“书”": "/activities/?q=书",
            "活动查找：全省“趣味运动会”第 5 页": "/activities/?q=趣味运动会&page=5",
            "活动查找：全省无匹配“不存在的活动”": "/activities/?q=不存在的活动",
            "活动查找：市级子树 + 关键词“宣讲”": f"/activities/?org={city}&q=宣讲",
            "活动查找：市级管理员关键词“志愿”": ("bench_city", "/activities/?q=志愿"),
            "API 活动查找：全省“讲座”": "/api/v1/activities/?q=讲座",
        },
    )
