"""Photos, the A4 placard, monthly usage (entry and Excel import), the yearly 星级评定 and the
list of stations not inspected, the staff map and the figures."""

import datetime as dt
import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gonghui.campaigns.tests.factories import png_bytes
from gonghui.core.exceptions import PermissionDenied, ValidationFailed
from gonghui.core.figures import Period, figure
from gonghui.stations import services
from gonghui.stations.models import Inspection, InspectionItem, StationPhoto, StationUsage

from .factories import make_station, service


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


def _png(name="a.png", seed=0):
    return SimpleUploadedFile(name, png_bytes(seed), "image/png")


def _items():
    items = list(InspectionItem.objects.filter(is_active=True))
    if not items:  # a transactional test flushed the seeded checklist
        items = [
            InspectionItem.objects.create(code=f"i{n}", name=f"检查项{n}", max_score=25)
            for n in range(4)
        ]
    return items


def _scores(items, share: float):
    return {item.pk: round(item.max_score * share) for item in items}


LAST_MONTH = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)


# --- photos ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_photos_are_checked_by_content_and_shown_on_staff_and_public_pages(fed, client_for):
    station = make_station(fed.jinshui)
    client = client_for(fed.city_admin)
    response = client.post(
        reverse("stations:add_photos", args=[station.pk]),
        {"photos": [_png()], "caption": "门口"},
    )
    assert response.status_code == 302
    photo = StationPhoto.objects.get(station=station)
    detail = client.get(reverse("stations:detail", args=[station.pk])).content.decode()
    assert reverse("stations:photo", args=[station.pk, photo.pk]) in detail
    served = client.get(reverse("stations:photo", args=[station.pk, photo.pk]))
    assert served.status_code == 200 and b"".join(served.streaming_content) == png_bytes(0)
    client.logout()
    public = client.get(reverse("stations:public_detail", args=[station.pk])).content.decode()
    url = reverse("stations:public_photo", args=[station.pk, photo.pk])
    assert url in public
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_a_file_that_is_not_an_image_is_refused_whatever_its_name(fed):
    station = make_station(fed.jinshui)
    fake = SimpleUploadedFile("photo.png", b"<script>alert(1)</script>" * 10, "image/png")
    with pytest.raises(ValidationFailed):
        services.add_photos(by=fed.city_admin, station=station, uploads=[_png(), fake])
    assert not StationPhoto.objects.exists()


@pytest.mark.django_db
def test_photos_are_bounded_per_station(fed):
    station = make_station(fed.jinshui)
    uploads = [_png(f"{n}.png", n) for n in range(services.MAX_STATION_PHOTOS + 1)]
    with pytest.raises(ValidationFailed):
        services.add_photos(by=fed.city_admin, station=station, uploads=uploads)


@pytest.mark.django_db
def test_inspection_photos_stay_off_the_public_page(fed, client):
    station = make_station(fed.jinshui)
    items = _items()
    inspection = services.record_inspection(
        by=fed.city_admin,
        station=station,
        inspected_on=timezone.localdate(),
        inspector="王检查",
        scores=_scores(items, 1),
        photos=[_png()],
    )
    photo = inspection.photos.get()
    assert (
        client.get(reverse("stations:public_photo", args=[station.pk, photo.pk])).status_code == 404
    )
    page = client.get(reverse("stations:public_detail", args=[station.pk])).content.decode()
    assert f"/photos/{photo.pk}/" not in page


@pytest.mark.django_db
def test_outsider_cannot_see_or_add_photos(fed, client_for):
    station = make_station(fed.jinshui)
    (photo,) = services.add_photos(by=fed.city_admin, station=station, uploads=[_png()])
    client = client_for(fed.outsider)
    assert client.get(reverse("stations:photo", args=[station.pk, photo.pk])).status_code == 404
    response = client.post(reverse("stations:add_photos", args=[station.pk]), {"photos": [_png()]})
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        services.add_photos(by=fed.outsider, station=station, uploads=[_png()])


# --- placard --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_placard_is_an_a4_word_file_with_name_services_hours_and_the_qr_code(fed, client_for):
    from docx import Document
    from docx.shared import Cm

    station = make_station(fed.jinshui, name="金水区东风路驿站", services=[service("water")])
    response = client_for(fed.city_admin).get(reverse("stations:placard", args=[station.pk]))
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "金水区东风路驿站" in text and "饮水" in text and "24小时开放" in text
    assert f"/stations/public/{station.pk}/" in text
    section = document.sections[0]
    assert abs(section.page_width - Cm(21)) < Cm(0.1)
    assert abs(section.page_height - Cm(29.7)) < Cm(0.1)
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert any(name.startswith("word/media/") for name in archive.namelist())


