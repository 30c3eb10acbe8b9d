"""Every verb from every wish state, through the services, against a table written here."""

import datetime as dt

import pytest
from django.utils import timezone

from gonghui.core.exceptions import InvalidTransition
from gonghui.core.models import AuditEntry
from gonghui.testing import assert_verb
from gonghui.wishes import services
from gonghui.wishes.models import Wish, WishTransition
from gonghui.wishes.workflow import Status

LATER = timezone.now() + dt.timedelta(days=365)


def run_verb(verb, wish, fed):
    admin = fed.province_admin
    if verb == "vet":
        return services.vet_wish(wish=wish, by=admin)
    if verb == "publish":
        return services.publish_wish(wish=wish, by=admin)
    if verb == "claim":
        return services.claim_wish(wish=wish, name="李爱心", phone="13700001111")
    if verb == "deliver":
        return services.deliver_wish(wish=wish, by=admin, delivered_date=dt.date(2020, 5, 20))
    if verb == "thank":
        return services.thank_wish(wish=wish, by=admin, note="谢谢好心人")
    if verb == "withdraw":
        return services.withdraw_wish(wish=wish, by=admin, reason="职工已自行解决")
    if verb == "expire":
        return services.expire_wish(wish=wish, now=LATER)
    raise AssertionError(verb)


# Where each verb takes a wish from each state; a state missing a verb refuses it. Written out
# here rather than read from workflow.TRANSITIONS, so a wrong entry there fails these tests.
EXPECTED = {
    "collected": {"vet": "vetted", "withdraw": "withdrawn"},
    "vetted": {"publish": "published", "withdraw": "withdrawn"},
    "published": {"claim": "claimed", "withdraw": "withdrawn", "expire": "expired"},
    "claimed": {"deliver": "delivered"},
    "delivered": {"thank": "thanked"},
    "thanked": {},
    "withdrawn": {},
    "expired": {},
}
VERBS = ["vet", "publish", "claim", "deliver", "thank", "withdraw", "expire"]
PAIRS = [(state, verb) for state in EXPECTED for verb in VERBS]


def test_the_table_names_every_state():
    assert set(EXPECTED) == set(Status.values)


@pytest.mark.parametrize(("source", "verb"), PAIRS)
def test_every_verb_from_every_state(fed, wish_in, source, verb):
    wish = wish_in(source)
    target = EXPECTED[source].get(verb)
    assert_verb(lambda: run_verb(verb, wish, fed), wish, source=source, target=target)
    transitions = WishTransition.objects.filter(wish=wish)
    if target is None:
        assert not transitions.exists()
        return
    transition = transitions.get(verb=verb)
    assert (transition.from_status, transition.to_status) == (source, target)
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.TRANSITION, target_id=str(wish.pk)
    ).exists()


def test_stale_object_cannot_skip_the_check(fed, wish_in):
    """A wish loaded before another request withdrew it cannot be published from the copy."""
    wish = wish_in(Status.VETTED)
    stale = Wish.objects.get(pk=wish.pk)
    services.withdraw_wish(wish=wish, by=fed.province_admin, reason="重复录入")
    with pytest.raises(InvalidTransition, match="已撤回"):
        services.publish_wish(wish=stale, by=fed.province_admin)
    assert Wish.objects.get(pk=wish.pk).status == Status.WITHDRAWN


def test_publish_sets_the_deadline_from_the_setting(fed, wish_in, settings):
    settings.GONGHUI_WISH_EXPIRY_DAYS = 30
    wish = services.publish_wish(wish=wish_in(Status.VETTED), by=fed.province_admin)
    assert wish.published_at is not None
    assert (wish.expires_at - wish.published_at).days == 30


def test_claim_of_a_claimed_wish_says_it_was_just_claimed(wish_in):
    wish = wish_in(Status.CLAIMED)
    with pytest.raises(services.AlreadyClaimed, match="刚刚被其他爱心人士认领"):
        services.claim_wish(wish=wish, name="张三", phone="13700002222")
