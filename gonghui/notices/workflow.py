"""The 公示 workflows: a notice's statuses (scheduled → open → closed, or withdrawn) and an
objection's (received → closed with an outcome)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.workflow import Table

# This app's verbs beyond core.workflow.SHARED_VERBS, with their labels.
VERBS = {
    "post": _("开始公示"),
    # Not a transition: the first row of every objection's history.
    "lodge": _("提出异议"),
}


class Status(models.TextChoices):
    SCHEDULED = "scheduled", _("待公示")
    OPEN = "open", _("公示中")
    CLOSED = "closed", _("已结束")
    WITHDRAWN = "withdrawn", _("已撤销")


class ObjectionStatus(models.TextChoices):
    RECEIVED = "received", _("待处理")
    CLOSED = "closed", _("已办结")


S = Status
O = ObjectionStatus  # noqa: E741

# verb: (from states, to state)
TRANSITIONS = Table(
    {
        "post": ([S.SCHEDULED], S.OPEN),
        "close": ([S.OPEN], S.CLOSED),
        "withdraw": ([S.SCHEDULED, S.OPEN], S.WITHDRAWN),
    },
    status=Status,
    history="notices.NoticeTransition",
)

OBJECTION_TRANSITIONS = Table(
    {"close": ([O.RECEIVED], O.CLOSED)},
    status=ObjectionStatus,
    history="notices.ObjectionTransition",
)
