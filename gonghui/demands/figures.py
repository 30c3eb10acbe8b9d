"""Headline figures of 职工诉求 for the dashboards, the big screen and the reports: demands
received, answered on time and satisfaction in a period, within the user's scope (read from the
statistics summary, whole months)."""

from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from gonghui.core.figures import Figure, Period, remembered

from . import selectors


def _statistics(user, period: Period) -> selectors.DemandStatistics:
    """The totals the three figures read, summed once per request and period."""
    return remembered(
        user,
        f"demands.totals:{period.start}:{period.end}",
        lambda: selectors.demand_totals(user, start=period.start, end=period.end),
    )


def _url(period: Period) -> str:
    return "/demands/statistics/?" + urlencode(
        {"start": period.start.strftime("%Y-%m"), "end": period.end.strftime("%Y-%m")}
    )


FIGURES = (
    Figure(
        key="demands.received",
        label=_("受理职工诉求"),
        unit=_("件"),
        compute=lambda user, period: _statistics(user, period).total,
        url=_url,
        order=50,
    ),
    Figure(
        key="demands.finish_rate",
        label=_("诉求按期办结率"),
        unit="%",
        compute=lambda user, period: _statistics(user, period).finish_rate,
        url=_url,
        order=51,
    ),
    Figure(
        key="demands.satisfaction_rate",
        label=_("诉求满意率"),
        unit="%",
        compute=lambda user, period: _statistics(user, period).satisfaction_rate,
        url=_url,
        order=52,
    ),
)
