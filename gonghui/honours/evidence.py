"""Honourees as ledger evidence: a commendation whose honourees include the unit, offered on
the entry of an indicator about honours (先进、表彰、劳模 …)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonghui.ledger.sources import EvidenceRow, EvidenceSource

from . import selectors


def _figures(entry: selectors.CommendedRound) -> str:
    awards = "、".join(f"{award} {n}" for award, n in entry.by_award[:3])
    if len(entry.by_award) > 3:
        awards += "…"
    return _("表彰 %(n)s 个集体和个人：%(awards)s") % {"n": entry.total, "awards": awards}


def honourees(*, user, organization, start, end) -> list[EvidenceRow]:
    return [
        EvidenceRow(
            title=entry.name,
            date=entry.commended_on,
            figures=_figures(entry),
            url=reverse("honours:round", args=[entry.round_id]),
        )
        for entry in selectors.commended_rounds(
            user, organization=organization, start=start, end=end
        )
    ]


SOURCES = (
    EvidenceSource(
        key="honours.honourees",
        label=gettext_lazy("表彰（推优评先）"),
        rows=honourees,
        keywords=("表彰", "先进", "劳模", "荣誉", "五一", "工匠", "标兵", "评选", "最美"),
        order=10,
    ),
)
