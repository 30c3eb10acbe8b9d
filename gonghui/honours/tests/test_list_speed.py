"""The nomination list at a province's scale: constant queries whatever the page holds, rows
loaded by key for the page only, and a count that stops at the cap and says "more than"."""

import pytest
from django.urls import reverse

from gonghui.honours import services, views
from gonghui.testing import assert_constant_queries

from .factories import make_chain

pytestmark = pytest.mark.django_db


def _collectives(fed, chain):
    def more(indices):
        names = []
        for i in indices:
            nomination = services.nominate(
                by=chain.grassroots,
                round_=chain.round,
                award=chain.pioneer,
                organization=fed.grassroots,
                collective_name=f"第{i}班组",
            )
            names.append(nomination.nominee_name)
        return names

    return more


def test_the_list_costs_the_same_queries_for_more_rows(fed, client_for):
    chain = make_chain(fed)
    assert_constant_queries(
        client_for(chain.province), reverse("honours:nominations"), _collectives(fed, chain), n=3
    )


def test_an_outsider_lists_nothing(fed, client_for):
    chain = make_chain(fed)
    _collectives(fed, chain)(range(2))
    body = client_for(fed.outsider).get(reverse("honours:nominations")).content.decode()
    assert "第0班组" not in body and "没有符合条件的推荐对象" in body


def test_past_the_cap_the_list_says_more_than(fed, client_for, monkeypatch):
    chain = make_chain(fed)
    _collectives(fed, chain)(range(3))
    monkeypatch.setattr(views, "LIST_COUNT_CAP", 2)
    body = client_for(chain.province).get(reverse("honours:nominations")).content.decode()
    assert "超过 1 万个推荐对象" in body
    assert "第2班组" in body and "第1班组" in body  # the page still lists its rows
