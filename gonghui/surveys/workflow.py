"""Statuses of surveys and quizzes (draft → open → closed) and of rectification tasks."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.workflow import Table

VERBS = {
    # Not a transition: the first row of a rectification task's history.
    "assign": _("交办"),
}


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    OPEN = "open", _("收集中")
    CLOSED = "closed", _("已结束")


class TaskStatus(models.TextChoices):
    ASSIGNED = "assigned", _("整改中")
    SUBMITTED = "submitted", _("待验收")
    RECTIFIED = "rectified", _("已整改")


S = SurveyStatus
T = TaskStatus

SURVEY_TRANSITIONS = Table(
    {"publish": ([S.DRAFT], S.OPEN), "close": ([S.OPEN], S.CLOSED)},
    status=SurveyStatus,
    history="surveys.SurveyTransition",
)

TASK_TRANSITIONS = Table(
    {
        "submit": ([T.ASSIGNED], T.SUBMITTED),
        "approve": ([T.SUBMITTED], T.RECTIFIED),
        "return": ([T.SUBMITTED], T.ASSIGNED),
    },
    status=TaskStatus,
    history="surveys.RectificationTaskTransition",
)
