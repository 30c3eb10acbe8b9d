"""Benchmark cases for people lists and search at 1 000 000 people."""

from gonghui.core.bench import Case
from gonghui.organizations.models import Organization

TARGET_MS = 150


def cases(ctx) -> list[Case]:
    root = Organization.objects.filter(name="规模测试省总工会").first()
    if root is None:
        return []
    city = Organization.objects.get(name="测试1市总工会")
    county = Organization.objects.filter(parent=city).order_by("pk").first()
    p = "bench_province"
    return [
        Case("人员列表：全省（100 万人，第 1 页）", ctx.get(p, "/people/"), TARGET_MS),
        Case("人员列表：全省第 50 页", ctx.get(p, "/people/?page=50"), TARGET_MS),
        Case(
            "人员列表：市级子树 + 志愿者筛选，第 3 页",
            ctx.get(p, f"/people/?org={city.pk}&tag=volunteer&page=3"),
            TARGET_MS,
        ),
        Case(
            "人员列表：区级子树 + 性别筛选",
            ctx.get(p, f"/people/?org={county.pk}&gender=F"),
            TARGET_MS,
        ),
        Case("人员列表：市级管理员本人范围", ctx.get("bench_city", "/people/"), TARGET_MS),
        Case("人员查找：姓名前缀“张建”", ctx.get(p, "/people/?q=张建"), TARGET_MS),
        Case("人员查找：拼音首字母 zjh", ctx.get(p, "/people/?q=zjh"), TARGET_MS),
        Case("人员查找：手机尾号", ctx.get(p, "/people/?q=1234"), TARGET_MS),
        Case("人员查找：市级子树内拼音 wf", ctx.get(p, f"/people/?org={city.pk}&q=wf"), TARGET_MS),
        Case("API 人员查找 zjh", ctx.get(p, "/api/v1/people/?q=zjh"), TARGET_MS),
    ]
