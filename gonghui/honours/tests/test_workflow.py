"""Every transition of a nomination and of a round, allowed and refused (the expectations are
this test's own table, not the production one)."""

import pytest

from gonghui.honours import services
from gonghui.honours.models import Nomination, Round
from gonghui.testing import assert_verb

from .factories import make_chain, nominate_person

pytestmark = pytest.mark.django_db

N_STATES = ["draft", "submitted", "returned", "recommended", "approved", "commended", "withdrawn"]
# verb → {state: target or None (refused)}
NOMINATION_TABLE = {
    "submit": {"draft": "submitted", "returned": "submitted"},
    "forward": {"submitted": "submitted"},
    "return": {"submitted": "returned", "recommended": "returned"},
    "withdraw": {
        "draft": "withdrawn",
        "submitted": "withdrawn",
        "returned": "withdrawn",
        "recommended": "withdrawn",
    },
}


def _nomination_in(fed, chain, verb, state):
    """A nomination in `state`, held by the level that would act on it with `verb` (so a
    refusal comes from the state, not from who acts)."""
    n = nominate_person(fed, chain)
    at = fed.grassroots if verb in ("submit", "withdraw") else fed.jinshui
    if state in ("recommended", "approved", "commended") and verb in ("forward", "return"):
        at = fed.henan
    Nomination.objects.filter(pk=n.pk).update(status=state, at_organization=at)
    n.refresh_from_db()
    return n


def _run(chain, verb, n):
    holder = chain.province if n.at_organization_id == chain.round.organization_id else chain.county
    return {
        "submit": lambda: services.submit_nomination(by=chain.grassroots, nomination=n),
        "forward": lambda: services.forward_nomination(by=holder, nomination=n),
        "return": lambda: services.return_nomination(by=holder, nomination=n, comment="补"),
        "withdraw": lambda: services.withdraw_nomination(
            by=chain.grassroots, nomination=n, reason="改推"
        ),
    }[verb]


@pytest.mark.parametrize(("verb", "state"), [(v, s) for v in NOMINATION_TABLE for s in N_STATES])
def test_nomination_verbs(fed, verb, state):
    chain = make_chain(fed)
    n = _nomination_in(fed, chain, verb, state)
    target = NOMINATION_TABLE[verb].get(state)
    assert_verb(_run(chain, verb, n), n, source=state, target=target)


R_STATES = ["draft", "open", "notice", "approved", "commended"]
ROUND_TABLE = {
    "publish": {"draft": "open"},
    "approve": {"notice": "approved"},
    "commend": {"approved": "commended"},
}


@pytest.mark.parametrize(("verb", "state"), [(v, s) for v in ROUND_TABLE for s in R_STATES])
def test_round_verbs(fed, verb, state):
    chain = make_chain(fed, publish=False)
    Round.objects.filter(pk=chain.round.pk).update(status=state)
    round_ = Round.objects.get(pk=chain.round.pk)
    run = {
        "publish": lambda: services.publish_round(by=chain.province, round_=round_),
        "approve": lambda: services.approve_round(by=chain.province, round_=round_),
        "commend": lambda: services.commend_round(by=chain.province, round_=round_),
    }[verb]
    assert_verb(run, round_, source=state, target=ROUND_TABLE[verb].get(state))


@pytest.mark.parametrize("state", R_STATES)
def test_announce_only_from_open_with_recommended_nominees(fed, state):
    chain = make_chain(fed, bodies=())
    Round.objects.filter(pk=chain.round.pk).update(status=state)
    round_ = Round.objects.get(pk=chain.round.pk)
    # With nobody recommended even an open round cannot be announced.
    assert_verb(
        lambda: services.announce_round(by=chain.province, round_=round_),
        round_,
        source=state,
        target=None,
    )
