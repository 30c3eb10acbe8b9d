"""The one workflow pattern: a status enum, a transition table, and a check used by every verb.

Each app keeps its own `workflow.py` with a `Status(models.TextChoices)` and a `TRANSITIONS`
dict {verb: (from_states, to_state)}; services call `transition_target()` before saving.
"""

from collections.abc import Iterable, Mapping

from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from .exceptions import InvalidTransition

Transitions = Mapping[str, tuple[Iterable[str], str]]

VERB_LABELS = {
    "submit": _("提交"),
    "resubmit": _("重新提交"),
    "approve": _("通过"),
    "return": _("退回"),
    "withdraw": _("撤回"),
    "publish": _("发布"),
    "claim": _("认领"),
    "close": _("办结"),
    "archive": _("归档"),
    "vet": _("审核"),
    "deliver": _("送达"),
    "thank": _("致谢"),
    "expire": _("过期"),
    "assign": _("交办"),
    "answer": _("答复"),
    "reject": _("不通过"),
    "check_in": _("签到"),
}


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
