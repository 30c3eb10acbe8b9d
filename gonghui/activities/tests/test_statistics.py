"""Statistics equal hand-computed sums, money is exact, roll-ups follow edits and deletes."""

import datetime as dt
from decimal import Decimal

from gonghui.activities import selectors, services
from gonghui.activities.models import Activity
from gonghui.activities.rollups import rebuild_rollups

from .factories import activity_type, make_activity


def _seed(fed):
    admin = fed.province_admin
    make_activity(
        admin,
        organization=fed.henan,
        department=fed.basic_work_dept,
        type_code="volunteer",
        title="爱心捐书",
        money=Decimal("5880.10"),
        items=672,
        items_unit="本",
        start=dt.date(2020, 5, 15),
    )
    make_activity(
        admin,
        organization=fed.henan,
        type_code="sports",
        title="春季运动会",
        sessions=7,
        attendances=422,
        start=dt.date(2020, 5, 20),
    )
    make_activity(
        admin,
        organization=fed.zhengzhou,
        type_code="volunteer",
        money=Decimal("0.20"),
        participants=40,
        start=dt.date(2020, 6, 2),
    )
    make_activity(
        admin,
        organization=fed.grassroots,
        type_code="online_quiz",
        reach=24000,
        attendances=7207,
        money=Decimal("0.10"),
        start=dt.date(2020, 6, 30),
    )


def test_statistics_equal_hand_sums(fed):
    _seed(fed)
    stats = selectors.activity_statistics(fed.province_admin)
    assert stats.source == "rollup"
    assert stats.totals["num_activities"] == 4
    assert stats.totals["attendances"] == 422 + 7207
    assert stats.totals["participants"] == 40
    assert stats.totals["sessions"] == 7
    assert stats.totals["items"] == 672
    assert stats.totals["reach"] == 24000
    # 5880.10 + 0.20 + 0.10 is not 5880.4 in binary floating point; fen are exact.
    assert stats.money_total == Decimal("5880.40")
    assert isinstance(stats.money_total, Decimal)
    by_type = {r["label"]: r for r in stats.by_type}
    assert by_type["志愿服务"]["num_activities"] == 2
    assert by_type["志愿服务"]["money"] == Decimal("5880.30")
    by_month = {r["label"]: r["num_activities"] for r in stats.by_month}
    assert by_month == {"2020-05": 2, "2020-06": 2}
    by_dept = {r["label"]: r["num_activities"] for r in stats.by_department}
    assert by_dept == {"基层工作部": 1}


def test_rollup_and_direct_aggregation_agree(fed):
    _seed(fed)
    via_rollup = selectors.activity_statistics(fed.province_admin)
    # A period not on month boundaries: whole months from the monthly roll-up, edges from daily.
    edges = selectors.activity_statistics(
        fed.province_admin, selectors.ActivityFilter(date_from=dt.date(2020, 1, 2))
    )
    part_month = selectors.activity_statistics(
        fed.province_admin,
        selectors.ActivityFilter(date_from=dt.date(2020, 5, 1), date_to=dt.date(2020, 6, 29)),
    )
    assert edges.source == "rollup+daily"
    assert edges.totals == via_rollup.totals
    assert edges.by_type == via_rollup.by_type
    assert part_month.source == "rollup+daily"
    assert part_month.totals["num_activities"] == 3
    assert part_month.money_total == Decimal("5880.30")


def test_split_period_into_whole_months_and_edge_days():
    split = selectors.split_period
    d = dt.date
    assert split(d(2020, 1, 1), d(2020, 12, 31)) == ((d(2020, 1, 1), d(2020, 12, 31)), [])
    assert split(d(2020, 1, 5), d(2020, 3, 10)) == (
        (d(2020, 2, 1), d(2020, 2, 29)),
        [(d(2020, 1, 5), d(2020, 1, 31)), (d(2020, 3, 1), d(2020, 3, 10))],
    )
    assert split(d(2020, 1, 5), d(2020, 1, 20)) == (None, [(d(2020, 1, 5), d(2020, 1, 20))])
    assert split(d(2020, 1, 5), d(2020, 2, 3)) == (
        None,
        [(d(2020, 1, 5), d(2020, 1, 31)), (d(2020, 2, 1), d(2020, 2, 3))],
    )
    assert split(None, d(2020, 2, 3)) == ((None, d(2020, 1, 31)), [(d(2020, 2, 1), d(2020, 2, 3))])
    assert split(d(2020, 2, 3), None) == ((d(2020, 3, 1), None), [(d(2020, 2, 3), d(2020, 2, 29))])