# --- usage ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_usage_entered_once_per_month_and_shown_on_the_page_and_in_statistics(fed, client_for):
    station = make_station(fed.jinshui)
    client = client_for(fed.city_admin)
    month = f"{LAST_MONTH:%Y-%m}"
    url = reverse("stations:usage", args=[station.pk])
    assert client.post(url, {"month": month, "visits": 120}).status_code == 302
    assert client.post(url, {"month": month, "visits": 150}).status_code == 302
    assert StationUsage.objects.get(station=station).visits == 150
    page = client.get(reverse("stations:detail", args=[station.pk])).content.decode()
    assert "150" in page
    stats = client.get(reverse("stations:statistics"), {"year": LAST_MONTH.year}).context["stats"]
    assert stats["usage_year"] == 150


@pytest.mark.django_db
def test_usage_of_a_future_month_is_refused(fed):
    station = make_station(fed.jinshui)
    future = (timezone.localdate().replace(day=28) + dt.timedelta(days=10)).replace(day=1)
    with pytest.raises(ValidationFailed):
        services.record_usage(by=fed.city_admin, station=station, month=future, visits=1)


def _rows(*rows):
    headers = [c.header for c in services.USAGE_IMPORT.columns]
    return [
        dict(zip(headers, row, strict=True)) | {"_row": n} for n, row in enumerate(rows, start=3)
    ]


@pytest.mark.django_db
def test_usage_import_by_code_within_scope(fed):
    mine = make_station(fed.jinshui, code="JS-001")
    theirs = make_station(fed.loudi, code="LD-001")
    month = f"{LAST_MONTH:%Y-%m}"
    report = services.USAGE_IMPORT.check(
        by=fed.city_admin, rows=_rows(["JS-001", month, 300, ""], ["LD-001", month, 10, ""])
    )
    errors = [e for row in report.rows for e in row.errors]
    assert any("LD-001" in e for e in errors)
    with pytest.raises(ValidationFailed):
        services.USAGE_IMPORT.confirm(
            by=fed.city_admin, rows=_rows(["JS-001", month, 300, ""], ["LD-001", month, 10, ""])
        )
    assert not StationUsage.objects.exists()
    services.USAGE_IMPORT.confirm(by=fed.city_admin, rows=_rows(["JS-001", month, 300, "三月"]))
    assert StationUsage.objects.get(station=mine).visits == 300
    assert not StationUsage.objects.filter(station=theirs).exists()


def test_usage_template_has_the_columns():
    book = openpyxl.load_workbook(io.BytesIO(services.USAGE_IMPORT.template()))
    assert [c.value for c in book.active[1]][:3] == ["驿站编号", "月份", "服务人次"]


# --- inspections ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("share", "stars"), [(1.0, 5), (0.85, 4), (0.72, 3), (0.6, 2), (0.5, 1), (0.3, 0)]
)
def test_star_level_from_the_share_of_points(share, stars):
    assert services.stars_for(round(100 * share), 100) == stars


@pytest.mark.django_db
def test_inspection_through_the_form_and_the_not_inspected_list(fed, client_for):
    done = make_station(fed.jinshui, name="已评驿站")
    make_station(fed.jinshui, name="未评驿站")
    items = _items()
    client = client_for(fed.city_admin)
    data = {f"item_{item.pk}": item.max_score for item in items}
    data |= {"inspected_on": timezone.localdate().isoformat(), "inspector": "李检查"}
    response = client.post(reverse("stations:inspection", args=[done.pk]), data)
    assert response.status_code == 302
    inspection = Inspection.objects.get(station=done)
    assert inspection.stars == 5 and inspection.score == inspection.max_score
    assert inspection.year == timezone.localdate().year
    page = client.get(reverse("stations:not_inspected")).content.decode()
    assert "未评驿站" in page and "已评驿站" not in page


@pytest.mark.django_db
def test_an_out_of_range_score_is_refused(fed):
    station = make_station(fed.jinshui)
    items = _items()
    scores = _scores(items, 1)
    scores[items[0].pk] = items[0].max_score + 1
    with pytest.raises(ValidationFailed) as caught:
        services.record_inspection(
            by=fed.city_admin,
            station=station,
            inspected_on=timezone.localdate(),
            inspector="李检查",
            scores=scores,
        )
    assert f"item_{items[0].pk}" in caught.value.errors


@pytest.mark.django_db
def test_inspecting_again_in_the_year_replaces_the_scores(fed):
    station = make_station(fed.jinshui)
    items = _items()
    for share in (0.5, 0.9):
        services.record_inspection(
            by=fed.city_admin,
            station=station,
            inspected_on=timezone.localdate(),
            inspector="李检查",
            scores=_scores(items, share),
        )
    assert Inspection.objects.get(station=station).stars == 5


# --- map and figures ------------------------------------------------------------------------


