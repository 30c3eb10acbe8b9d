"""Statistics read the summary (DemandTally), which the services keep exact: after any mix of
transitions a recount from the demands themselves equals it, and the figures a union sees from
the summary equal those counted from its demands."""

import contextlib
import datetime as dt
import io
import random

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from gonghui.accounts.models import Role
from gonghui.core.exceptions import DomainError
from gonghui.demands import selectors, services, tallies
from gonghui.demands.models import Demand, DemandTally
from gonghui.demands.workflow import Status
from gonghui.testing import make_user

from .factories import make_demand

pytestmark = pytest.mark.django_db

CHANNEL_BY = {"web": None, "hotline": "province_admin", "visit": "city_admin"}


def _random_demands(fed, rng, n=14):
    made = []
    for i in range(n):
        channel = rng.choice(list(CHANNEL_BY))
        by = getattr(fed, CHANNEL_BY[channel]) if CHANNEL_BY[channel] else None
        receiving = (
            fed.zhengzhou if by is fed.city_admin else rng.choice([fed.henan, fed.zhengzhou])
        )
        made.append(
            make_demand(
                fed,
                by=by,
                channel=channel,
                receiving=receiving,
                type_code=rng.choice(["consult", "help", "complaint"]),
                topic_code=rng.choice(["wages", "contract", "social-insurance"]),
                summary=f"诉求{i}：公司拖欠工资",
                received_at=timezone.now() - dt.timedelta(days=rng.randint(0, 70)),
            )
        )
    return made


def _step(fed, rng, demand: Demand) -> None:
    """One random verb on a demand, as the union holding it (refusals are part of the mix)."""
    demand.refresh_from_db()
    by = fed.province_admin
    future = timezone.now() + dt.timedelta(days=60)
    children = {
        fed.henan.pk: fed.zhengzhou,
        fed.zhengzhou.pk: fed.jinshui,
        fed.jinshui.pk: fed.grassroots,
    }
    verbs = [
        lambda: services.accept_demand(demand=demand, by=by),
        lambda: services.handle_demand(demand=demand, by=by, note="已联系"),
        lambda: services.answer_demand(demand=demand, by=by, answer="已协调解决"),
        lambda: services.follow_up_demand(
            demand=demand, by=by, note="电话回访", rating=rng.choice(["", "satisfied", "fairly"])
        ),
        lambda: services.rate_demand(
            demand=demand, by=None, rating=rng.choice(["satisfied", "unsatisfied"])
        ),
        lambda: services.close_demand(demand=demand, by=by),
        lambda: services.transfer_demand(
            demand=demand, by=by, to=children.get(demand.organization_id, fed.grassroots)
        ),
        lambda: services.return_demand(demand=demand, by=by, reason="不属于本级"),
        lambda: services.escalate_demand(demand=demand, now=future),
    ]
    with contextlib.suppress(DomainError):
        rng.choice(verbs)()


def test_a_recount_from_the_demands_equals_the_summary_after_random_transitions(fed):
    rng = random.Random(20261202)
    demands = _random_demands(fed, rng)
    for _ in range(160):
        _step(fed, rng, rng.choice(demands))
    services.sweep_overdue(now=timezone.now() + dt.timedelta(days=30))
    statuses = set(Demand.objects.values_list("status", flat=True))
    assert len(statuses) >= 4, statuses  # the mix went well past 受理
    assert Demand.objects.exclude(organization=fed.henan).exists()
    assert tallies.stored() == tallies.recount()
    # And a rebuild writes the same rows back.
    DemandTally.objects.filter(organization=fed.zhengzhou).delete()
    assert tallies.stored() != tallies.recount()
    tallies.rebuild()
    assert tallies.stored() == tallies.recount()


def _figures(stats):
    return (
        stats.total,
        stats.accept_rate,
        stats.finish_rate,
        stats.satisfaction_rate,
        stats.avg_days,
        stats.overdue,
        stats.escalated,
        sorted(stats.by_channel),
        sorted(stats.by_type),
        sorted(stats.by_topic),
        stats.by_month,
    )


def _from_demands(user, organization):
    qs = selectors._counted(user, organization, None, None)
    return selectors._statistics_from(list(selectors._raw_values(qs)), organization, None, None)


