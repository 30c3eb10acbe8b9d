"""Verbs: core knows the shared ones; each app declares and labels its own."""

import types

import pytest
from django.core.exceptions import ImproperlyConfigured

from gonghui.core import workflow
from gonghui.core.registry import app_modules
from gonghui.wishes.workflow import TRANSITIONS, Status


def test_core_declares_only_the_shared_verbs():
    assert set(workflow.SHARED_VERBS) == {
        "submit",
        "approve",
        "return",
        "withdraw",
        "publish",
        "claim",
        "close",
        "archive",
    }


def test_every_verb_of_every_transition_table_has_a_label_its_app_or_core_declared():
    declared = set(workflow.SHARED_VERBS)
    used = set()
    for _config, module in app_modules("workflow"):
        declared |= set(getattr(module, "VERBS", {}))
        for name, table in vars(module).items():
            if name.endswith("TRANSITIONS") and isinstance(table, dict):
                used |= set(table)
    assert used, "no transition table found"
    assert used <= declared
    assert used <= set(workflow.VERB_LABELS)
    assert str(workflow.VERB_LABELS["deliver"]) == "送达"


def test_an_app_may_not_relabel_a_verb(monkeypatch):
    rogue = types.SimpleNamespace(VERBS={"approve": "批准"})
    monkeypatch.setattr(
        workflow, "app_modules", lambda name: [(types.SimpleNamespace(name="x"), rogue)]
    )
    with pytest.raises(ImproperlyConfigured, match="approve"):
        dict(workflow.VerbLabels(workflow.SHARED_VERBS))


def test_an_unknown_state_change_names_a_domain_verb_with_its_label():
    with pytest.raises(workflow.InvalidTransition, match="“致谢”"):
        workflow.transition_target(TRANSITIONS, "thank", Status.PUBLISHED, Status)
