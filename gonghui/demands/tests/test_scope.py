"""Content is visible only to the unions in the routing chain; personal data is masked in lists
and every read of a demand is audited."""

import pytest
from django.urls import reverse

from gonghui.core.models import AuditEntry
from gonghui.demands import selectors, services
from gonghui.demands.models import Demand
from gonghui.testing import make_org, make_user

from .factories import make_demand

pytestmark = pytest.mark.django_db


def test_an_outsider_sees_nothing(fed, client):
    demand = make_demand(fed, employer="郑州宏达机械有限公司")
    assert not Demand.objects.visible_to(fed.outsider).exists()
    client.force_login(fed.outsider)
    assert client.get(reverse("demands:detail", args=[demand.pk])).status_code == 404
    assert demand.ticket not in client.get(reverse("demands:list")).content.decode()


def test_a_sibling_union_outside_the_chain_sees_nothing(fed):
    nanyang = make_org("南阳市总工会", parent=fed.henan, kind="city")
    nanyang_admin = make_user("nanyang", org=nanyang, role=fed.roles["grassroots_admin"])
    make_demand(fed, employer="郑州宏达机械有限公司")
    assert not Demand.objects.visible_to(nanyang_admin).exists()


def test_a_parent_the_demand_never_went_through_does_not_see_it(fed):
    # Received at the 金水 union: 郑州 and 河南 are above it but not in its chain.
    demand = make_demand(fed, by=fed.grassroots_admin, receiving=fed.grassroots)
    assert not Demand.objects.visible_to(fed.city_admin).exists()
    assert list(Demand.objects.visible_to(fed.grassroots_admin)) == [demand]
    # Escalated to the parent, the parent joins the chain.
    services.escalate_demand(demand=demand, now=demand.accept_due_at)
    assert list(Demand.objects.visible_to(_admin_of(fed, fed.jinshui))) == [demand]


def test_the_chain_from_the_receiving_union_down_sees_it(fed):
    demand = make_demand(fed, employer="郑州宏达机械有限公司")
    for user in (fed.province_admin, fed.city_admin, fed.grassroots_admin):
        assert list(Demand.objects.visible_to(user)) == [demand]


def test_lists_mask_name_and_phone(fed, client):
    make_demand(fed)
    client.force_login(fed.province_admin)
    body = client.get(reverse("demands:list")).content.decode()
    assert "张**" in body and "138****5678" in body
    assert "张建国" not in body and "13812345678" not in body


def test_opening_a_demand_and_revealing_the_contact_are_audited(fed, client):
    demand = make_demand(fed)
    client.force_login(fed.province_admin)
    client.get(reverse("demands:detail", args=[demand.pk]))
    response = client.post(reverse("demands:reveal", args=[demand.pk]))
    assert "13812345678" in response.content.decode()
    entries = AuditEntry.objects.filter(action="view_sensitive", target_id=str(demand.pk))
    assert entries.count() == 2


def test_the_reveal_needs_the_permission(fed, client):
    demand = make_demand(fed)
    client.force_login(fed.leader)
    assert client.post(reverse("demands:reveal", args=[demand.pk])).status_code == 403


def test_the_list_reads_a_constant_number_of_queries(fed, client, django_assert_max_num_queries):
    for _ in range(3):
        make_demand(fed)
    client.force_login(fed.province_admin)
    client.get(reverse("demands:list"))
    for _ in range(10):
        make_demand(fed)
    with django_assert_max_num_queries(12):
        client.get(reverse("demands:list"))
    assert selectors.demands_for_user(fed.province_admin).count() == 13


def _admin_of(fed, org):
    return make_user(f"admin{org.pk}", org=org, role=fed.roles["grassroots_admin"])
