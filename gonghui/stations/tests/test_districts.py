"""A typed address or district resolves offline to a county, city or province centre."""

import pytest
from django.urls import reverse

from gonghui.stations import coords, districts

from .factories import make_station


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("利州区", "四川省广元市利州区"),
        ("广元市利州区东坝街道12号", "四川省广元市利州区"),
        ("利州", "四川省广元市利州区"),
        ("長春市朝陽區", "吉林省长春市朝阳区"),
        ("北京朝阳区建国路", "北京市朝阳区"),
        ("辽宁朝阳县", "辽宁省朝阳市朝阳县"),
        ("苍溪县陵江镇", "四川省广元市苍溪县"),
        ("广元", "四川省广元市"),
    ],
)
def test_resolve(text, label):
    assert districts.resolve(text).label == label


def test_unknown_text_resolves_to_nothing():
    assert districts.resolve("不存在区") is None
    assert districts.resolve("x") is None


def test_centres_are_in_wgs84_near_the_district():
    place = districts.resolve("利州区")
    # 利州区's government seat, WGS-84: within 3 km.
    assert coords.haversine_km(place.latitude, place.longitude, 32.4355, 105.8434) < 3


@pytest.mark.django_db
def test_finder_takes_a_typed_address(fed, client):
    make_station(fed.jinshui, name="利州驿站", district="利州区", lat=32.44, lon=105.84)
    make_station(fed.jinshui, name="苍溪驿站", district="苍溪县", lat=31.73, lon=105.93)
    response = client.get(reverse("stations:finder"), {"district": "广元市利州区东坝街道"})
    page = response.content.decode()
    assert response.context["place"] == "四川省广元市利州区"
    assert page.index("利州驿站") < page.index("苍溪驿站")
