"""Public API: the board and claiming, without login; never personal data."""

import pytest
from django.core.cache import cache

from gonghui.testing import assert_constant_queries
from gonghui.wishes.models import Wish
from gonghui.wishes.tests.factories import make_wish, wishes_in_new_units
from gonghui.wishes.workflow import Status

CLAIM = {"name": "李爱心", "phone": "13700001111"}


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()


def test_board_queries_do_not_grow_with_wishes(fed, client):
    more = wishes_in_new_units(fed, Status.PUBLISHED)
    assert_constant_queries(client, "/api/v1/public/wishes", more, most=2)


def test_board_is_public_and_masked(fed, client):
    make_wish(fed.grassroots, Status.PUBLISHED)
    make_wish(fed.grassroots, Status.COLLECTED)
    response = client.get("/api/v1/public/wishes")
    body = response.json()
    assert body["count"] == 1
    text = response.content.decode()
    for secret in ("王秀英", "13912345678", "花园路", "透析"):
        assert secret not in text
    assert body["items"][0]["worker_name"] == "王**"


def test_claim_then_conflict(fed, client):
    wish = make_wish(fed.grassroots, Status.PUBLISHED)
    url = f"/api/v1/public/wishes/{wish.pk}/claim"
    first = client.post(url, CLAIM, content_type="application/json")
    assert first.status_code == 201
    assert first.json()["is_claimed"] is True and first.json()["claimant"] == "李**"
    second = client.post(url, CLAIM, content_type="application/json")
    assert second.status_code == 409
    assert "刚刚被其他爱心人士认领" in second.json()["detail"]


def test_claim_validation_error_is_400(fed, client):
    wish = make_wish(fed.grassroots, Status.PUBLISHED)
    response = client.post(
        f"/api/v1/public/wishes/{wish.pk}/claim",
        {**CLAIM, "phone": "1"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["field"] == "phone"


def test_honeypot_and_rate_limit(fed, client, settings):
    settings.GONGHUI_WISH_CLAIMS_PER_IP = 2
    wish = make_wish(fed.grassroots, Status.PUBLISHED)
    url = f"/api/v1/public/wishes/{wish.pk}/claim"
    bot = client.post(url, {**CLAIM, "website": "x"}, content_type="application/json")
    # Indistinguishable from a real claim (same status), and yet nothing is saved.
    assert bot.status_code == 201
    assert Wish.objects.get(pk=wish.pk).status == Status.PUBLISHED
    assert client.post(url, CLAIM, content_type="application/json").status_code == 201
    limited = client.post(url, CLAIM, content_type="application/json")
    assert limited.status_code == 429
    assert limited.json()["detail"] == "提交过于频繁，请稍后再试"