def test_statistics_from_the_summary_equal_those_counted_from_the_demands(fed):
    rng = random.Random(7)
    demands = _random_demands(fed, rng, n=10)
    for _ in range(80):
        _step(fed, rng, rng.choice(demands))
    own_role = Role.objects.create(code="own-only", name="本级", data_scope="organization")
    own_only = make_user("own_only", org=fed.zhengzhou, role=own_role)
    for user, org in [
        (fed.province_admin, fed.henan),
        (fed.city_admin, fed.zhengzhou),
        (fed.province_admin, fed.jinshui),
        (fed.sysadmin, None),
        (own_only, fed.zhengzhou),
    ]:
        user = type(user).objects.get(pk=user.pk)
        stats = selectors.demand_statistics(user, organization=org, hot_words=0)
        assert _figures(stats) == _figures(_from_demands(user, org or user.organization)), user
    province = selectors.demand_statistics(fed.province_admin, hot_words=0)
    assert province.total == Demand.objects.in_subtree(fed.henan).count()
    assert sum(n for _org, n in province.by_branch) == (
        Demand.objects.in_subtree(fed.zhengzhou).count()
    )


def test_an_outsider_counts_nothing_of_another_province(fed):
    make_demand(fed)
    stats = selectors.demand_statistics(fed.outsider, hot_words=0)
    assert stats.total == 0 and stats.by_channel == []


def test_the_period_counts_whole_months(fed):
    march = timezone.make_aware(dt.datetime(2026, 3, 20, 10))
    make_demand(fed, received_at=march)
    make_demand(fed, received_at=march + dt.timedelta(days=30))
    stats = selectors.demand_statistics(
        fed.province_admin, start=dt.date(2026, 3, 25), end=dt.date(2026, 3, 26), hot_words=0
    )
    assert (stats.start, stats.end) == (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert stats.total == 1 and stats.by_month == [("2026-03", 1)]


def test_the_excel_export_holds_every_table_of_the_statistics_page(fed, client_for):
    demand = make_demand(fed, summary="公司拖欠工资三个月")
    services.accept_demand(demand=demand, by=fed.province_admin)
    services.answer_demand(demand=demand, by=fed.province_admin, answer="已补发")
    services.transfer_demand(
        demand=make_demand(fed, summary="工伤认定怎么申请"), by=fed.province_admin, to=fed.zhengzhou
    )
    response = client_for(fed.province_admin).get("/demands/statistics/export/")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    tables = {row[0] for row in rows[2:]}
    assert {"总体", "按渠道", "按类型", "按事项", "按月份", "按下级工会", "热点问题"} <= tables
    assert rows[2][:4] == ["总体", "合计", 2, 100.0]
    assert any(row[:3] == ["按下级工会", "郑州市总工会", 1] for row in rows)
    hot = [row[1] for row in rows if row[0] == "热点问题"]
    assert "拖欠" in hot or "拖欠工资" in hot, hot


def test_the_statistics_page_reads_a_few_queries(fed, client_for, django_assert_max_num_queries):
    for _ in range(3):
        make_demand(fed)
    client = client_for(fed.province_admin)
    with django_assert_max_num_queries(14):
        response = client.get("/demands/statistics/?start=2026-01&end=2026-12")
    assert response.status_code == 200
    assert Status.RECEIVED  # the page renders with open demands only


def test_the_dashboard_figures_count_the_period_in_the_users_scope(fed):
    from gonghui.core.figures import Period, figure

    march = timezone.make_aware(dt.datetime(2026, 3, 20, 10))
    answered = make_demand(fed, received_at=march)
    services.accept_demand(demand=answered, by=fed.province_admin)
    services.answer_demand(demand=answered, by=fed.province_admin, answer="已解决")
    services.rate_demand(demand=answered, by=None, rating="satisfied")
    make_demand(fed, received_at=march)
    make_demand(fed, received_at=march + dt.timedelta(days=40))
    period = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    values = {
        key: figure(f"demands.{key}").compute(fed.province_admin, period)
        for key in ("received", "finish_rate", "satisfaction_rate")
    }
    assert values["received"] == 2
    assert values["satisfaction_rate"] == 100.0
    assert values["finish_rate"] in (0.0, 100.0)  # answered now, against a March limit
    assert figure("demands.received").compute(fed.outsider, period) == 0
    assert "start=2026-03" in figure("demands.received").url(period)


def test_after_an_organisation_moves_the_nightly_job_recounts_the_summary(fed):
    from gonghui.demands.tasks import reconcile_demand_tallies
    from gonghui.organizations.services import move_organization

    demand = make_demand(fed, by=fed.city_admin, receiving=fed.zhengzhou, channel="visit")
    services.transfer_demand(demand=demand, by=fed.city_admin, to=fed.jinshui)
    assert reconcile_demand_tallies.call() is None  # nothing moved: nothing to do
    move_organization(by=fed.sysadmin, organization=fed.jinshui, new_parent=fed.henan)
    assert tallies.stored() != tallies.recount()
    assert reconcile_demand_tallies.call() > 0
    assert tallies.stored() == tallies.recount()
