"""assert_verb fails a workflow test for the reasons it names: a verb allowed that the table
refuses, a refusal that is not InvalidTransition or has no Chinese message, a wrong target."""

import pytest

from gonghui.core.exceptions import InvalidTransition, ValidationFailed
from gonghui.testing import assert_verb


class Thing:
    def __init__(self, status):
        self.status = status

    def refresh_from_db(self):
        pass


def moves_to(thing, status):
    def run():
        thing.status = status

    return run


def refuses(error):
    def run():
        raise error

    return run


def test_allowed_verb_reaching_the_expected_state_passes():
    thing = Thing("draft")
    assert_verb(moves_to(thing, "submitted"), thing, source="draft", target="submitted")


def test_allowed_verb_reaching_another_state_fails():
    thing = Thing("draft")
    with pytest.raises(AssertionError, match="not approved"):
        assert_verb(moves_to(thing, "submitted"), thing, source="draft", target="approved")


def test_verb_the_table_refuses_but_the_service_allows_fails():
    thing = Thing("approved")
    with pytest.raises(AssertionError, match="allowed from approved"):
        assert_verb(moves_to(thing, "draft"), thing, source="approved", target=None)


def test_refusal_in_chinese_passes():
    thing = Thing("approved")
    refusal = refuses(InvalidTransition("当前状态为“已通过”，不能撤回"))
    assert_verb(refusal, thing, source="approved", target=None)


def test_refusal_without_chinese_fails():
    with pytest.raises(AssertionError, match="Chinese"):
        assert_verb(refuses(InvalidTransition("bad state")), Thing("x"), source="x", target=None)


def test_refusal_by_another_error_is_not_taken_for_a_refused_transition():
    with pytest.raises(ValidationFailed):
        assert_verb(refuses(ValidationFailed("请填写")), Thing("x"), source="x", target=None)
