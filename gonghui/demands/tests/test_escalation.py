"""The nightly job: 催办 before the limit, 督办 at the parent union once it has passed."""

import datetime as dt

import pytest
from django.utils import timezone

from gonghui.core.scheduling import discover, registered_jobs
from gonghui.demands import selectors, services
from gonghui.demands.models import Demand

from .factories import make_demand

pytestmark = pytest.mark.django_db


def test_the_sweep_runs_nightly_inside_the_product_scheduler():
    discover()
    names = {job.name for job in registered_jobs()}
    assert any("sweep_overdue_demands" in name for name in names)


def test_a_demand_past_its_accept_limit_is_escalated_to_the_parent_union(fed):
    demand = make_demand(fed, employer="郑州宏达机械有限公司")
    later = demand.accept_due_at + dt.timedelta(hours=1)
    counts = services.sweep_overdue(now=later)
    demand.refresh_from_db()
    assert counts["escalated"] == 1
    assert demand.is_overdue and demand.is_escalated
    assert demand.supervising_org == fed.jinshui
    assert demand.history.filter(verb="escalate").count() == 1
    assert list(selectors.supervised_for_user(_user_at(fed, fed.jinshui))) == [demand]
    # The next night changes nothing.
    assert services.sweep_overdue(now=later)["escalated"] == 0


def test_an_accepted_demand_is_escalated_only_at_its_finish_limit(fed):
    demand = make_demand(fed, employer="郑州宏达机械有限公司")
    services.accept_demand(demand=demand, by=fed.grassroots_admin)
    services.sweep_overdue(now=demand.accept_due_at + dt.timedelta(hours=1))
    demand.refresh_from_db()
    assert not demand.is_escalated
    services.sweep_overdue(now=demand.finish_due_at + dt.timedelta(minutes=1))
    demand.refresh_from_db()
    assert demand.is_escalated


def test_a_reminder_comes_before_the_limit_once(fed):
    demand = make_demand(fed)
    services.accept_demand(demand=demand, by=fed.province_admin)
    before = demand.finish_due_at - dt.timedelta(hours=12)
    assert services.sweep_overdue(now=before)["reminded"] == 1
    assert services.sweep_overdue(now=before)["reminded"] == 0
    assert demand.history.filter(verb="remind").count() == 1


def test_an_answered_demand_is_not_escalated(fed):
    demand = make_demand(fed)
    services.accept_demand(demand=demand, by=fed.province_admin)
    services.answer_demand(demand=demand, by=fed.province_admin, answer="已解决")
    services.sweep_overdue(now=timezone.now() + dt.timedelta(days=60))
    assert not Demand.objects.get(pk=demand.pk).is_escalated


def _user_at(fed, org):
    from gonghui.testing import make_user

    return make_user(f"u{org.pk}", org=org, role=fed.roles["grassroots_admin"])