def test_any_range_equals_a_recount_from_the_activities(fed):
    """Random periods, subtrees and filters: the roll-up figures equal a recount of raw rows."""
    import random

    admin = fed.province_admin
    rng = random.Random(5)
    orgs = [fed.henan, fed.zhengzhou, fed.jinshui, fed.grassroots]
    for i in range(40):
        make_activity(
            admin,
            organization=rng.choice(orgs),
            type_code=rng.choice(["reading", "sports", "volunteer"]),
            title=f"活动{i}",
            start=dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(150)),
            participants=rng.randrange(100),
            money=Decimal(rng.randrange(10_000)) / 100,
        )
    services.delete_activity(by=admin, activity=Activity.objects.order_by("pk").first())
    sources = set()
    for _ in range(30):
        start = dt.date(2019, 12, 20) + dt.timedelta(days=rng.randrange(170))
        end = start + dt.timedelta(days=rng.randrange(120))
        filters = selectors.ActivityFilter(
            organization=rng.choice([None, fed.zhengzhou, fed.jinshui]),
            type_id=rng.choice([None, activity_type("sports").pk]),
            date_from=rng.choice([None, start]),
            date_to=rng.choice([None, end]),
        )
        fast = selectors.activity_statistics(admin, filters)
        recount = selectors.activity_statistics(admin, filters, from_rollups=False)
        sources.add(fast.source)
        assert recount.source == "activities"
        assert fast.totals == recount.totals, filters
        assert fast.by_type == recount.by_type, filters
        assert fast.by_month == recount.by_month, filters
        assert fast.by_department == recount.by_department, filters
    assert sources == {"rollup", "rollup+daily"}


def test_subtree_department_and_type_filters(fed):
    _seed(fed)
    city = selectors.activity_statistics(
        fed.province_admin, selectors.ActivityFilter(organization=fed.zhengzhou)
    )
    assert city.totals["num_activities"] == 2
    assert city.money_total == Decimal("0.30")
    dept = selectors.activity_statistics(
        fed.province_admin, selectors.ActivityFilter(department_id=fed.basic_work_dept.pk)
    )
    assert dept.totals["items"] == 672
    sports = selectors.activity_statistics(
        fed.province_admin, selectors.ActivityFilter(type_id=activity_type("sports").pk)
    )
    assert sports.totals["attendances"] == 422
    city_admin = selectors.activity_statistics(fed.city_admin)
    assert city_admin.totals["num_activities"] == 2


def test_edit_and_delete_keep_rollups_in_step(fed):
    _seed(fed)
    activity = Activity.objects.get(title="春季运动会")
    services.update_activity(by=fed.province_admin, activity=activity, attendances=500)
    services.delete_activity(by=fed.province_admin, activity=Activity.objects.get(title="爱心捐书"))
    stats = selectors.activity_statistics(fed.province_admin)
    assert stats.totals["attendances"] == 500 + 7207
    assert stats.money_total == Decimal("0.30")
    before = stats.totals
    rebuild_rollups()
    assert selectors.activity_statistics(fed.province_admin).totals == before


def test_money_refuses_fractions_of_fen(fed):
    import pytest

    from gonghui.core.exceptions import ValidationFailed

    with pytest.raises(ValidationFailed):
        make_activity(fed.province_admin, organization=fed.henan, money=Decimal("1.005"))
    assert services.yuan_to_fen("5,880.00") == 588000
    assert services.yuan_to_fen(0.1) == 10
