"""The public claim API answers a filled honeypot exactly as it answers a real claim (status and
body), and nothing is saved: a bot learns nothing from the answer."""

import pytest

from gonghui.wishes.models import Wish
from gonghui.wishes.tests.factories import make_wish
from gonghui.wishes.workflow import Status

pytestmark = pytest.mark.django_db


def _claim(client, wish, **extra):
    body = {"name": "李爱心", "phone": "13700001111", **extra}
    return client.post(
        f"/api/v1/public/wishes/{wish.pk}/claim", body, content_type="application/json"
    )


def test_honeypot_answer_is_the_real_answer_and_saves_nothing(client, fed):
    real_wish = make_wish(fed.grassroots, Status.PUBLISHED)
    bait_wish = make_wish(fed.grassroots, Status.PUBLISHED)
    real = _claim(client, real_wish)
    bait = _claim(client, bait_wish, website="http://spam.example")
    assert real.status_code == bait.status_code == 201
    real_body, bait_body = real.json(), bait.json()
    assert set(real_body) == set(bait_body)
    for key in ("is_claimed", "claimant", "category", "amount_band"):
        assert bait_body[key] == real_body[key], key
    assert bait_body["is_claimed"] is True and bait_body["claimed_at"]
    assert Wish.objects.get(pk=real_wish.pk).status == Status.CLAIMED
    bait_wish.refresh_from_db()
    assert bait_wish.status == Status.PUBLISHED and not bait_wish.claimant_name
    assert not bait_wish.history.exists()


def test_honeypot_on_a_claimed_wish_answers_409_like_a_real_claim(client, fed):
    wish = make_wish(fed.grassroots, Status.CLAIMED)
    real = _claim(client, wish)
    bait = _claim(client, wish, website="http://spam.example")
    assert real.status_code == bait.status_code == 409
    assert real.json() == bait.json()


def test_honeypot_with_invalid_input_answers_like_a_real_claim(client, fed):
    wish = make_wish(fed.grassroots, Status.PUBLISHED)
    real = _claim(client, wish, phone="123")
    bait = _claim(client, wish, phone="123", website="http://spam.example")
    assert real.status_code == bait.status_code == 400
    assert real.json() == bait.json()
