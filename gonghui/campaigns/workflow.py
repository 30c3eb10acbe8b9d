"""A campaign's life: it runs (分工, uploads, reminders) until the office closes it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.workflow import Table


class Status(models.TextChoices):
    ACTIVE = "active", _("进行中")
    CLOSED = "closed", _("已结束")


# verb: (from states, to state). A campaign is created active; once closed it sends no more
# deadline reminders and its tasks leave the liaisons' lists of current work.
TRANSITIONS = Table(
    {
        "close": ([Status.ACTIVE], Status.CLOSED),
    },
    status=Status,
    history="campaigns.CampaignTransition",
)
