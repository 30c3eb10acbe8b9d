"""The one workflow pattern: a status enum, a transition table, and a check used by every verb.

Each app keeps its own `workflow.py` with a `Status(models.TextChoices)` and a `TRANSITIONS`
dict {verb: (from_states, to_state)}; services call `transition_target()` before saving. Verbs
beyond the shared ones are declared with their labels in the app's `VERBS`.
"""

from collections.abc import Iterable, Mapping

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from .exceptions import InvalidTransition
from .registry import app_modules

Transitions = Mapping[str, tuple[Iterable[str], str]]

# The shared verbs: the same name means the same thing in every app.
SHARED_VERBS = {
    "submit": _("提交"),
    "approve": _("通过"),
    "return": _("退回"),
    "withdraw": _("撤回"),
    "publish": _("发布"),
    "claim": _("认领"),
    "close": _("办结"),
    "archive": _("归档"),
}


class VerbLabels(Mapping):
    """Every verb's label: the shared ones above plus those each app declares as
    `VERBS = {verb: label}` in its own workflow.py (read once, on first use). An app may not
    give a shared verb, or another app's verb, a different label."""

    def __init__(self, shared: Mapping[str, str]):
        self._shared = dict(shared)
        self._labels: dict[str, str] | None = None

    def _all(self) -> dict[str, str]:
        if self._labels is None:
            labels = dict(self._shared)
            for config, module in app_modules("workflow"):
                for verb, label in getattr(module, "VERBS", {}).items():
                    if str(labels.setdefault(verb, label)) != str(label):
                        raise ImproperlyConfigured(
                            f"{config.name}.workflow labels the verb {verb!r} differently"
                        )
            self._labels = labels
        return self._labels

    def __getitem__(self, verb: str) -> str:
        return self._all()[verb]

    def __iter__(self):
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


VERB_LABELS = VerbLabels(SHARED_VERBS)


def transition_target(transitions: Transitions, verb: str, current: str, status_enum=None) -> str:
    """The state `verb` leads to from `current`, or InvalidTransition with a Chinese message."""
    if verb not in transitions:
        raise InvalidTransition(gettext_now("未知操作：%(verb)s") % {"verb": verb})
    sources, target = transitions[verb]
    if current not in set(sources):
        label = VERB_LABELS.get(verb, verb)
        current_label = status_enum(current).label if status_enum else current
        raise InvalidTransition(
            gettext_now("当前状态为“%(state)s”，不能执行“%(verb)s”")
            % {"state": current_label, "verb": label}
        )
    return target


def allowed_verbs(transitions: Transitions, current: str) -> list[str]:
    return [verb for verb, (sources, _target) in transitions.items() if current in set(sources)]
