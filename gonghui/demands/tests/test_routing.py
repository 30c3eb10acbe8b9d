"""A demand lands at the union of the worker's employer, else of the region named, else at the
receiving union."""

import pytest

from gonghui.demands.models import DemandHop

from .factories import make_demand

pytestmark = pytest.mark.django_db


def test_a_demand_lands_at_the_union_named_after_the_employer(fed):
    demand = make_demand(fed, employer="郑州宏达机械有限公司")
    assert demand.organization == fed.grassroots
    assert demand.receiving_org == fed.henan
    hop = DemandHop.objects.get(demand=demand)
    assert (hop.from_org, hop.organization, hop.kind) == (fed.henan, fed.grassroots, "intake")


def test_the_employer_name_matches_with_spaces_and_traditional_characters(fed):
    demand = make_demand(fed, employer=" 鄭州宏達機械 有限公司 ")
    assert demand.organization == fed.grassroots


def test_an_employer_outside_the_receiving_union_is_not_routed_there(fed):
    # 娄底's union is not below 河南: a demand received in 河南 stays in 河南.
    demand = make_demand(fed, employer="娄底恒通电力有限公司")
    assert demand.organization == fed.henan


def test_without_a_known_employer_the_deepest_named_region_takes_it(fed):
    fed.zhengzhou.region = "郑州市"
    fed.zhengzhou.save()
    fed.jinshui.region = "金水区"
    fed.jinshui.save()
    assert (
        make_demand(fed, employer="某小餐馆", location="郑州市金水区").organization == fed.jinshui
    )
    assert make_demand(fed, employer="某小餐馆", location="郑州中原路").organization == (
        fed.zhengzhou
    )


def test_with_neither_the_receiving_union_keeps_it(fed):
    demand = make_demand(fed, employer="某小餐馆", location="不知道")
    assert demand.organization == fed.henan
    assert DemandHop.objects.get(demand=demand).from_org is None
