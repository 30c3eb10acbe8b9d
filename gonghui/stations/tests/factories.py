"""Stations for tests, written through the model (services are tested on their own)."""

import itertools

from gonghui.stations.models import Station, StationKind, StationService
from gonghui.stations.services import province_path_of

_codes = itertools.count(1)


def kind(code: str = "union-station") -> StationKind:
    return StationKind.objects.get(code=code)


def service(code: str) -> StationService:
    return StationService.objects.get(code=code)


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
