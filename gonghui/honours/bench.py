"""Bench cases for honours and notices at 1 000 rounds and 200 000 nominations (generated here
when missing): the nomination list p95 ≤ 150 ms, the public notice page p95 ≤ 50 ms."""

from gonghui.core.bench import Case, settle_after_bulk_load
from gonghui.organizations.models import Organization

from .generation import ensure_scale_nominations, ensure_scale_notice
from .models import Nomination, Round

LIST_MS = 150
PUBLIC_MS = 50


def cases(ctx) -> list[Case]:
    root = Organization.objects.filter(name="规模测试省总工会").first()
    if root is None:
        return []
    if ensure_scale_nominations(root):
        settle_after_bulk_load([Round, Nomination])
    p = "bench_province"
    found = [
        Case("推荐对象列表：全省第 1 页", ctx.get(p, "/honours/nominations/"), LIST_MS),
        Case("推荐对象列表：全省第 50 页", ctx.get(p, "/honours/nominations/?page=50"), LIST_MS),
        Case(
            "推荐对象列表：拟表彰", ctx.get(p, "/honours/nominations/?status=recommended"), LIST_MS
        ),
        Case("推荐对象列表：市级管理员", ctx.get("bench_city", "/honours/nominations/"), LIST_MS),
        Case("API 推荐对象列表：全省", ctx.get(p, "/api/v1/honours/nominations"), LIST_MS),
    ]
    notice = ensure_scale_notice(root)
    found.append(Case("公示公众页", ctx.get(None, f"/notices/public/{notice.pk}/"), PUBLIC_MS))
    found.append(
        Case("公示公众 API", ctx.get(None, f"/api/v1/notices/public/{notice.pk}"), PUBLIC_MS)
    )
    return found
