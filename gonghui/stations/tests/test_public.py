"""Public pages and API: nearest open stations with no login, no staff-only fields anywhere."""

import pytest
from django.urls import reverse

from gonghui.stations import coords
from gonghui.stations.models import Station

from .factories import make_station, service

STAFF_ONLY = ["13899990000", "王联系", "内部备注不公开", "sysadmin"]


def secret_station(org, **extra):
    return make_station(
        org,
        contact_name="王联系",
        contact_phone="13899990000",
        note="内部备注不公开",
        **extra,
    )


@pytest.mark.django_db
def test_public_station_page_shows_no_staff_only_fields(fed, client):
    station = secret_station(fed.jinshui, name="公开驿站", services=[service("water")])
    page = client.get(reverse("stations:public_detail", args=[station.pk])).content.decode()
    assert "公开驿站" in page and "饮水" in page and "24小时开放" in page
    for secret in STAFF_ONLY:
        assert secret not in page


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Station.Status.PLANNED, Station.Status.CLOSED])
def test_planned_and_closed_stations_are_not_public(fed, client, status):
    station = make_station(fed.jinshui, status=status)
    assert client.get(reverse("stations:public_detail", args=[station.pk])).status_code == 404


@pytest.mark.django_db
def test_finder_lists_nearest_from_a_position_without_a_map(fed, client):
    near = secret_station(fed.jinshui, name="近处驿站", lat=34.75, lon=113.65)
    secret_station(fed.jinshui, name="远处驿站", lat=34.95, lon=113.85)
    page = client.get(reverse("stations:finder"), {"lat": 34.751, "lon": 113.651}).content.decode()
    assert page.index("近处驿站") < page.index("远处驿站")
    assert reverse("stations:public_detail", args=[near.pk]) in page
    assert "公里" in page
    for secret in STAFF_ONLY:
        assert secret not in page


@pytest.mark.django_db
def test_finder_by_typed_district(fed, client):
    make_station(fed.jinshui, name="利州驿站", district="利州区", lat=32.44, lon=105.84)
    make_station(fed.jinshui, name="郑州驿站", district="金水区", lat=34.75, lon=113.65)
    page = client.get(reverse("stations:finder"), {"district": "利州区"}).content.decode()
    assert page.index("利州驿站") < page.index("郑州驿站")
    page = client.get(reverse("stations:finder"), {"district": "不存在区"}).content.decode()
    assert "没有找到该地址或区县" in page


@pytest.mark.django_db
def test_public_api_nearest_accepts_gcj02_and_hides_staff_fields(fed, client):
    station = secret_station(fed.jinshui, lat=34.75, lon=113.65)
    glat, glon = coords.wgs84_to_gcj02(34.75, 113.65)
    response = client.get(
        "/api/v1/stations/public/nearest",
        {"latitude": glat, "longitude": glon, "coord_system": "gcj02", "limit": 1},
    )
    assert response.status_code == 200
    [found] = response.json()
    assert found["id"] == station.pk
    assert found["distance_km"] == pytest.approx(0, abs=0.01)
    assert (found["gcj02_latitude"], found["gcj02_longitude"]) == pytest.approx((glat, glon))
    assert not {"contact_name", "contact_phone", "note", "created_by"} & found.keys()
    for secret in STAFF_ONLY:
        assert secret not in response.content.decode()


@pytest.mark.django_db
def test_public_api_refuses_out_of_range_input(client):
    response = client.get("/api/v1/stations/public/nearest", {"latitude": 91, "longitude": 0})
    assert response.status_code == 422
