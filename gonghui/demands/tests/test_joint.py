"""协办: the union holding a demand asks a union it may route to (its parent, a union below it)
to handle it jointly; that union then sees this demand, and only this one, and adds handling
notes to it, while every other verb stays with the holder."""

import pytest

from gonghui.core.exceptions import ValidationFailed
from gonghui.demands import selectors, services
from gonghui.demands.models import DemandCollaborator

from .factories import make_demand

pytestmark = pytest.mark.django_db


def _held_by_zhengzhou(fed, **fields):
    return make_demand(fed, by=fed.city_admin, receiving=fed.zhengzhou, channel="visit", **fields)


def test_the_picker_offers_only_unions_the_demand_may_be_routed_to(fed, client_for):
    demand = _held_by_zhengzhou(fed)
    offered = selectors.joint_targets(fed.province_admin, demand)
    assert {o.name for o in offered} == {
        "河南省总工会",
        "郑州市金水区总工会",
        "郑州宏达机械有限公司工会",
    }
    # A city admin does not see the province, so cannot ask it.
    assert fed.henan not in selectors.joint_targets(fed.city_admin, demand)
    client = client_for(fed.city_admin)
    page = client.get(f"/demands/{demand.pk}/").content.decode()
    assert f'hx-get="/pickers/demand_joint_union/?demand={demand.pk}"' in page
    found = client.get("/pickers/demand_joint_union/", {"q": "工会", "demand": demand.pk}).json()[
        "results"
    ]
    assert {r["label"] for r in found} == {"郑州市金水区总工会", "郑州宏达机械有限公司工会"}
    # Another union's demand gives the picker nothing to offer.
    foreign = make_demand(fed, by=fed.sysadmin, receiving=fed.loudi, channel="visit")
    assert client.get(
        "/pickers/demand_joint_union/", {"q": "工会", "demand": foreign.pk}
    ).json() == {"results": []}


@pytest.mark.parametrize("org_name", ["loudi", "loudi_grassroots", "hunan_sibling"])
def test_a_union_outside_the_routes_is_refused(fed, org_name):
    demand = _held_by_zhengzhou(fed)
    org = fed.loudi.parent if org_name == "hunan_sibling" else getattr(fed, org_name)
    with pytest.raises(ValidationFailed):
        services.add_collaborator(demand=demand, by=fed.sysadmin, organization=org)
    assert not DemandCollaborator.objects.exists()


def test_posting_a_union_outside_the_scope_adds_nothing(fed, client_for):
    demand = _held_by_zhengzhou(fed)
    client = client_for(fed.city_admin)
    response = client.post(
        f"/demands/{demand.pk}/join/", {"organization": f"娄底市总工会 #{fed.loudi.pk}"}
    )
    assert response.status_code == 302
    assert not DemandCollaborator.objects.exists()


def test_the_joint_union_sees_the_demand_and_only_that_one(fed, client_for):
    shared = _held_by_zhengzhou(fed, summary="联合处置欠薪")
    other = _held_by_zhengzhou(fed, summary="另一件不共享的诉求")
    client = client_for(fed.grassroots_admin)
    assert client.get(f"/demands/{shared.pk}/").status_code == 404

    city = client_for(fed.city_admin)
    city.post(
        f"/demands/{shared.pk}/join/",
        {"organization": f"{fed.grassroots.name} #{fed.grassroots.pk}"},
    )
    assert DemandCollaborator.objects.filter(demand=shared, organization=fed.grassroots).exists()

    client = client_for(fed.grassroots_admin)
    page = client.get(f"/demands/{shared.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "联合处置欠薪" in text and 'id="joint-note"' in text
    assert f'action="/demands/{shared.pk}/answer/"' not in text
    assert client.get(f"/demands/{other.pk}/").status_code == 404
    listed = client.get("/demands/?view=joint").content.decode()
    assert "联合处置欠薪" in listed and "另一件不共享的诉求" not in listed
    assert "另一件不共享的诉求" not in client.get("/demands/").content.decode()

    # It adds a handling note; every other verb stays with the holder.
    client.post(f"/demands/{shared.pk}/note/", {"note": "已走访企业核实工资表"})
    assert shared.history.filter(verb="handling_note", by=fed.grassroots_admin).exists()
    assert client.post(f"/demands/{shared.pk}/accept/", {"note": ""}).status_code == 404
    assert client.post(f"/demands/{shared.pk}/answer/", {"answer": "x"}).status_code == 404
    shared.refresh_from_db()
    assert shared.status == "received"


def test_an_outsider_still_sees_nothing_of_a_jointly_handled_demand(fed, client_for):
    demand = _held_by_zhengzhou(fed)
    services.add_collaborator(demand=demand, by=fed.city_admin, organization=fed.jinshui)
    client = client_for(fed.outsider)
    assert client.get(f"/demands/{demand.pk}/").status_code == 404
    assert client.get("/demands/?view=joint").content.decode().count(f"/demands/{demand.pk}/") == 0
