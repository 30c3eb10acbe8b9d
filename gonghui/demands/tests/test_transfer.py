"""转办 from the page: the unions below the holder are listed when few and searched when many;
whatever is posted is resolved through the user's scope and the holder's subtree."""

import pytest

from gonghui.demands.forms import TransferForm
from gonghui.demands.models import Demand, DemandHop

from .factories import make_demand

pytestmark = pytest.mark.django_db


def _accepted_by_zhengzhou(fed):
    from gonghui.demands import services

    demand = make_demand(fed, by=fed.province_admin, receiving=fed.zhengzhou, channel="visit")
    services.accept_demand(demand=demand, by=fed.city_admin)
    return demand


def test_few_unions_below_are_a_list(fed, client_for):
    demand = _accepted_by_zhengzhou(fed)
    page = client_for(fed.city_admin).get(f"/demands/{demand.pk}/").content.decode()
    assert '<select name="to"' in page
    assert f'<option value="{fed.jinshui.pk}">郑州市金水区总工会</option>' in page
    # Neither the holder itself nor a union elsewhere is offered.
    assert f'<option value="{fed.zhengzhou.pk}"' not in page
    assert f'<option value="{fed.loudi.pk}"' not in page


def test_many_unions_below_are_searched_and_every_one_can_be_chosen(fed, client_for, monkeypatch):
    monkeypatch.setattr(TransferForm, "LISTED", 1)
    demand = _accepted_by_zhengzhou(fed)
    client = client_for(fed.city_admin)
    page = client.get(f"/demands/{demand.pk}/").content.decode()
    assert '<select name="to"' not in page
    assert f'hx-get="/pickers/demand_transfer_union/?demand={demand.pk}"' in page
    found = client.get(
        "/pickers/demand_transfer_union/", {"q": "宏达", "demand": demand.pk}
    ).json()["results"]
    assert found == [{"id": str(fed.grassroots.pk), "label": fed.grassroots.name}]

    response = client.post(
        f"/demands/{demand.pk}/transfer/",
        {"to": f"{fed.grassroots.name} #{fed.grassroots.pk}", "reason": "属地办理"},
    )
    assert response.status_code == 302
    demand.refresh_from_db()
    assert demand.organization == fed.grassroots
    assert DemandHop.objects.filter(demand=demand, reason="属地办理").exists()


@pytest.mark.parametrize("target", ["zhengzhou", "henan", "loudi", "missing", "text"])
def test_a_union_not_below_the_holder_or_not_a_union_changes_nothing(fed, client_for, target):
    demand = _accepted_by_zhengzhou(fed)
    to = {"missing": "999999", "text": "金水区"}.get(target) or str(getattr(fed, target).pk)
    client = client_for(fed.city_admin)
    response = client.post(f"/demands/{demand.pk}/transfer/", {"to": to}, follow=True)
    assert "请选择转办的下级工会" in response.content.decode()
    # The same message whether the union exists elsewhere or not: no name is revealed.
    assert "娄底" not in response.content.decode()
    assert Demand.objects.get(pk=demand.pk).organization == fed.zhengzhou


def test_the_picker_offers_nothing_for_a_demand_the_user_may_not_handle(fed, client_for):
    demand = _accepted_by_zhengzhou(fed)
    outsider = client_for(fed.grassroots_admin)
    assert outsider.get(
        "/pickers/demand_transfer_union/", {"q": "工会", "demand": demand.pk}
    ).json() == {"results": []}


def test_a_reason_too_long_is_named_and_nothing_moves(fed, client_for):
    demand = _accepted_by_zhengzhou(fed)
    response = client_for(fed.city_admin).post(
        f"/demands/{demand.pk}/transfer/",
        {"to": str(fed.jinshui.pk), "reason": "说" * 301},
        follow=True,
    )
    assert "转办说明：" in response.content.decode()
    assert Demand.objects.get(pk=demand.pk).organization == fed.zhengzhou
