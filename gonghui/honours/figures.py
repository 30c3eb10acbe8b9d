"""Headline figures of 推优评先 for the dashboards: honours conferred in the period, in all and
by award level."""

from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from gonghui.core.figures import Figure, Period

from . import selectors
from .models import Level


def _awarded(level: str | None):
    def compute(user, period: Period) -> int:
        counts = selectors.honours_awarded(user, start=period.start, end=period.end)
        return counts[level] if level else sum(counts.values())

    return compute


def _statistics(level: str | None):
    def url(period: Period) -> str:
        query = {"year": period.start.year} if period.start.year == period.end.year else {}
        if level:
            query["level"] = level
        return "/honours/statistics/" + (f"?{urlencode(query)}" if query else "")

    return url


LABELS = {
    Level.NATIONAL: _("全国级荣誉"),
    Level.PROVINCIAL: _("省级荣誉"),
    Level.CITY: _("市级荣誉"),
    Level.COUNTY: _("县级荣誉"),
}

FIGURES = (
    Figure(
        key="honours.awarded",
        label=_("表彰荣誉"),
        unit=_("项"),
        compute=_awarded(None),
        url=_statistics(None),
        order=60,
    ),
    *(
        Figure(
            key=f"honours.awarded_{level}",
            label=label,
            unit=_("项"),
            compute=_awarded(level),
            url=_statistics(level),
            order=61 + i,
        )
        for i, (level, label) in enumerate(LABELS.items())
    ),
)
