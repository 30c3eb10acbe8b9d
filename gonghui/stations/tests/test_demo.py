"""The demo loads 广元's 320 stations inside 广元's districts, its 7 书屋 / 心灵驿站, and 河南's."""

import pytest

from gonghui.accounts import demo as accounts_demo
from gonghui.core.demodata import DemoContext
from gonghui.organizations import demo as organizations_demo
from gonghui.stations import demo
from gonghui.stations.models import Station


@pytest.mark.django_db
def test_demo_stations_follow_the_seed():
    ctx = DemoContext()
    organizations_demo.load(ctx)
    accounts_demo.load(ctx)
    demo.load(ctx)
    guangyuan = ctx.org("广元市总工会")
    in_guangyuan = Station.objects.in_subtree(guangyuan)
    assert in_guangyuan.filter(kind__code="union-station").count() == 320
    assert in_guangyuan.filter(kind__code__in=["reading-room", "heart-station"]).count() == 7
    # Plausibly inside 广元 (31.5–32.9 N, 104.9–106.6 E).
    for lat, lon in in_guangyuan.values_list("latitude", "longitude"):
        assert 31.3 < lat < 33.1 and 104.7 < lon < 106.8
    assert Station.objects.in_subtree(ctx.org("河南省总工会")).count() == 50
    assert set(in_guangyuan.values_list("district", flat=True)) == {
        "利州区", "昭化区", "朝天区", "旺苍县", "青川县", "剑阁县", "苍溪县"
    }  # fmt: skip


@pytest.mark.django_db
def test_demo_has_usage_and_some_inspections():
    from gonghui.stations.models import Inspection, StationUsage

    ctx = DemoContext()
    organizations_demo.load(ctx)
    accounts_demo.load(ctx)
    demo.load(ctx)
    guangyuan = Station.objects.in_subtree(ctx.org("广元市总工会"))
    assert (
        StationUsage.objects.filter(station__in=guangyuan).values("month").distinct().count() == 6
    )
    inspected = Inspection.objects.filter(station__in=guangyuan).count()
    assert 0 < inspected < guangyuan.count()
