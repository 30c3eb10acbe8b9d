"""The nomination climbs 县 → 市 → 省 one level at a time; each level forwards or returns."""

import pytest

from gonghui.core.exceptions import PermissionDenied, ValidationFailed
from gonghui.honours import services
from gonghui.honours.workflow import Status

from .factories import make_chain, nominate_person, up_to_province

pytestmark = pytest.mark.django_db


def test_the_chain_county_city_province(fed):
    chain = make_chain(fed)
    n = nominate_person(fed, chain)
    assert n.status == Status.DRAFT and n.at_organization == fed.grassroots
    services.submit_nomination(by=chain.grassroots, nomination=n)
    assert (n.status, n.at_organization_id) == (Status.SUBMITTED, fed.jinshui.pk)
    services.forward_nomination(by=chain.county, nomination=n, rank=2)
    assert n.at_organization_id == fed.zhengzhou.pk and n.rank == 2
    services.forward_nomination(by=chain.city, nomination=n, rank=1)
    assert n.at_organization_id == fed.henan.pk
    services.forward_nomination(by=chain.province, nomination=n, rank=1)
    assert n.status == Status.RECOMMENDED
    verbs = [(h.verb, h.organization.name if h.organization else "") for h in n.history.all()]
    assert [v for v, _o in verbs] == ["nominate", "submit", "forward", "forward", "forward"]
    assert verbs[2][1] == fed.jinshui.name


def test_only_the_holding_level_may_forward(fed):
    chain = make_chain(fed)
    n = nominate_person(fed, chain)
    services.submit_nomination(by=chain.grassroots, nomination=n)
    for wrong in (chain.city, chain.province, chain.grassroots):
        with pytest.raises(PermissionDenied):
            services.forward_nomination(by=wrong, nomination=n)


def test_a_return_goes_back_to_the_nominator_with_the_comment(fed):
    chain = make_chain(fed)
    n = nominate_person(fed, chain)
    services.submit_nomination(by=chain.grassroots, nomination=n)
    services.forward_nomination(by=chain.county, nomination=n)
    with pytest.raises(ValidationFailed):
        services.return_nomination(by=chain.city, nomination=n, comment="")
    services.return_nomination(by=chain.city, nomination=n, comment="事迹材料不具体")
    assert (n.status, n.at_organization_id) == (Status.RETURNED, fed.grassroots.pk)
    services.submit_nomination(by=chain.grassroots, nomination=n)
    assert n.status == Status.SUBMITTED and n.history.last().verb == "resubmit"


def test_deeds_have_a_character_limit(fed):
    chain = make_chain(fed, deeds_limit=100)
    with pytest.raises(ValidationFailed, match="100"):
        nominate_person(fed, chain, deeds="字" * 101)


def test_the_full_way_to_recommended(fed):
    chain = make_chain(fed)
    n = up_to_province(fed, chain, nominate_person(fed, chain))
    assert n.status == Status.RECOMMENDED
