"""Evidence review: statuses and the transition table."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.workflow import Table

# This app's verbs beyond core.workflow.SHARED_VERBS, with their labels.
VERBS = {
    "resubmit": _("重新提交"),
    # Not a transition: a reviewer's remark kept in the history.
    "comment": _("点评"),
}


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")
    APPROVED = "approved", _("已通过")
    RETURNED = "returned", _("已退回")
    RESUBMITTED = "resubmitted", _("已重新提交")


S = Status
AWAITING_REVIEW = (S.SUBMITTED, S.RESUBMITTED)
EDITABLE = (S.DRAFT, S.RETURNED)

# verb: (from states, to state)
TRANSITIONS = Table(
    {
        "submit": ((S.DRAFT,), S.SUBMITTED),
        "withdraw": (AWAITING_REVIEW, S.DRAFT),
        "approve": (AWAITING_REVIEW, S.APPROVED),
        "return": (AWAITING_REVIEW, S.RETURNED),
        "resubmit": ((S.RETURNED,), S.RESUBMITTED),
    },
    status=Status,
    history="ledger.EvidenceTransition",
)


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")
    RETURNED = "returned", _("已退回")
    APPROVED = "approved", _("已审阅")


R = ReportStatus
REPORT_TRANSITIONS = Table(
    {
        "submit": ((R.DRAFT, R.RETURNED), R.SUBMITTED),
        "withdraw": ((R.SUBMITTED,), R.DRAFT),
        "approve": ((R.SUBMITTED,), R.APPROVED),
        "return": ((R.SUBMITTED,), R.RETURNED),
    },
    status=ReportStatus,
    history="ledger.MonthlyReportTransition",
)
