"""The 微心愿 workflow: statuses and the transition table every wish service checks."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.workflow import Table

# This app's verbs beyond core.workflow.SHARED_VERBS, with their labels.
VERBS = {
    "vet": _("审核"),
    "deliver": _("送达"),
    "thank": _("致谢"),
    "expire": _("过期"),
    # Not a transition: the first row of every wish's history.
    "collect": _("录入"),
}


class Status(models.TextChoices):
    COLLECTED = "collected", _("已征集")
    VETTED = "vetted", _("已审核")
    PUBLISHED = "published", _("认领中")
    CLAIMED = "claimed", _("已认领")
    DELIVERED = "delivered", _("已送达")
    THANKED = "thanked", _("已致谢")
    WITHDRAWN = "withdrawn", _("已撤回")
    EXPIRED = "expired", _("已过期")


S = Status

# verb: (from states, to state)
TRANSITIONS = Table(
    {
        "vet": ([S.COLLECTED], S.VETTED),
        "publish": ([S.VETTED], S.PUBLISHED),
        "claim": ([S.PUBLISHED], S.CLAIMED),
        "deliver": ([S.CLAIMED], S.DELIVERED),
        "thank": ([S.DELIVERED], S.THANKED),
        "withdraw": ([S.COLLECTED, S.VETTED, S.PUBLISHED], S.WITHDRAWN),
        "expire": ([S.PUBLISHED], S.EXPIRED),
    },
    status=Status,
    history="wishes.WishTransition",
)

# Statuses a wish has passed through once it was claimed (for "claimed" counts).
CLAIMED_OR_LATER = [S.CLAIMED, S.DELIVERED, S.THANKED]
# Verbs staff trigger from the detail page; claim and expire come from the public and the clock.
STAFF_VERBS = ["vet", "publish", "deliver", "thank", "withdraw"]
# Staff verbs that take nothing but a note (withdraw's note is its reason).
NOTE_VERBS = ["vet", "publish", "thank", "withdraw"]
