"""The one workflow pattern: a status enum, a transition table, and a check used by every verb.

Each app keeps its own `workflow.py` with a `Status(models.TextChoices)` and a `TRANSITIONS`
dict {verb: (from_states, to_state)}; services call `transition_target()` before saving.
"""

from collections.abc import Iterable, Mapping

from .exceptions import InvalidTransition

Transitions = Mapping[str, tuple[Iterable[str], str]]

VERB_LABELS = {
    "submit": "提交",
    "resubmit": "重新提交",
    "approve": "通过",
    "return": "退回",
    "withdraw": "撤回",
    "publish": "发布",
    "claim": "认领",
    "close": "办结",
    "archive": "归档",
    "vet": "审核",
    "deliver": "送达",
    "thank": "致谢",
    "expire": "过期",
    "assign": "交办",
    "answer": "答复",
    "reject": "不通过",
    "check_in": "签到",
}


def transition_target(transitions: Transitions, verb: str, current: str, status_enum=None) -> str:
    """The state `verb` leads to from `current`, or InvalidTransition with a Chinese message."""
    if verb not in transitions:
        raise InvalidTransition(f"未知操作：{verb}")
    sources, target = transitions[verb]
    if current not in set(sources):
        label = VERB_LABELS.get(verb, verb)
        current_label = status_enum(current).label if status_enum else current
        raise InvalidTransition(f"当前状态为“{current_label}”，不能执行“{label}”")
    return target


def allowed_verbs(transitions: Transitions, current: str) -> list[str]:
    return [verb for verb, (sources, _) in transitions.items() if current in set(sources)]
