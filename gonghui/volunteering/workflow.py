"""Statuses and transition tables of service events, sign-ups, service hours and problems."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# This app's verbs beyond core.workflow.SHARED_VERBS, with their labels.
VERBS = {
    "check_in": _("签到"),
    "reject": _("不通过"),
    "resubmit": _("重新提交"),
    "assign": _("交办"),
}


class EventStatus(models.TextChoices):
    OPEN = "open", _("报名中")
    FINISHED = "finished", _("已结束")
    CANCELLED = "cancelled", _("已取消")


EVENT_TRANSITIONS = {
    "close": ([EventStatus.OPEN], EventStatus.FINISHED),
    "withdraw": ([EventStatus.OPEN], EventStatus.CANCELLED),
}


class SignUpStatus(models.TextChoices):
    SIGNED_UP = "signed_up", _("已报名")
    CHECKED_IN = "checked_in", _("已签到")
    WITHDRAWN = "withdrawn", _("已取消")


SIGNUP_TRANSITIONS = {
    "check_in": ([SignUpStatus.SIGNED_UP], SignUpStatus.CHECKED_IN),
    "withdraw": ([SignUpStatus.SIGNED_UP], SignUpStatus.WITHDRAWN),
}


class HoursStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待审核")
    APPROVED = "approved", _("已通过")
    REJECTED = "rejected", _("未通过")


# Only the team leader approves or rejects (services check it); the recorder may resubmit.
HOURS_TRANSITIONS = {
    "approve": ([HoursStatus.SUBMITTED], HoursStatus.APPROVED),
    "reject": ([HoursStatus.SUBMITTED], HoursStatus.REJECTED),
    "resubmit": ([HoursStatus.REJECTED], HoursStatus.SUBMITTED),
}


class ProblemStatus(models.TextChoices):
    COLLECTED = "collected", _("已收集")
    ASSIGNED = "assigned", _("已交办")
    SOLVED = "solved", _("已解决")


PROBLEM_TRANSITIONS = {
    "assign": ([ProblemStatus.COLLECTED], ProblemStatus.ASSIGNED),
    "close": ([ProblemStatus.ASSIGNED], ProblemStatus.SOLVED),
}

STATUS_LABELS = {
    value: label
    for enum in (EventStatus, SignUpStatus, HoursStatus, ProblemStatus)
    for value, label in enum.choices
}
