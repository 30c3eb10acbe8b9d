"""Coordinate conversions against published pairs, and the round trips the forms rely on."""

import random

import pytest

from gonghui.stations import coords


def test_wgs84_to_gcj02_matches_the_published_pair():
    # coordtransform's reference pair for 天安门 (lon 116.404, lat 39.915).
    lat, lon = coords.wgs84_to_gcj02(39.915, 116.404)
    assert lat == pytest.approx(39.91640428150164, abs=1e-9)
    assert lon == pytest.approx(116.41024449916938, abs=1e-9)


def test_gcj02_to_bd09_and_back_match_the_published_pairs():
    lat, lon = coords.gcj02_to_bd09(39.915, 116.404)
    assert (lat, lon) == pytest.approx((39.92133699351022, 116.41036949371029), abs=1e-9)
    lat, lon = coords.bd09_to_gcj02(39.915, 116.404)
    assert (lat, lon) == pytest.approx((39.90865673957631, 116.39762729119315), abs=1e-9)


def test_gcj02_input_is_stored_as_wgs84_within_a_metre():
    rng = random.Random(3)
    for _ in range(200):
        lat, lon = rng.uniform(18, 50), rng.uniform(76, 133)
        back = coords.to_wgs84(*coords.from_wgs84(lat, lon, "gcj02"), "gcj02")
        assert coords.haversine_km(lat, lon, *back) < 0.001
        back = coords.to_wgs84(*coords.from_wgs84(lat, lon, "bd09"), "bd09")
        assert coords.haversine_km(lat, lon, *back) < 0.002


def test_no_offset_outside_china():
    assert coords.wgs84_to_gcj02(51.5, -0.12) == (51.5, -0.12)


def test_haversine_matches_a_known_distance():
    # 北京 to 上海 city centres, about 1 067 km.
    assert coords.haversine_km(39.9042, 116.4074, 31.2304, 121.4737) == pytest.approx(1067, abs=3)
