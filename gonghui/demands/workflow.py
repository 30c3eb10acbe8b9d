"""The 职工诉求 workflow: statuses and the transition table every demand service checks."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.workflow import Table

# This app's verbs beyond core.workflow.SHARED_VERBS (return = 退回, close = 办结), with labels.
VERBS = {
    "accept": _("受理"),
    "handle": _("办理"),
    "answer": _("答复"),
    "follow_up": _("回访"),
    "rate": _("评价"),
    "reopen": _("复核"),
    "transfer": _("转办"),
    # Not transitions: rows of the history that change no status.
    "register": _("登记"),
    "remind": _("催办"),
    "escalate": _("督办"),
    "handling_note": _("办理记录"),
    "join": _("协办"),
}


class Status(models.TextChoices):
    RECEIVED = "received", _("待受理")
    ACCEPTED = "accepted", _("已受理")
    HANDLING = "handling", _("办理中")
    ANSWERED = "answered", _("已答复")
    FOLLOWED_UP = "followed_up", _("已回访")
    RATED = "rated", _("已评价")
    REVIEWING = "reviewing", _("复核中")
    CLOSED = "closed", _("已办结")


S = Status

# verb: (from states, to state)
TRANSITIONS = Table(
    {
        "accept": ([S.RECEIVED], S.ACCEPTED),
        "handle": ([S.ACCEPTED], S.HANDLING),
        "answer": ([S.ACCEPTED, S.HANDLING, S.REVIEWING], S.ANSWERED),
        "follow_up": ([S.ANSWERED], S.FOLLOWED_UP),
        "rate": ([S.ANSWERED, S.FOLLOWED_UP], S.RATED),
        "close": ([S.FOLLOWED_UP, S.RATED], S.CLOSED),
        "reopen": ([S.RATED], S.REVIEWING),
        # A hop down to a child union or back up to the parent: the new holder accepts anew.
        "transfer": ([S.RECEIVED, S.ACCEPTED, S.HANDLING], S.RECEIVED),
        "return": ([S.RECEIVED, S.ACCEPTED, S.HANDLING], S.RECEIVED),
    },
    status=Status,
    history="demands.DemandTransition",
)

OPEN = [S.RECEIVED, S.ACCEPTED, S.HANDLING, S.REVIEWING]
# Answered to the worker (counts toward 办结 on time).
ANSWERED_OR_LATER = [S.ANSWERED, S.FOLLOWED_UP, S.RATED, S.CLOSED]
# Verbs the holding union's staff trigger with a note only.
NOTE_VERBS = ["accept", "handle", "close"]
