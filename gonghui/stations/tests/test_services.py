"""Registering and editing stations: coordinates in any system, codes unique per province,
scope, the version check, audit."""

import pytest

from gonghui.core.concurrency import EditConflict, version_of
from gonghui.core.exceptions import PermissionDenied, ValidationFailed
from gonghui.core.models import AuditEntry
from gonghui.stations import coords, services
from gonghui.stations.models import Station

from .factories import kind, make_station, service


def data(org, **extra):
    return {
        "organization": org,
        "kind": kind(),
        "code": "ZZ001",
        "name": "金水区花园路工会驿站",
        "address": "花园路 1 号",
        "latitude": 34.78,
        "longitude": 113.66,
        "hours_text": "1-5 08:00-20:00",
        "status": Station.Status.OPEN,
        **extra,
    }


@pytest.mark.django_db
def test_gcj02_input_is_stored_as_wgs84(fed):
    glat, glon = coords.wgs84_to_gcj02(34.78, 113.66)
    station = services.create_station(
        by=fed.city_admin,
        services=[service("water")],
        **data(fed.jinshui, latitude=glat, longitude=glon, coord_system="gcj02"),
    )
    station.refresh_from_db()
    assert station.latitude == pytest.approx(34.78, abs=1e-6)
    assert station.longitude == pytest.approx(113.66, abs=1e-6)
    assert station.cell == coords.cell_of(station.latitude, station.longitude)
    assert station.opening_hours == [{"days": [1, 2, 3, 4, 5], "open": "08:00", "close": "20:00"}]
    assert AuditEntry.objects.filter(action="create", summary__contains=station.name).exists()


@pytest.mark.django_db
def test_code_is_unique_in_the_province_but_not_across_provinces(fed):
    services.create_station(by=fed.city_admin, **data(fed.zhengzhou))
    with pytest.raises(ValidationFailed) as exc:
        services.create_station(by=fed.city_admin, **data(fed.jinshui))
    assert "code" in exc.value.errors
    # 娄底 is in 湖南: the same code is free there.
    other = services.create_station(by=fed.outsider, **data(fed.loudi_grassroots))
    assert other.code == "ZZ001"


@pytest.mark.django_db
def test_outside_the_scope_nothing_is_registered(fed):
    with pytest.raises(PermissionDenied):
        services.create_station(by=fed.outsider, **data(fed.zhengzhou))
    assert not Station.objects.exists()


@pytest.mark.django_db
def test_unreadable_hours_are_a_field_error(fed):
    with pytest.raises(ValidationFailed) as exc:
        services.create_station(by=fed.city_admin, **data(fed.zhengzhou, hours_text="每天"))
    assert "hours_text" in exc.value.errors


@pytest.mark.django_db
def test_a_stale_version_is_refused(fed):
    station = make_station(fed.zhengzhou)
    token = version_of(station)
    services.update_station(by=fed.city_admin, station=station, version=token, name="新名称")
    with pytest.raises(EditConflict):
        services.update_station(by=fed.city_admin, station=station, version=token, name="另一个")
    station.refresh_from_db()
    assert station.name == "新名称"
    entry = AuditEntry.objects.filter(action="update").latest("pk")
    assert entry.details["fields"] == ["name"]


@pytest.mark.django_db
def test_outsider_cannot_edit(fed):
    station = make_station(fed.zhengzhou)
    with pytest.raises(PermissionDenied):
        services.update_station(by=fed.outsider, station=station, name="x")
