"""Proposals drafted from a document: statuses and the transition table of the review."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.workflow import Table

# This app's verbs beyond core.workflow.SHARED_VERBS, with their labels.
VERBS = {
    "confirm": _("确认"),
    "discard": _("舍弃"),
}


class Status(models.TextChoices):
    PROPOSED = "proposed", _("待确认")
    CONFIRMED = "confirmed", _("已确认")
    DISCARDED = "discarded", _("已舍弃")


# verb: (from states, to state)
TRANSITIONS = Table(
    {
        "confirm": ([Status.PROPOSED], Status.CONFIRMED),
        "discard": ([Status.PROPOSED], Status.DISCARDED),
    },
    status=Status,
    history="ingest.ProposalTransition",
)
