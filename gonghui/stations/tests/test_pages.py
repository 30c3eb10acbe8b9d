"""Staff pages: list with filters and export, detail with its QR code, register and edit."""

import io

import openpyxl
import pytest
from django.urls import reverse

from gonghui.core.concurrency import version_of
from gonghui.stations import coords
from gonghui.stations.models import Station

from .factories import kind, make_station, service


@pytest.mark.django_db
def test_list_filters_by_kind_and_service(fed, client_for):
    water = service("water")
    book = make_station(fed.jinshui, name="金水区职工书屋", kind=kind("reading-room"))
    wet = make_station(fed.jinshui, name="金水区饮水驿站", services=[water])
    client = client_for(fed.city_admin)
    page = client.get(reverse("stations:list"), {"kind": book.kind_id}).content.decode()
    assert "金水区职工书屋" in page and "金水区饮水驿站" not in page
    page = client.get(reverse("stations:list"), {"service": water.pk}).content.decode()
    assert wet.name in page and book.name not in page


@pytest.mark.django_db
def test_outsider_sees_no_station(fed, client_for):
    station = make_station(fed.zhengzhou, name="郑州驿站")
    client = client_for(fed.outsider)
    assert "郑州驿站" not in client.get(reverse("stations:list")).content.decode()
    assert client.get(reverse("stations:detail", args=[station.pk])).status_code == 404
    assert client.get(reverse("stations:qr", args=[station.pk])).status_code == 404
    assert client.get(reverse("stations:edit", args=[station.pk])).status_code == 404
    assert client.get(reverse("stations:statistics")).context["stats"]["total"] == 0


@pytest.mark.django_db
def test_list_query_count_does_not_grow_with_rows(fed, client_for, django_assert_max_num_queries):
    for i in range(25):
        make_station(fed.jinshui, name=f"驿站{i}")
    client = client_for(fed.city_admin)
    client.get(reverse("stations:list"))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("stations:list"))
    assert response.status_code == 200


@pytest.mark.django_db
def test_export_carries_the_filters_and_masks_the_phone(fed, client_for):
    make_station(fed.jinshui, name="甲驿站", contact_phone="13812345678", district="金水区")
    make_station(fed.jinshui, name="乙驿站", district="中原区")
    client = client_for(fed.city_admin)
    response = client.get(reverse("stations:export"), {"district": "金水区"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [r[1] for r in rows[1:]] == ["甲驿站"]
    assert "13812345678" not in str(rows) and "138****5678" in str(rows)


@pytest.mark.django_db
def test_register_with_gcj02_coordinates(fed, client_for):
    client = client_for(fed.city_admin)
    response = client.post(
        reverse("stations:create"),
        {
            "code": "ZZ100",
            "name": "花园路驿站",
            "kind": kind().pk,
            "organization": fed.jinshui.pk,
            "address": "花园路 8 号",
            "status": "open",
            "coord_system": "gcj02",
            "latitude": "34.78146",
            "longitude": "113.66596",
            "hours_text": "24h",
            "services": [service("water").pk, service("rest").pk],
        },
    )
    station = Station.objects.get(code="ZZ100")
    assert response.status_code == 302
    wlat, wlon = coords.gcj02_to_wgs84(34.78146, 113.66596)
    assert (station.latitude, station.longitude) == pytest.approx((wlat, wlon), abs=1e-6)
    assert abs(station.longitude - 113.66596) > 0.001  # stored as WGS-84, not as typed
    assert sorted(s.code for s in station.services.all()) == ["rest", "water"]
    assert station.hours_label == "24小时开放"


@pytest.mark.django_db
def test_edit_with_a_stale_version_keeps_the_input_and_saves_nothing(fed, client_for):
    station = make_station(fed.jinshui, name="原名")
    stale = version_of(station)
    Station.objects.filter(pk=station.pk).update(name="别人改的")
    from gonghui.stations import services

    services.update_station(
        by=fed.city_admin, station=Station.objects.get(pk=station.pk), name="别人改的2"
    )
    client = client_for(fed.city_admin)
    response = client.post(
        reverse("stations:edit", args=[station.pk]),
        {
            "version": stale,
            "code": station.code,
            "name": "我的修改",
            "kind": station.kind_id,
            "organization": fed.jinshui.pk,
            "address": station.address,
            "status": "open",
            "coord_system": "wgs84",
            "latitude": station.latitude,
            "longitude": station.longitude,
            "hours_text": "24h",
        },
    )
    assert response.status_code in (200, 409)
    assert "我的修改" in response.content.decode()
    station.refresh_from_db()
    assert station.name == "别人改的2"


@pytest.mark.django_db
def test_qr_code_encodes_the_public_page(fed, client_for):
    station = make_station(fed.jinshui)
    response = client_for(fed.city_admin).get(reverse("stations:qr", args=[station.pk]))
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg")
    from gonghui.stations import qrcodes

    expected = "http://testserver" + reverse("stations:public_detail", args=[station.pk])
    assert response.content == qrcodes.qr_svg(expected)
    assert reverse("stations:public_detail", args=[station.pk]) == f"/stations/public/{station.pk}/"
