"""Staff API: scoped list, register with ids resolved through the scope, the version check."""

import pytest

from gonghui.core.concurrency import version_of
from gonghui.stations.models import Station

from .factories import kind, make_station, service


def body(org, **extra):
    return {
        "code": "API1",
        "name": "接口驿站",
        "kind_id": kind().pk,
        "organization_id": org.pk,
        "address": "某路 1 号",
        "latitude": 34.7,
        "longitude": 113.6,
        "service_ids": [service("water").pk],
        "hours_text": "1-7 06:00-22:00",
        **extra,
    }


@pytest.mark.django_db
def test_outsider_lists_nothing_and_cannot_read(fed, client_for):
    station = make_station(fed.zhengzhou)
    client = client_for(fed.outsider)
    assert client.get("/api/v1/stations/").json()["items"] == []
    assert client.get(f"/api/v1/stations/{station.pk}").status_code == 404


@pytest.mark.django_db
def test_register_and_edit_through_the_api(fed, client_for):
    client = client_for(fed.city_admin)
    response = client.post("/api/v1/stations/", body(fed.jinshui), content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["service_ids"] == [service("water").pk]
    station = Station.objects.get(pk=data["id"])
    stale = data["version"]
    ok = client.put(
        f"/api/v1/stations/{station.pk}",
        body(fed.jinshui, name="改名", version=stale),
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["name"] == "改名"
    conflict = client.put(
        f"/api/v1/stations/{station.pk}",
        body(fed.jinshui, name="再改", version=stale),
        content_type="application/json",
    )
    assert conflict.status_code == 409
    station.refresh_from_db()
    assert station.name == "改名" and version_of(station) != stale


@pytest.mark.django_db
def test_organisation_outside_the_scope_is_not_found(fed, client_for):
    client = client_for(fed.city_admin)
    response = client.post("/api/v1/stations/", body(fed.loudi), content_type="application/json")
    assert response.status_code == 404
    assert not Station.objects.exists()
