"""Headline figures of 微心愿 for the dashboards, the big screen and the reports."""

from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from gonghui.core.figures import Figure, Period

from . import selectors


def _totals(user, period: Period) -> selectors.WishFigures:
    return selectors.wish_statistics(user, start=period.start, end=period.end).totals


def _statistics(period: Period) -> str:
    return "/wishes/statistics/?" + urlencode({"start": period.start, "end": period.end})


FIGURES = (
    Figure(
        key="wishes.published",
        label=_("发布微心愿"),
        unit=_("个"),
        compute=lambda user, period: _totals(user, period).published,
        url=_statistics,
        order=30,
    ),
    Figure(
        key="wishes.claimed",
        label=_("认领微心愿"),
        unit=_("个"),
        compute=lambda user, period: _totals(user, period).claimed,
        url=_statistics,
        order=31,
    ),
)
