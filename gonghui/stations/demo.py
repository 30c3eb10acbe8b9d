"""Demo stations from seed 001: 广元's 320 工会驿站 across its districts and its 7 municipal
职工书屋 / 心灵驿站; some 河南 stations around 郑州; the last six months' 人次 of 广元's stations
and this year's 星级评定 of some of them (the rest are listed as not inspected)."""

import datetime as dt

from django.utils import timezone

from . import services
from .generation import Anchor, generate_stations
from .models import InspectionItem, Station, StationKind, StationService, StationUsage

GUANGYUAN = "广元市总工会"
# District centres (WGS-84) and how many of the 320 stations each has.
GUANGYUAN_DISTRICTS = [
    ("广元市利州区总工会", "利州区", 32.4355, 105.8434, 90),
    ("广元市昭化区总工会", "昭化区", 32.3230, 105.9626, 35),
    (GUANGYUAN, "朝天区", 32.6429, 105.8898, 30),
    (GUANGYUAN, "旺苍县", 32.2286, 106.2902, 40),
    (GUANGYUAN, "青川县", 32.5756, 105.2388, 35),
    (GUANGYUAN, "剑阁县", 32.2886, 105.5246, 45),
    (GUANGYUAN, "苍溪县", 31.7322, 105.9344, 45),
]
MUNICIPAL = [
    ("heart-station", "广元市总工会心灵驿站", "利州区", "利州区东坝街道市工人文化宫二楼", 32.4296, 105.8641),
    ("reading-room", "广元市职工书屋（市工人文化宫）", "利州区", "利州区东坝街道市工人文化宫一楼", 32.4300, 105.8645),
    ("reading-room", "广元市总工会机关职工书屋", "利州区", "利州区上西街道市总工会机关", 32.4402, 105.8380),
    ("heart-station", "广元市交通运输行业心灵驿站", "利州区", "利州区万缘街道客运中心", 32.4003, 105.8862),
    ("reading-room", "昭化区职工书屋", "昭化区", "昭化区元坝镇区总工会", 32.3231, 105.9630),
    ("reading-room", "剑阁县职工书屋", "剑阁县", "剑阁县下寺镇县总工会", 32.2890, 105.5250),
    ("heart-station", "苍溪县心灵驿站", "苍溪县", "苍溪县陵江镇县总工会", 31.7325, 105.9340),
]  # fmt: skip
HENAN = [
    ("郑州市金水区总工会", "金水区", 34.7800, 113.6600, 20),
    ("郑州市二七区总工会", "二七区", 34.7240, 113.6400, 15),
    ("郑州市中原区总工会", "中原区", 34.7480, 113.6120, 15),
]


def load(ctx) -> None:
    by = ctx.users["admin"]
    rng = ctx.rng
    for org_name, district, lat, lon, count in GUANGYUAN_DISTRICTS:
        anchor = Anchor(ctx.org(org_name), district, lat, lon, spread=0.06)
        generate_stations(
            anchors=[anchor],
            count=count,
            rng=rng,
            prefix=f"GY{district[:2]}",
            kind_code="union-station",
        )
    kinds = {k.code: k for k in StationKind.objects.all()}
    offered = {s.code: s for s in StationService.objects.all()}
    for n, (kind, name, district, address, lat, lon) in enumerate(MUNICIPAL, start=1):
        services.create_station(
            by=by,
            organization=ctx.org(GUANGYUAN),
            kind=kinds[kind],
            code=f"GYSW{n:03d}",
            name=name,
            host_unit="广元市总工会",
            district=district,
            address=address,
            latitude=lat,
            longitude=lon,
            hours_text="1-5 09:00-17:30; 6 09:00-12:00",
            status=Station.Status.OPEN,
            services=[
                offered["books" if kind == "reading-room" else "counselling"],
                offered["water"],
            ],
        )
    for org_name, district, lat, lon, count in HENAN:
        generate_stations(
            anchors=[Anchor(ctx.org(org_name), district, lat, lon, spread=0.03)],
            count=count,
            rng=rng,
            prefix=f"HN{district[:2]}",
        )
    guangyuan = list(
        Station.objects.in_subtree(ctx.org(GUANGYUAN))
        .filter(status=Station.Status.OPEN)
        .order_by("pk")
    )
    _usage(guangyuan, rng)
    inspected = _inspections(guangyuan[::8], by, rng)
    total = sum(row[-1] for row in GUANGYUAN_DISTRICTS)
    ctx.notes.append(
        f"工会驿站：广元 {total} 家、书屋/心灵驿站 {len(MUNICIPAL)} 家，河南 {sum(r[-1] for r in HENAN)} 家；"
        f"近 6 个月服务人次，本年度星级评定 {inspected} 家；公众查找页 /stations/public/，"
        "地图 /stations/map/"
    )


def _months(count: int) -> list[dt.date]:
    month = timezone.localdate().replace(day=1)
    found = []
    for _ in range(count):
        month = (month - dt.timedelta(days=1)).replace(day=1)
        found.append(month)
    return found


def _usage(stations, rng) -> None:
    """Six months of counts per station (bulk: the demo's own rows, not user input)."""
    StationUsage.objects.bulk_create(
        [
            StationUsage(station=station, month=month, visits=rng.randint(150, 1800))
            for station in stations
            for month in _months(6)
        ],
        batch_size=2000,
    )


def _inspections(stations, by, rng) -> int:
    items = list(InspectionItem.objects.filter(is_active=True))
    if not items:
        return 0
    today = timezone.localdate()
    for station in stations:
        level = rng.choice([1.0, 0.92, 0.85, 0.78, 0.65])
        services.record_inspection(
            by=by,
            station=station,
            inspected_on=today
            - dt.timedelta(days=rng.randint(0, max(0, today.timetuple().tm_yday - 1))),
            inspector=rng.choice(["张建国", "李红梅", "王志强"]),
            scores={
                i.pk: min(i.max_score, round(i.max_score * level * rng.uniform(0.9, 1.1)))
                for i in items
            },
        )
    return len(stations)
