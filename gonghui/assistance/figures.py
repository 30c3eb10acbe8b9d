"""Headline figures of 帮扶救助 for the dashboards, the big screen and the reports: money paid,
households and enterprises visited, students helped, within the user's scope over a period.
A user who may not see relief records gets no value (shown as a dash), never a zero."""

from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from gonghui.core.figures import Figure, Period

from . import selectors


def _value(name: str):
    def compute(user, period: Period):
        figures = selectors.period_figures(user, start=period.start, end=period.end)
        return None if figures is None else figures[name]

    return compute


def _statistics(period: Period) -> str:
    return "/assistance/statistics/?" + urlencode({"start": period.start, "end": period.end})


FIGURES = (
    Figure(
        key="assistance.paid",
        label=_("发放帮扶资金"),
        unit=_("元"),
        compute=_value("paid_fen"),
        url=_statistics,
        order=60,
        money_fen=True,
    ),
    Figure(
        key="assistance.households_visited",
        label=_("走访慰问困难职工"),
        unit=_("户"),
        compute=_value("households"),
        url=_statistics,
        order=61,
    ),
    Figure(
        key="assistance.enterprises_visited",
        label=_("走访慰问困难企业"),
        unit=_("家"),
        compute=_value("enterprises"),
        url=_statistics,
        order=62,
    ),
    Figure(
        key="assistance.students",
        label=_("金秋助学"),
        unit=_("人"),
        compute=_value("students"),
        url=_statistics,
        order=63,
    ),
)
