"""The worker's side: submit on the public form, get a ticket, see status and the answer with
ticket + last 4 phone digits; nobody else can, and lookups are rate limited."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from gonghui.demands import selectors, services, tickets
from gonghui.demands.models import Demand

from .factories import demand_type, make_demand, topic

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def test_tickets_are_random_with_a_check_character():
    made = {tickets.new_ticket() for _ in range(200)}
    assert len(made) == 200
    assert all(tickets.is_well_formed(t) for t in made)
    one = sorted(made)[0]
    typo = one[:3] + ("2" if one[3] != "2" else "3") + one[4:]
    assert not tickets.is_well_formed(typo)
    swapped = one[1] + one[0] + one[2:]
    assert one[0] == one[1] or not tickets.is_well_formed(swapped)


def test_the_public_form_registers_a_demand_and_shows_its_ticket(fed, client):
    response = client.post(
        reverse("demands:public_new"),
        {
            "receiving_org": fed.henan.pk,
            "demand_type": demand_type("help").pk,
            "topic": topic("injury").pk,
            "summary": "工伤认定不知道怎么办",
            "worker_name": "李明",
            "worker_phone": "13700007777",
            "employer": "郑州宏达机械有限公司",
        },
        follow=True,
    )
    demand = Demand.objects.get()
    assert demand.channel == "web" and demand.organization == fed.grassroots
    assert demand.ticket in response.content.decode()


def test_lookup_shows_status_and_answer_with_the_right_digits(fed, client):
    demand = make_demand(fed)
    services.accept_demand(demand=demand, by=fed.province_admin)
    services.answer_demand(demand=demand, by=fed.province_admin, answer="已协调企业补发工资")
    response = client.post(
        reverse("demands:public_track"), {"ticket": demand.ticket.lower(), "phone_last4": "5678"}
    )
    body = response.content.decode()
    assert "已协调企业补发工资" in body and "已答复" in body


def test_wrong_digits_and_a_missing_ticket_get_the_same_answer(fed, client):
    demand = make_demand(fed)
    missing = tickets.with_check("ABCDEFGHJ")
    wrong = client.post(
        reverse("demands:public_track"), {"ticket": demand.ticket, "phone_last4": "0000"}
    )
    absent = client.post(
        reverse("demands:public_track"), {"ticket": missing, "phone_last4": "5678"}
    )
    assert wrong.status_code == absent.status_code == 200
    for response in (wrong, absent):
        body = response.content.decode()
        assert "没有查到" in body
        assert demand.summary not in body
    assert selectors.lookup_for_worker(demand.ticket, "0000") is None
    assert selectors.lookup_for_worker(demand.ticket, "5678") == demand


def test_an_anonymous_demand_cannot_be_looked_up(fed):
    demand = make_demand(
        fed, type_code="suggestion", worker_name="", worker_phone="", is_anonymous=True
    )
    assert selectors.lookup_for_worker(demand.ticket, "----") is None
    assert selectors.lookup_for_worker(demand.ticket, "0000") is None


def test_lookups_are_rate_limited_per_ticket(fed, client, settings):
    settings.GONGHUI_DEMAND_LOOKUPS_PER_TICKET = 3
    demand = make_demand(fed)
    url = reverse("demands:public_track")
    for digits in ("0001", "0002", "0003"):
        assert client.post(url, {"ticket": demand.ticket, "phone_last4": digits}).status_code == 200
    refused = client.post(url, {"ticket": demand.ticket, "phone_last4": "5678"})
    assert refused.status_code == 429
    assert demand.summary not in refused.content.decode()


def test_lookups_are_rate_limited_per_address(fed, client, settings):
    settings.GONGHUI_DEMAND_LOOKUPS_PER_IP = 2
    url = reverse("demands:public_track")
    for body in ("ABCDEFGHJ", "BCDEFGHJK"):
        client.post(url, {"ticket": tickets.with_check(body), "phone_last4": "1234"})
    demand = make_demand(fed)
    assert client.post(url, {"ticket": demand.ticket, "phone_last4": "5678"}).status_code == 429


def test_the_api_lookup_answers_404_alike_and_429_past_the_limit(fed, client, settings):
    settings.GONGHUI_DEMAND_LOOKUPS_PER_IP = 2
    demand = make_demand(fed)
    url = "/api/v1/demands/public/lookup"
    ok = client.post(url, {"ticket": demand.ticket, "phone_last4": "5678"}, "application/json")
    assert ok.status_code == 200 and ok.json()["status"] == "received"
    wrong = client.post(url, {"ticket": demand.ticket, "phone_last4": "1111"}, "application/json")
    missing = client.post(
        url, {"ticket": tickets.with_check("ABCDEFGHJ"), "phone_last4": "5678"}, "application/json"
    )
    assert wrong.status_code == 404 and wrong.json() == {
        "detail": "没有查到：请核对诉求编号和联系电话后四位"
    }
    assert missing.status_code == 429


def test_the_worker_rates_the_answer_on_the_tracking_page(fed, client):
    demand = make_demand(fed)
    services.accept_demand(demand=demand, by=fed.province_admin)
    services.answer_demand(demand=demand, by=fed.province_admin, answer="已补发")
    client.post(
        reverse("demands:public_rate"),
        {"ticket": demand.ticket, "phone_last4": "5678", "rating": "satisfied"},
    )
    demand.refresh_from_db()
    assert demand.rating == "satisfied"
    assert demand.history.get(verb="rate").actor_label == "职工本人"
