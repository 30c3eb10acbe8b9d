"""Statuses and transition tables of service events, sign-ups, service hours and problems."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.workflow import Table

# Every table here writes its rows to the one generic history of the app.
HISTORY = "volunteering.VolunteeringTransition"

# This app's verbs beyond core.workflow.SHARED_VERBS, with their labels.
VERBS = {
    "check_in": _("签到"),
    "reject": _("不通过"),
    "resubmit": _("重新提交"),
    "assign": _("交办"),
    "cancel": _("取消"),
}


class EventStatus(models.TextChoices):
    OPEN = "open", _("报名中")
    FINISHED = "finished", _("已结束")
    CANCELLED = "cancelled", _("已取消")


EVENT_TRANSITIONS = Table(
    {
        "close": ([EventStatus.OPEN], EventStatus.FINISHED),
        # An organiser calls the event off: not 撤回 (taking back one's own submission).
        "cancel": ([EventStatus.OPEN], EventStatus.CANCELLED),
    },
    status=EventStatus,
    history=HISTORY,
)


class SignUpStatus(models.TextChoices):
    SIGNED_UP = "signed_up", _("已报名")
    CHECKED_IN = "checked_in", _("已签到")
    WITHDRAWN = "withdrawn", _("已取消")


SIGNUP_TRANSITIONS = Table(
    {
        "check_in": ([SignUpStatus.SIGNED_UP], SignUpStatus.CHECKED_IN),
        "withdraw": ([SignUpStatus.SIGNED_UP], SignUpStatus.WITHDRAWN),
    },
    status=SignUpStatus,
    history=HISTORY,
)


class HoursStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待审核")
    APPROVED = "approved", _("已通过")
    REJECTED = "rejected", _("未通过")


# Only the team leader approves or rejects (services check it); the recorder may resubmit.
HOURS_TRANSITIONS = Table(
    {
        "approve": ([HoursStatus.SUBMITTED], HoursStatus.APPROVED),
        "reject": ([HoursStatus.SUBMITTED], HoursStatus.REJECTED),
        "resubmit": ([HoursStatus.REJECTED], HoursStatus.SUBMITTED),
    },
    status=HoursStatus,
    history=HISTORY,
)


class ProblemStatus(models.TextChoices):
    COLLECTED = "collected", _("已收集")
    ASSIGNED = "assigned", _("已交办")
    SOLVED = "solved", _("已解决")


PROBLEM_TRANSITIONS = Table(
    {
        "assign": ([ProblemStatus.COLLECTED], ProblemStatus.ASSIGNED),
        "close": ([ProblemStatus.ASSIGNED], ProblemStatus.SOLVED),
    },
    status=ProblemStatus,
    history=HISTORY,
)

STATUS_LABELS = {
    value: label
    for enum in (EventStatus, SignUpStatus, HoursStatus, ProblemStatus)
    for value, label in enum.choices
}