@pytest.mark.django_db
def test_staff_map_draws_the_scope_points_without_any_tile_provider(fed, client_for, settings):
    settings.GONGHUI_MAP_TILES = "none"
    make_station(fed.jinshui, name="金水驿站", lat=34.78, lon=113.66)
    make_station(fed.loudi, name="娄底驿站", lat=27.7, lon=112.0)
    response = client_for(fed.city_admin).get(reverse("stations:map"))
    points = response.context["map_layer"]["points"]
    assert [p["name"] for p in points] == ["金水驿站"]
    assert points[0]["pos"] == (34.78, 113.66)
    page = response.content.decode()
    assert "leaflet.js" in page and "tianditu" not in page and "autonavi" not in page


@pytest.mark.django_db
def test_staff_map_clusters_a_large_scope_and_answers_the_view_with_its_points(
    fed, client_for, settings, monkeypatch
):
    from gonghui.stations import selectors

    settings.GONGHUI_MAP_TILES = "none"
    monkeypatch.setattr(selectors, "MAP_POINTS", 6)
    for i in range(6):
        make_station(fed.jinshui, name=f"金水{i}", lat=34.78 + i * 0.001, lon=113.66)
    for i in range(4):
        make_station(fed.jinshui, name=f"远处{i}", lat=35.5 + i * 0.001, lon=114.5)
    make_station(fed.loudi, name="娄底驿站", lat=27.7, lon=112.0)
    client = client_for(fed.city_admin)
    layer = client.get(reverse("stations:map")).context["map_layer"]
    # Ten stations in scope, more than the map draws one by one: two clusters, nothing of 娄底.
    assert layer["points"] == [] and layer["total"] == 10
    assert sorted(c["n"] for c in layer["clusters"]) == [4, 6]
    # Zoomed in on 金水: the stations in view, one by one, each with its page.
    url = reverse("stations:map_layer")
    data = client.get(url, {"bbox": "34.7,113.6,34.9,113.7", "zoom": "14"}).json()
    assert sorted(p["name"] for p in data["points"]) == [f"金水{i}" for i in range(6)]
    assert data["clusters"] == [] and data["total"] == 6
    # The city's whole area at a low zoom: clusters again, never 娄底's.
    data = client.get(url, {"bbox": "20,100,40,120", "zoom": "5"}).json()
    assert sum(c["n"] for c in data["clusters"]) == 10
    # A box holding only 娄底 holds nothing for 郑州's admin.
    data = client.get(url, {"bbox": "27,111,28,113", "zoom": "10"}).json()
    assert data == {"total": 0, "points": [], "clusters": []}


@pytest.mark.django_db
def test_staff_map_layer_needs_a_login_and_reads_a_bounded_number_of_rows(
    fed, client_for, client, django_assert_max_num_queries
):
    make_station(fed.jinshui, lat=34.78, lon=113.66)
    assert client.get(reverse("stations:map_layer")).status_code == 302
    staff = client_for(fed.city_admin)
    with django_assert_max_num_queries(8):
        staff.get(reverse("stations:map_layer"), {"bbox": "bad", "zoom": "99"})


@pytest.mark.django_db
def test_map_positions_follow_the_provider_coordinate_system(fed, client_for, settings):
    from gonghui.stations import coords

    station = make_station(fed.jinshui, lat=34.78, lon=113.66)
    settings.GONGHUI_MAP_TILES = "amap"
    points = client_for(fed.city_admin).get(reverse("stations:map")).context["map_layer"]["points"]
    expected = coords.wgs84_to_gcj02(station.latitude, station.longitude)
    assert points[0]["pos"] == pytest.approx(expected, abs=1e-6)
    assert points[0]["pos"] != (34.78, 113.66)
    settings.GONGHUI_MAP_TILES, settings.GONGHUI_TIANDITU_KEY = "tianditu", "k"
    response = client_for(fed.city_admin).get(reverse("stations:map"))
    assert response.context["map_layer"]["points"][0]["pos"] == (34.78, 113.66)
    assert "tianditu" in response.context["map_config"]["layers"][0]["url"]


@pytest.mark.django_db
def test_figures_count_stations_and_usage_within_the_scope(fed):
    mine = make_station(fed.jinshui)
    make_station(fed.jinshui, status="planned")
    theirs = make_station(fed.loudi)
    services.record_usage(by=fed.city_admin, station=mine, month=LAST_MONTH, visits=70)
    services.record_usage(by=fed.sysadmin, station=theirs, month=LAST_MONTH, visits=5)
    period = Period(LAST_MONTH, timezone.localdate())
    assert figure("stations.total").compute(fed.city_admin, period) == 2
    assert figure("stations.open").compute(fed.city_admin, period) == 1
    assert figure("stations.usage").compute(fed.city_admin, period) == 70
    assert figure("stations.usage").url(period).startswith(reverse("stations:statistics"))
