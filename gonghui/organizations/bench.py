"""Benchmark cases for the organisation tree at provincial scale."""

from gonghui.core.bench import Case

from .models import Organization

TARGET_MS = 150


def cases(ctx) -> list[Case]:
    root = Organization.objects.filter(name="规模测试省总工会").first()
    if root is None:
        return []
    city = Organization.objects.get(name="测试1市总工会")
    county = Organization.objects.filter(parent=city).order_by("pk").first()
    grassroots = Organization.objects.filter(parent=county).order_by("pk").first()
    return [
        Case("组织树页面（省级管理员）", ctx.get("bench_province", "/orgs/"), TARGET_MS),
        Case(
            "组织树展开：省下 20 个市",
            ctx.get("bench_province", f"/orgs/{root.pk}/children/"),
            TARGET_MS,
        ),
        Case(
            "组织树展开：区下约 500 个基层工会",
            ctx.get("bench_province", f"/orgs/{county.pk}/children/"),
            TARGET_MS,
        ),
        Case("组织详情：市总工会", ctx.get("bench_province", f"/orgs/{city.pk}/"), TARGET_MS),
        Case("组织详情：基层工会", ctx.get("bench_province", f"/orgs/{grassroots.pk}/"), TARGET_MS),
        Case("组织名称查找", ctx.get("bench_province", "/orgs/?q=宏达机械"), TARGET_MS),
        Case(
            "API 组织下级列表",
            ctx.get("bench_province", f"/api/v1/organizations/?parent_id={county.pk}"),
            TARGET_MS,
        ),
    ]
