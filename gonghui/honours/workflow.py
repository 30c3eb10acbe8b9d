"""The 推优评先 workflows: a round (筹备 → 推荐中 → 公示中 → 已审定 → 已表彰) and a nomination's
way up the chain (草稿 → 已上报 at each level → 拟表彰 → 已审定 → 已表彰, or 退回 / 撤回)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.workflow import Table

# This app's verbs beyond core.workflow.SHARED_VERBS, with their labels.
VERBS = {
    "forward": _("推荐上报"),
    "announce": _("公示"),
    "commend": _("表彰"),
    "nominate": _("推荐"),
    "opinion": _("征求意见"),
}


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("筹备中")
    OPEN = "open", _("推荐中")
    NOTICE = "notice", _("公示中")
    APPROVED = "approved", _("已审定")
    COMMENDED = "commended", _("已表彰")


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已上报")
    RETURNED = "returned", _("已退回")
    RECOMMENDED = "recommended", _("拟表彰")
    APPROVED = "approved", _("已审定")
    COMMENDED = "commended", _("已表彰")
    WITHDRAWN = "withdrawn", _("已撤回")


R = RoundStatus
S = Status

ROUND_TRANSITIONS = Table(
    {
        "publish": ([R.DRAFT], R.OPEN),
        "announce": ([R.OPEN], R.NOTICE),
        "approve": ([R.NOTICE], R.APPROVED),
        "commend": ([R.APPROVED], R.COMMENDED),
    },
    status=RoundStatus,
    history="honours.RoundTransition",
)

# verb: (from states, to state). "forward" at the round's own level makes the nomination
# 拟表彰; below it the nomination stays 已上报 and moves one level up (services say which).
TRANSITIONS = Table(
    {
        "submit": ([S.DRAFT], S.SUBMITTED),
        "forward": ([S.SUBMITTED], S.SUBMITTED),
        "return": ([S.SUBMITTED, S.RECOMMENDED], S.RETURNED),
        "resubmit": ([S.RETURNED], S.SUBMITTED),
        "withdraw": ([S.DRAFT, S.SUBMITTED, S.RETURNED, S.RECOMMENDED], S.WITHDRAWN),
        "approve": ([S.RECOMMENDED], S.APPROVED),
        "commend": ([S.APPROVED], S.COMMENDED),
    },
    status=Status,
    history="honours.NominationTransition",
)
# The last forward, by the round's own organisation, ends the chain.
RECOMMEND = Table(
    {"forward": ([S.SUBMITTED], S.RECOMMENDED)},
    status=Status,
    history="honours.NominationTransition",
)

# Nominations that hold a place (quota, duplicate check): everything not withdrawn.
LIVE = [S.DRAFT, S.SUBMITTED, S.RETURNED, S.RECOMMENDED, S.APPROVED, S.COMMENDED]
# Nominations that reached the round's level.
FINAL = [S.RECOMMENDED, S.APPROVED, S.COMMENDED]
