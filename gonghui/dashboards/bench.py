"""Benchmark cases of the leader dashboard at province scale: the 100 000-organisation tree with
its 1 000 000 activities (the province and a city administrator), and the campaign bench data
(300 indicators × 50 departments) as its campaign office sees it."""

from gonghui.activities import bench as activity_bench
from gonghui.campaigns import bench as campaign_bench
from gonghui.core.bench import Case
from gonghui.organizations.selectors import scale_landmarks

TARGET_MS = 300


def cases(ctx) -> list[Case]:
    tree = scale_landmarks()
    if tree is None:
        return []
    activity_bench._ensure_activities(tree.root)
    campaign_bench.ensure_scale_data()
    as_of = "as_of=2020-05-26"
    return [
        Case(
            "首页看板：全省（10 万组织、100 万活动）",
            ctx.get("bench_province", f"/?{as_of}"),
            TARGET_MS,
        ),
        Case("首页看板：市级管理员", ctx.get("bench_city", f"/?{as_of}"), TARGET_MS),
        Case(
            "首页看板：全省，全年",
            ctx.get("bench_province", f"/?{as_of}&span=year"),
            TARGET_MS,
        ),
        Case(
            "首页看板：创建办（300 指标 × 50 部门）",
            ctx.get(campaign_bench.USER, f"/?{as_of}"),
            TARGET_MS,
        ),
        Case(
            "看板 API：全省数据",
            ctx.get("bench_province", f"/api/v1/dashboards/figures?{as_of}"),
            TARGET_MS,
        ),
        Case(
            "数据大屏 API：全省按市",
            ctx.get("bench_province", "/api/v1/dashboards/screen?as_of=2020-12-31"),
            TARGET_MS,
        ),
    ]
