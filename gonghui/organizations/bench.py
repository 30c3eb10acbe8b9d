"""Benchmark cases for the organisation tree at provincial scale."""

from gonghui.core.bench import Case

from .selectors import scale_landmarks

TARGET_MS = 150


def cases(ctx) -> list[Case]:
    tree = scale_landmarks()
    if tree is None:
        return []
    return ctx.pages(
        "bench_province",
        TARGET_MS,
        {
            "组织树页面（省级管理员）": "/orgs/",
            "组织树展开：省下 20 个市": f"/orgs/{tree.root.pk}/children/",
            "组织树展开：区下约 500 个基层工会": f"/orgs/{tree.county.pk}/children/",
            "组织详情：市总工会": f"/orgs/{tree.city.pk}/",
            "组织详情：基层工会": f"/orgs/{tree.grassroots.pk}/",
            "组织名称查找": "/orgs/?q=宏达机械",
            "API 组织下级列表": f"/api/v1/organizations/?parent_id={tree.county.pk}",
        },
    )
