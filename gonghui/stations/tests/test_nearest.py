"""The nearest-N lookup reads grid cells through the index and agrees with brute force."""

import datetime as dt
import math
import random

import pytest

from gonghui.stations import coords
from gonghui.stations.models import Station
from gonghui.stations.selectors import NearestQuery, _outside_disk_km, nearest_stations

from .factories import make_station, service


def brute_force(stations, lat, lon, n):
    ranked = sorted(
        stations, key=lambda s: (coords.haversine_km(lat, lon, s.latitude, s.longitude), s.pk)
    )
    return [s.pk for s in ranked[:n]]


@pytest.mark.django_db
def test_nearest_agrees_with_brute_force_on_random_points(fed):
    rng = random.Random(7)
    # Clusters (a city) and a sparse scatter (a province), so both small and large rings matter.
    stations = [
        make_station(fed.zhengzhou, lat=rng.gauss(34.75, 0.05), lon=rng.gauss(113.65, 0.05))
        for _ in range(120)
    ] + [
        make_station(fed.henan, lat=rng.uniform(31.4, 36.4), lon=rng.uniform(110.3, 116.6))
        for _ in range(80)
    ]
    for _ in range(40):
        lat, lon = rng.uniform(31, 37), rng.uniform(110, 117)
        n = rng.choice([1, 5, 10])
        got = [s.pk for s, _km in nearest_stations(NearestQuery(lat, lon, limit=n))]
        assert got == brute_force(stations, lat, lon, n)


@pytest.mark.django_db
def test_nearest_reports_exact_distances_and_skips_stations_not_open(fed):
    near = make_station(fed.zhengzhou, lat=34.75, lon=113.65)
    make_station(fed.zhengzhou, lat=34.7501, lon=113.6501, status=Station.Status.SUSPENDED)
    far = make_station(fed.zhengzhou, lat=34.80, lon=113.70)
    found = nearest_stations(NearestQuery(34.7502, 113.6502, limit=5))
    assert [s.pk for s, _ in found] == [near.pk, far.pk]
    assert found[0][1] == pytest.approx(
        coords.haversine_km(34.7502, 113.6502, 34.75, 113.65), rel=1e-9
    )


@pytest.mark.django_db
def test_nearest_filters_by_service_open_now_and_radius(fed):
    water = service("water")
    night = [{"days": [1, 2, 3, 4, 5, 6, 7], "open": "20:00", "close": "06:00"}]
    day = [{"days": [1, 2, 3, 4, 5, 6, 7], "open": "08:00", "close": "18:00"}]
    dry_day = make_station(fed.zhengzhou, lat=34.75, lon=113.65, opening_hours=day)
    wet_night = make_station(
        fed.zhengzhou, lat=34.76, lon=113.65, opening_hours=night, services=[water]
    )
    distant = make_station(fed.zhengzhou, lat=35.75, lon=113.65, services=[water])
    at_3am = dt.datetime(2026, 12, 1, 3, 0)
    query = NearestQuery(34.75, 113.65, limit=5, at=at_3am, open_now=True)
    assert [s.pk for s, _ in nearest_stations(query)] == [wet_night.pk, distant.pk]
    query = NearestQuery(34.75, 113.65, limit=5, service_ids=[water.pk], max_km=20)
    assert [s.pk for s, _ in nearest_stations(query)] == [wet_night.pk]
    query = NearestQuery(34.75, 113.65, limit=1, at=dt.datetime(2026, 12, 1, 12, 0))
    assert [s.pk for s, _ in nearest_stations(query)] == [dry_day.pk]


@pytest.mark.django_db
def test_nearest_reads_only_nearby_cells_when_stations_are_dense(
    fed, django_assert_max_num_queries
):
    for i in range(30):
        make_station(fed.zhengzhou, lat=34.75 + i * 0.001, lon=113.65)
    make_station(fed.zhengzhou, lat=39.9, lon=116.4)
    # The first ring sufficed: one query for the candidates' positions, then the three found
    # read in full with their services.
    with django_assert_max_num_queries(3):
        found = nearest_stations(NearestQuery(34.75, 113.65, limit=3))
    assert len(found) == 3


def test_the_planar_search_bound_is_never_above_a_true_distance():
    # Whatever lies at least `reach` degrees away (planar, as the GiST index orders) is at least
    # _outside_disk_km away on the sphere, at any latitude and direction.
    rng = random.Random(11)
    for _ in range(2000):
        lat = rng.uniform(-80, 80)
        reach = rng.choice([0.01, 0.1, 1.0, 10.0, 60.0])
        bound = _outside_disk_km(lat, reach)
        angle = rng.uniform(0, 2 * math.pi)
        r = reach * rng.uniform(1.0, 1.5)
        lat2 = max(-90.0, min(90.0, lat + r * math.sin(angle)))
        lon2 = 100.0 + r * math.cos(angle)
        if math.hypot(lat2 - lat, lon2 - 100.0) < reach:
            continue  # clamped at a pole, inside the disk after all
        assert coords.haversine_km(lat, 100.0, lat2, lon2) >= bound - 1e-9


@pytest.mark.django_db
def test_nearest_agrees_with_brute_force_over_a_wide_sparse_area(fed):
    # Far-apart stations from the tropics to the north-east make the search widen several
    # times (several GiST batches on PostgreSQL, large grid squares elsewhere).
    rng = random.Random(23)
    stations = [
        make_station(fed.henan, lat=rng.uniform(18, 53), lon=rng.uniform(74, 134))
        for _ in range(150)
    ]
    for _ in range(30):
        lat, lon = rng.uniform(10, 55), rng.uniform(70, 140)
        n = rng.choice([1, 10, 45])
        got = [s.pk for s, _km in nearest_stations(NearestQuery(lat, lon, limit=n))]
        assert got == brute_force(stations, lat, lon, n)
