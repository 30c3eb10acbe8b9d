"""Headline figures of activities for the dashboards, the big screen and the reports."""

from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from gonghui.core.figures import Figure, Period

from . import selectors


def _totals(user, period: Period) -> dict:
    filters = selectors.ActivityFilter(date_from=period.start, date_to=period.end)
    return selectors.activity_statistics(user, filters).totals


def _list(period: Period) -> str:
    return "/activities/?" + urlencode({"from": period.start, "to": period.end})


def _statistics(period: Period) -> str:
    return "/activities/statistics/?" + urlencode({"from": period.start, "to": period.end})


FIGURES = (
    Figure(
        key="activities.count",
        label=_("开展活动"),
        unit=_("场"),
        compute=lambda user, period: _totals(user, period)["num_activities"],
        url=_list,
        order=10,
    ),
    Figure(
        key="activities.attendances",
        label=_("活动参与"),
        unit=_("人次"),
        compute=lambda user, period: _totals(user, period)["attendances"],
        url=_statistics,
        order=11,
    ),
    Figure(
        key="activities.money",
        label=_("活动筹集资金"),
        unit=_("元"),
        compute=lambda user, period: _totals(user, period)["money_fen"],
        url=_statistics,
        order=12,
        money_fen=True,
    ),
)
