"""core.workflow.apply: the check, the conditional update, one history row, the audit entry
with readable labels, and the hook that runs only once the transaction has committed.

A wish stands in for any workflow model: the kernel knows only the table it is given."""

import pytest
from django.db import transaction

from gonghui.core import workflow
from gonghui.core.exceptions import InvalidTransition
from gonghui.core.models import AuditEntry
from gonghui.wishes.models import Wish, WishTransition
from gonghui.wishes.tests.factories import make_wish
from gonghui.wishes.workflow import TRANSITIONS, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def wish(fed):
    return make_wish(fed.grassroots, Status.COLLECTED)


def test_an_allowed_verb_moves_the_status_and_sets_the_fields(fed, wish):
    returned = workflow.apply(
        wish, table=TRANSITIONS, verb="vet", by=fed.province_admin, fields={"hardship": "因病"}
    )
    assert returned is wish and wish.status == Status.VETTED and wish.hardship == "因病"
    stored = Wish.objects.get(pk=wish.pk)
    assert (stored.status, stored.hardship) == (Status.VETTED, "因病")


def test_one_history_row_says_who_did_what_from_which_state_to_which(fed, wish):
    workflow.apply(wish, table=TRANSITIONS, verb="vet", by=fed.province_admin, note="材料齐全")
    (row,) = WishTransition.objects.filter(wish=wish)
    assert (row.verb, row.from_status, row.to_status) == ("vet", "collected", "vetted")
    assert (row.by, row.note) == (fed.province_admin, "材料齐全")
    assert (row.verb_label, row.from_label, row.to_label) == ("审核", "已征集", "已审核")


def test_the_audit_entry_uses_the_labels_people_read(fed, wish):
    workflow.apply(wish, table=TRANSITIONS, verb="vet", by=fed.province_admin, note="材料齐全")
    (entry,) = AuditEntry.objects.filter(action="transition", target_id=str(wish.pk))
    assert entry.actor == fed.province_admin
    assert entry.target_type == "wishes.wish"
    assert "审核" in entry.summary and "已征集 → 已审核" in entry.summary
    assert "材料齐全" in entry.summary
    assert entry.details == {"verb": "vet", "from": "collected", "to": "vetted"}


def test_a_verb_the_state_does_not_allow_is_refused_in_chinese_and_writes_nothing(fed, wish):
    with pytest.raises(InvalidTransition, match="当前状态为“已征集”，不能执行“发布”"):
        workflow.apply(wish, table=TRANSITIONS, verb="publish", by=fed.province_admin)
    assert Wish.objects.get(pk=wish.pk).status == Status.COLLECTED
    assert not WishTransition.objects.filter(wish=wish).exists()
    assert not AuditEntry.objects.filter(action="transition").exists()


def test_an_unknown_verb_is_refused(fed, wish):
    with pytest.raises(InvalidTransition, match="未知操作"):
        workflow.apply(wish, table=TRANSITIONS, verb="teleport", by=fed.province_admin)


def test_of_two_copies_of_one_object_only_the_first_verb_wins(fed, wish):
    """The second copy still says 已征集, but the conditional UPDATE sees the stored status."""
    other = Wish.objects.get(pk=wish.pk)
    workflow.apply(wish, table=TRANSITIONS, verb="withdraw", by=fed.province_admin)
    with pytest.raises(workflow.StaleTransition, match="状态已变为“已撤回”") as refused:
        workflow.apply(other, table=TRANSITIONS, verb="vet", by=fed.province_admin)
    assert refused.value.current == Status.WITHDRAWN
    assert Wish.objects.get(pk=wish.pk).status == Status.WITHDRAWN
    assert list(WishTransition.objects.filter(wish=wish).values_list("verb", flat=True)) == [
        "withdraw"
    ]
    assert AuditEntry.objects.filter(action="transition").count() == 1


def test_the_hook_runs_after_the_commit_and_not_before(
    fed, wish, django_capture_on_commit_callbacks
):
    calls = []
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow.apply(
            wish,
            table=TRANSITIONS,
            verb="vet",
            by=fed.province_admin,
            on_commit=lambda: calls.append(Wish.objects.get(pk=wish.pk).status),
        )
        assert calls == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert calls == [Status.VETTED]


def test_the_hook_never_runs_when_the_transaction_rolls_back(
    fed, wish, django_capture_on_commit_callbacks
):
    calls = []
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        workflow.apply(
            wish,
            table=TRANSITIONS,
            verb="vet",
            by=fed.province_admin,
            on_commit=lambda: calls.append("sent"),
        )
        raise RuntimeError("a later step of the service failed")
    assert callbacks == [] and calls == []
    assert Wish.objects.get(pk=wish.pk).status == Status.COLLECTED
    assert not WishTransition.objects.filter(wish=wish).exists()


def test_log_writes_a_history_row_without_moving_the_status(fed, wish):
    workflow.log(wish, table=TRANSITIONS, verb="collect", by=fed.grassroots_admin, source="")
    (row,) = WishTransition.objects.filter(wish=wish)
    assert (row.from_status, row.to_status, row.verb_label) == ("", "collected", "录入")
    assert Wish.objects.get(pk=wish.pk).status == Status.COLLECTED


def test_a_public_actor_is_recorded_without_an_account(fed):
    wish = make_wish(fed.grassroots, Status.PUBLISHED)
    workflow.apply(
        wish, table=TRANSITIONS, verb="claim", by=None, record={"actor_label": "爱心人士 李*"}
    )
    row = WishTransition.objects.get(wish=wish)
    assert (row.by, row.actor_label) == (None, "爱心人士 李*")
    assert AuditEntry.objects.get(action="transition").actor is None


def test_a_table_reads_as_verb_to_sources_and_target():
    sources, target = TRANSITIONS["withdraw"]
    assert set(sources) == {"collected", "vetted", "published"} and target == "withdrawn"
    assert TRANSITIONS.allowed("published") == ["claim", "withdraw", "expire"]
    assert TRANSITIONS.history_model() is WishTransition
