"""The 困难职工档案 (一户一档) and 发放批次 workflows: statuses and transition tables."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.workflow import Table

# This app's verbs beyond core.workflow.SHARED_VERBS, with their labels.
VERBS = {
    "enter": _("录入"),  # not a transition: the first row of every archive's history
    "review": _("基层审核"),
    "establish": _("建档"),
    "recheck": _("复核"),
    "exit": _("解困脱困"),
    "relocate": _("转档"),
    "pay": _("发放"),
    "cancel": _("取消"),
    "plan": _("编制"),  # not a transition: the first row of every batch's history
}


class Status(models.TextChoices):
    DRAFT = "draft", _("已录入")
    SUBMITTED = "submitted", _("待基层审核")
    REVIEWED = "reviewed", _("待上级审批")
    APPROVED = "approved", _("待建档")
    RETURNED = "returned", _("已退回")
    ACTIVE = "active", _("在档")
    EXITED = "exited", _("已解困")
    WITHDRAWN = "withdrawn", _("已撤回")


S = Status

# verb: (from states, to state)
TRANSITIONS = Table(
    {
        "submit": ([S.DRAFT, S.RETURNED], S.SUBMITTED),
        "review": ([S.SUBMITTED], S.REVIEWED),
        "approve": ([S.REVIEWED], S.APPROVED),
        "return": ([S.SUBMITTED, S.REVIEWED, S.APPROVED], S.RETURNED),
        "establish": ([S.APPROVED], S.ACTIVE),
        "recheck": ([S.ACTIVE], S.ACTIVE),
        "relocate": ([S.ACTIVE], S.ACTIVE),
        "exit": ([S.ACTIVE], S.EXITED),
        "withdraw": ([S.DRAFT, S.RETURNED], S.WITHDRAWN),
    },
    status=Status,
    history="assistance.ArchiveTransition",
)

# An archive in one of these states blocks a second archive for the same worker or member.
OPEN_STATUSES = [S.DRAFT, S.SUBMITTED, S.REVIEWED, S.APPROVED, S.RETURNED, S.ACTIVE]
# The archive's content may be edited only before it is under review.
EDITABLE_STATUSES = [S.DRAFT, S.RETURNED]


class BatchStatus(models.TextChoices):
    PLANNED = "planned", _("编制中")
    APPROVED = "approved", _("已审批")
    PAID = "paid", _("已发放")
    CANCELLED = "cancelled", _("已取消")


B = BatchStatus

BATCH_TRANSITIONS = Table(
    {
        "approve": ([B.PLANNED], B.APPROVED),
        "return": ([B.APPROVED], B.PLANNED),
        "pay": ([B.APPROVED], B.PAID),
        "cancel": ([B.PLANNED, B.APPROVED], B.CANCELLED),
    },
    status=BatchStatus,
    history="assistance.BatchTransition",
)
