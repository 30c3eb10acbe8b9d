"""Claiming from the public page: success, already claimed, honeypot, rate limit, staff."""

import pytest
from django.core.cache import cache

from gonghui.wishes.models import Wish
from gonghui.wishes.tests.factories import make_wish
from gonghui.wishes.workflow import Status

FORM = {"kind": "public", "name": "李爱心", "phone": "13700001111"}


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_claim_then_page_shows_claimed(fed, client):
    wish = make_wish(fed.grassroots, Status.PUBLISHED)
    response = client.post(f"/public/wishes/{wish.pk}/", FORM, follow=True)
    html = response.content.decode()
    assert "认领成功" in html
    assert 'id="wish-state">已认领' in html
    assert "李**" in html
    assert "13700001111" not in html
    wish.refresh_from_db()
    assert (wish.status, wish.claimant_kind) == (Status.CLAIMED, "public")


def test_claim_of_claimed_wish_is_409_with_message(fed, client):
    wish = make_wish(fed.grassroots, Status.CLAIMED)
    response = client.post(f"/public/wishes/{wish.pk}/", FORM)
    assert response.status_code == 409
    assert "刚刚被其他爱心人士认领" in response.content.decode()


def test_invalid_phone_is_400_with_field_error(fed, client):
    wish = make_wish(fed.grassroots, Status.PUBLISHED)
    response = client.post(f"/public/wishes/{wish.pk}/", {**FORM, "phone": "12345"})
    assert response.status_code == 400
    assert "请填写正确的手机号" in response.content.decode()
    assert Wish.objects.get(pk=wish.pk).status == Status.PUBLISHED


def test_honeypot_claims_nothing(fed, client):
    wish = make_wish(fed.grassroots, Status.PUBLISHED)
    response = client.post(f"/public/wishes/{wish.pk}/", {**FORM, "website": "http://spam"})
    assert response.status_code == 302
    assert Wish.objects.get(pk=wish.pk).status == Status.PUBLISHED


def test_rate_limit_per_ip(fed, client, settings):
    settings.GONGHUI_WISH_CLAIMS_PER_IP = 3
    wishes = [make_wish(fed.grassroots, Status.PUBLISHED) for _ in range(4)]
    for wish in wishes[:3]:
        assert client.post(f"/public/wishes/{wish.pk}/", FORM).status_code == 302
    response = client.post(f"/public/wishes/{wishes[3].pk}/", FORM)
    assert response.status_code == 429
    assert "提交过于频繁" in response.content.decode()
    assert Wish.objects.get(pk=wishes[3].pk).status == Status.PUBLISHED
    # Another address is not affected.
    other = client.post(f"/public/wishes/{wishes[3].pk}/", FORM, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_enterprise_claim_shows_the_company(fed, client):
    wish = make_wish(fed.grassroots, Status.PUBLISHED)
    data = {**FORM, "kind": "enterprise", "company": "豫兴商贸有限公司"}
    html = client.post(f"/public/wishes/{wish.pk}/", data, follow=True).content.decode()
    assert "豫兴商贸有限公司" in html


def test_logged_in_staff_claim_as_agency_staff(fed, client_for):
    wish = make_wish(fed.grassroots, Status.PUBLISHED)
    client = client_for(fed.liaison)
    assert "机关干部职工认领" in client.get(f"/public/wishes/{wish.pk}/").content.decode()
    assert client.post(f"/public/wishes/{wish.pk}/", {}).status_code == 302
    wish.refresh_from_db()
    assert (wish.claimant_kind, wish.claimed_by) == ("agency_staff", fed.liaison)
