"""Stations for tests, written through the model (services are tested on their own)."""

import importlib
import itertools

from gonghui.stations.models import Station, StationKind, StationService
from gonghui.stations.services import province_path_of

_codes = itertools.count(1)


# The seeded lists (migration 0002); a transactional test flushes them, so they are recreated.
_SEED = importlib.import_module("gonghui.stations.migrations.0002_seed_kinds_and_services")


def kind(code: str = "union-station") -> StationKind:
    name = dict(_SEED.KINDS)[code]
    return StationKind.objects.get_or_create(code=code, defaults={"name": name})[0]


def service(code: str) -> StationService:
    name = dict(_SEED.SERVICES)[code]
    return StationService.objects.get_or_create(code=code, defaults={"name": name})[0]


def make_station(org, *, lat=32.435, lon=105.843, services=(), **extra) -> Station:
    station = Station(
        organization=org,
        kind=extra.pop("kind", None) or kind(),
        code=extra.pop("code", f"GY{next(_codes):05d}"),
        name=extra.pop("name", "利州区东坝工会驿站"),
        address=extra.pop("address", "利州区东坝街道"),
        latitude=lat,
        longitude=lon,
        opening_hours=extra.pop(
            "opening_hours", [{"days": [1, 2, 3, 4, 5, 6, 7], "open": "00:00", "close": "24:00"}]
        ),
        **extra,
    )
    station.province_path = province_path_of(org.path)
    station.save()
    station.services.set(services)
    return station
