"""Benchmark cases for stations at 200 000 stations across the scale tree (generated here when
missing): nearest-10 lookups (page and API) and the staff list."""

import random

from gonghui.core.bench import Case, settle_after_bulk_load
from gonghui.organizations.models import Organization

from .generation import ensure_scale_stations
from .models import Station

NEAREST_MS = 50
LIST_MS = 150
# Points in dense and sparse parts of the generated map, and one far from any station.
POINTS = [(34.75, 113.65), (30.6, 114.3), (23.1, 113.3), (39.9, 116.4), (41.8, 101.0)]


def cases(ctx) -> list[Case]:
    root = Organization.objects.filter(name="规模测试省总工会").first()
    if root is None:
        return []
    if ensure_scale_stations(root, rng=random.Random(15)):
        settle_after_bulk_load([Station, Station.services.through])
    p = "bench_province"
    found = []
    for lat, lon in POINTS:
        found.append(
            Case(
                f"驿站最近 10 个（API，{lat},{lon}）",
                ctx.get(None, f"/api/v1/stations/public/nearest?latitude={lat}&longitude={lon}"),
                NEAREST_MS,
            )
        )
    lat, lon = POINTS[0]
    found += [
        Case(
            "驿站最近 10 个 + 正在开放（API）",
            ctx.get(
                None,
                f"/api/v1/stations/public/nearest?latitude={lat}&longitude={lon}&open_now=true",
            ),
            NEAREST_MS,
        ),
        Case(
            "公众查找页：定位", ctx.get(None, f"/stations/public/?lat={lat}&lon={lon}"), NEAREST_MS
        ),
        Case("驿站列表：全省第 1 页", ctx.get(p, "/stations/"), LIST_MS),
        Case("驿站列表：全省第 50 页", ctx.get(p, "/stations/?page=50"), LIST_MS),
        Case("驿站列表：运营中", ctx.get(p, "/stations/?status=open"), LIST_MS),
        Case("驿站列表：市级管理员", ctx.get("bench_city", "/stations/"), LIST_MS),
        Case("API 驿站列表：全省", ctx.get(p, "/api/v1/stations/"), LIST_MS),
        Case("驿站地图：市级管理员", ctx.get("bench_city", "/stations/map/"), LIST_MS),
        Case("未星级评定的驿站：全省第 1 页", ctx.get(p, "/stations/not-inspected/"), LIST_MS),
        Case(
            "公众查找页：输入地址",
            ctx.get(None, "/stations/public/?district=郑州市金水区"),
            NEAREST_MS,
        ),
    ]
    return found
