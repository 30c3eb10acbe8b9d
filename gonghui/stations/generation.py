"""Bulk-generated stations for the demo and for scale: plausible positions around anchors,
written with bulk_create (the derived cell and paths are set here, as save() would)."""

import random
from dataclasses import dataclass

from django.db import transaction

from gonghui.organizations.models import Organization

from . import coords
from .models import Station, StationKind, StationService
from .services import province_path_of

DAY = [{"days": [1, 2, 3, 4, 5, 6, 7], "open": "08:00", "close": "20:00"}]
ALWAYS = [{"days": [1, 2, 3, 4, 5, 6, 7], "open": "00:00", "close": "24:00"}]
WEEKDAYS = [
    {"days": [1, 2, 3, 4, 5], "open": "07:30", "close": "21:00"},
    {"days": [6, 7], "open": "09:00", "close": "18:00"},
]
NIGHT = [{"days": [1, 2, 3, 4, 5, 6, 7], "open": "18:00", "close": "06:00"}]
PLACES = ["环卫作息点", "快递小哥之家", "户外劳动者服务站", "社区服务中心", "银行网点", "加油站"]


@dataclass
class Anchor:
    """Where stations go: an organisation, its district, a centre and a spread in degrees."""

    organization: object
    district: str
    latitude: float
    longitude: float
    spread: float = 0.08


def generate_stations(
    *, anchors, count: int, rng: random.Random, prefix: str, kind_code: str = "union-station"
):
    kind = StationKind.objects.get(code=kind_code)
    services = list(StationService.objects.filter(is_active=True))
    core = [s for s in services if s.code in {"water", "rest", "heat-food", "charging", "toilet"}]
    Through = Station.services.through
    made = 0
    while made < count:
        batch, chosen = [], []
        for _ in range(min(5000, count - made)):
            anchor = rng.choice(anchors)
            lat = anchor.latitude + rng.gauss(0, anchor.spread)
            lon = anchor.longitude + rng.gauss(0, anchor.spread)
            made += 1
            batch.append(
                Station(
                    organization=anchor.organization,
                    org_path=anchor.organization.path,
                    province_path=province_path_of(anchor.organization.path),
                    code=f"{prefix}{made:06d}",
                    name=f"{anchor.district}{rng.choice(PLACES)}工会驿站（{made}号）",
                    kind=kind,
                    district=anchor.district,
                    address=f"{anchor.district}{rng.randint(1, 300)}号",
                    latitude=round(lat, 6),
                    longitude=round(lon, 6),
                    cell=coords.cell_of(lat, lon),
                    opening_hours=rng.choice([DAY, ALWAYS, WEEKDAYS, NIGHT, DAY]),
                    status=rng.choices(
                        [Station.Status.OPEN, Station.Status.PLANNED, Station.Status.SUSPENDED],
                        weights=[90, 6, 4],
                    )[0],
                )
            )
            chosen.append(rng.sample(core, k=rng.randint(3, len(core))))
        with transaction.atomic():
            Station.objects.bulk_create(batch, batch_size=1000)
            Through.objects.bulk_create(
                [
                    Through(station_id=station.pk, stationservice_id=service.pk)
                    for station, picked in zip(batch, chosen, strict=True)
                    for service in picked
                ],
                batch_size=5000,
            )
    return made


SCALE_STATIONS = 200_000


def nationwide_anchors(organizations, rng: random.Random, *, num: int = 400) -> list[Anchor]:
    """Town-sized clusters scattered over eastern and central China, each owned by one union."""
    return [
        Anchor(
            rng.choice(organizations),
            f"测试{i}区",
            rng.uniform(22.5, 42.0),
            rng.uniform(100.0, 122.0),
            spread=rng.uniform(0.05, 0.4),
        )
        for i in range(num)
    ]


def ensure_scale_stations(root, *, rng: random.Random, write=print, total=SCALE_STATIONS) -> int:
    """Bring the scale tree up to `total` stations; returns how many were added."""
    existing = Station.objects.in_subtree(root).count()
    if existing >= total:
        return 0
    orgs = list(
        Organization.objects.filter(path__startswith=root.path, kind=Organization.Kind.COUNTY)[:500]
    ) or [root]
    added = generate_stations(
        anchors=nationwide_anchors(orgs, rng),
        count=total - existing,
        rng=rng,
        prefix=f"SC{existing:06d}-",
    )
    write(f"工会驿站：{added} 家")
    return added


def generate_scale(ctx) -> None:
    root = Organization.objects.filter(name=ctx.root_name).first()
    if root is None:
        return
    # Two stations per organisation: 200 000 for the full 100 000-organisation tree.
    total = min(SCALE_STATIONS, 2 * ctx.num_orgs)
    if ensure_scale_stations(root, rng=ctx.rng, write=ctx.write, total=total):
        ctx.bulk_loaded += [Station, Station.services.through]
