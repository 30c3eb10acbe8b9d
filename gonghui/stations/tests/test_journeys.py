"""Browser journeys: a worker on a phone finds the nearest station from a fixed position and
opens it; staff open a station and see its QR code."""

import pytest

from .factories import make_station, service

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_worker_finds_the_nearest_station_on_a_phone(fed, live_server, open_page):
    near = make_station(
        fed.jinshui,
        name="花园路环卫工会驿站",
        lat=34.7801,
        lon=113.6601,
        services=[service("water"), service("charging")],
        contact_phone="13811112222",
    )
    make_station(fed.jinshui, name="二七广场工会驿站", lat=34.7530, lon=113.6660)
    page = open_page(phone=True)
    page.context.grant_permissions(["geolocation"], origin=live_server.url)
    page.context.set_geolocation({"latitude": 34.7800, "longitude": 113.6600})
    page.goto(f"{live_server.url}/stations/public/")
    page.get_by_role("button", name="使用我的位置").tap()
    page.wait_for_selector("ol.stations li.station")
    items = page.locator("ol.stations li.station")
    first = items.first.inner_text()
    assert "花园路环卫工会驿站" in first and "公里" in first
    assert "二七广场工会驿站" in items.nth(1).inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    items.first.locator("a").tap()
    page.wait_for_url(f"**/stations/public/{near.pk}/")
    assert page.locator("h1").inner_text() == "花园路环卫工会驿站"
    body = page.locator("body").inner_text()
    assert "饮水" in body and "充电" in body and "24小时开放" in body
    assert "13811112222" not in page.content()


@pytest.mark.django_db(transaction=True)
def test_staff_open_a_station_and_see_its_qr_code(fed, live_server, open_page):
    station = make_station(fed.jinshui, name="金水区职工驿站")
    page = open_page(fed.city_admin)
    page.goto(f"{live_server.url}/stations/")
    page.get_by_role("link", name="金水区职工驿站").click()
    page.wait_for_url(f"**/stations/{station.pk}/")
    qr = page.locator("img[alt='驿站二维码']")
    qr.wait_for()
    assert page.evaluate("img => img.complete && img.naturalWidth > 0", qr.element_handle())
    assert f"/stations/public/{station.pk}/" in page.locator("body").inner_text()


@pytest.mark.django_db(transaction=True)
def test_staff_see_their_city_stations_on_the_map(fed, live_server, open_page, settings):
    settings.GONGHUI_MAP_TILES = "none"
    make_station(fed.jinshui, name="花园路驿站", lat=34.78, lon=113.66)
    make_station(fed.jinshui, name="二七广场驿站", lat=34.75, lon=113.67)
    make_station(fed.loudi, name="娄底驿站", lat=27.7, lon=112.0)
    requests = []
    page = open_page(fed.city_admin)
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{live_server.url}/stations/map/")
    page.wait_for_selector("#station-map[data-ready='2']")
    assert page.locator("#station-map path.leaflet-interactive").count() == 2
    page.locator("#station-map path.leaflet-interactive").first.click()
    popup = page.locator(".leaflet-popup-content a")
    popup.wait_for()
    assert popup.inner_text() in {"花园路驿站", "二七广场驿站"}
    assert all(url.startswith(live_server.url) for url in requests), requests


@pytest.mark.django_db(transaction=True)
def test_a_crowded_staff_map_shows_clusters_and_the_stations_once_zoomed_in(
    fed, live_server, open_page, settings, monkeypatch
):
    from gonghui.stations import selectors

    settings.GONGHUI_MAP_TILES = "none"
    monkeypatch.setattr(selectors, "MAP_POINTS", 3)
    for i in range(3):
        make_station(fed.jinshui, name=f"花园路{i}号驿站", lat=34.78 + i * 0.002, lon=113.66)
    for i in range(5):
        make_station(fed.jinshui, name=f"远郊{i}号驿站", lat=31.0 + i * 0.002, lon=110.0)
    requests = []
    page = open_page(fed.city_admin)
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{live_server.url}/stations/map/")
    page.wait_for_selector("#station-map[data-ready='2']")
    assert sorted(page.locator(".station-cluster").all_inner_texts()) == ["3", "5"]
    page.locator(".station-cluster", has_text="3").click()
    # Zoomed in on the cluster: the map asks for the stations in view and draws each one.
    page.wait_for_selector("#station-map path.leaflet-interactive")
    assert page.locator("#station-map path.leaflet-interactive").count() == 3
    assert any("/stations/map/layer/?" in url for url in requests)
    assert all(url.startswith(live_server.url) for url in requests), requests


@pytest.mark.django_db(transaction=True)
def test_inspector_records_the_star_rating(fed, live_server, open_page):
    from gonghui.stations.models import Inspection, InspectionItem

    if not InspectionItem.objects.exists():  # the flush of a transactional test removed them
        for n, points in enumerate([40, 30, 30]):
            InspectionItem.objects.create(code=f"item{n}", name=f"检查项{n}", max_score=points)
    station = make_station(fed.jinshui, name="金水区待评驿站")
    page = open_page(fed.city_admin)
    page.goto(f"{live_server.url}/stations/not-inspected/")
    row = page.locator("tr", has_text="金水区待评驿站")
    row.get_by_role("link", name="录入评定").click()
    page.wait_for_url(f"**/stations/{station.pk}/inspection/**")
    for item in InspectionItem.objects.filter(is_active=True):
        page.fill(f"input[name=item_{item.pk}]", str(item.max_score))
    page.fill("input[name=inspector]", "李检查")
    page.get_by_role("button", name="保存评定").click()
    page.wait_for_url(f"**/stations/{station.pk}/")
    assert "★★★★★" in page.locator("#inspections").inner_text()
    assert Inspection.objects.get(station=station).stars == 5
    page.goto(f"{live_server.url}/stations/not-inspected/")
    assert "金水区待评驿站" not in page.locator("body").inner_text()
