"""The same person cannot be nominated twice in a round, whoever nominates, and the refusal
does not say who nominated first."""

import pytest

from gonghui.honours import services
from gonghui.honours.services import DuplicateNomination
from gonghui.testing import make_person

from .factories import make_chain, nominate_person

pytestmark = pytest.mark.django_db


def test_a_second_nomination_of_the_person_is_refused_without_naming_the_first(fed):
    chain = make_chain(fed)
    person = make_person(fed.grassroots, name="刘晓红", phone="13600001111")
    nominate_person(fed, chain, person=person)
    with pytest.raises(DuplicateNomination) as refused:
        # The city union nominates the same worker through another organisation.
        nominate_person(fed, chain, by=chain.city, org=fed.jinshui, person=person)
    message = refused.value.message
    assert "已在本次评选中被推荐" in message
    for leak in (fed.grassroots.name, "宏达", chain.grassroots.username):
        assert leak not in message


def test_after_a_withdrawal_the_person_may_be_nominated_again(fed):
    chain = make_chain(fed)
    person = make_person(fed.grassroots, name="刘晓红", phone="13600001111")
    first = nominate_person(fed, chain, person=person)
    services.withdraw_nomination(by=chain.grassroots, nomination=first, reason="改推他人")
    again = nominate_person(fed, chain, by=chain.city, org=fed.jinshui, person=person)
    assert again.pk != first.pk


def test_the_api_answers_409_with_the_same_message(fed, client_for):
    chain = make_chain(fed)
    person = make_person(fed.grassroots, name="刘晓红", phone="13600001111")
    nominate_person(fed, chain, person=person)
    response = client_for(chain.city).post(
        f"/api/v1/honours/rounds/{chain.round.pk}/nominations",
        {"award_id": chain.medal.pk, "organization_id": fed.jinshui.pk, "person_id": person.pk},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert fed.grassroots.name not in response.content.decode()
