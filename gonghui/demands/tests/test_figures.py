"""The dashboard's demand figures: the totals of the statistics page for each persona's scope,
summed from the summary in one query and computed once for the three figures."""

import dataclasses
import datetime as dt

from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.core.figures import Period, figure
from gonghui.demands import selectors, services

from .factories import make_demand

MARCH = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
TOTALS = (
    "total",
    "accepted",
    "accepted_on_time",
    "answered",
    "answered_on_time",
    "rated",
    "satisfied",
    "overdue",
    "escalated",
    "avg_days",
)


def _demands_across_the_tree(fed):
    march = timezone.make_aware(dt.datetime(2026, 3, 20, 10))
    answered = make_demand(fed, received_at=march)
    services.accept_demand(demand=answered, by=fed.province_admin)
    services.answer_demand(demand=answered, by=fed.province_admin, answer="已解决")
    services.rate_demand(demand=answered, by=None, rating="satisfied")
    make_demand(fed, received_at=march, receiving=fed.zhengzhou)
    make_demand(fed, received_at=march, receiving=fed.grassroots)
    make_demand(fed, received_at=march, receiving=fed.loudi_grassroots)
    make_demand(fed, received_at=march + dt.timedelta(days=40))


def test_the_figures_equal_the_statistics_page_for_every_persona(fed):
    _demands_across_the_tree(fed)
    personas = [f.name for f in dataclasses.fields(fed) if isinstance(getattr(fed, f.name), User)]
    for name in personas:
        user = User.objects.get(pk=getattr(fed, name).pk)
        page = selectors.demand_statistics(user, start=MARCH.start, end=MARCH.end, hot_words=0)
        totals = selectors.demand_totals(
            User.objects.get(pk=user.pk), start=MARCH.start, end=MARCH.end
        )
        assert {k: getattr(totals, k) for k in TOTALS} == {k: getattr(page, k) for k in TOTALS}, (
            name
        )
        assert figure("demands.received").compute(user, MARCH) == page.total, name
        assert figure("demands.finish_rate").compute(user, MARCH) == page.finish_rate, name
        assert figure("demands.satisfaction_rate").compute(user, MARCH) == page.satisfaction_rate


def test_the_three_figures_read_the_summary_once(fed, django_assert_max_num_queries):
    _demands_across_the_tree(fed)
    user = User.objects.get(pk=fed.liaison.pk)  # counts only what 河南 holds itself
    user.scope  # noqa: B018 — the scope is the user's, read once per request anyway
    user.organization  # noqa: B018
    with django_assert_max_num_queries(1):
        values = [
            figure(f"demands.{key}").compute(user, MARCH)
            for key in ("received", "finish_rate", "satisfaction_rate")
        ]
    page = selectors.demand_statistics(user, start=MARCH.start, end=MARCH.end, hot_words=0)
    assert values == [page.total, page.finish_rate, page.satisfaction_rate]
