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
    # A period not on month boundaries cannot be answered from roll-ups.
    direct = selectors.activity_statistics(
        fed.province_admin, selectors.ActivityFilter(date_from=dt.date(2020, 1, 2))
    )
    part_month = selectors.activity_statistics(
        fed.province_admin,
        selectors.ActivityFilter(date_from=dt.date(2020, 5, 1), date_to=dt.date(2020, 6, 29)),
    )
    assert direct.source == "activities"
    assert direct.totals == via_rollup.totals
    assert direct.by_type == via_rollup.by_type
    assert part_month.source == "activities"
    assert part_month.totals["num_activities"] == 3
    assert part_month.money_total == Decimal("5880.30")


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
