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
