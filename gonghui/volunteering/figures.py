"""Headline figures of volunteering for the dashboards, the big screen and the reports."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.figures import Figure

from . import selectors

FIGURES = (
    Figure(
        key="volunteering.hours",
        label=_("志愿服务时长"),
        unit=_("小时"),
        compute=lambda user, period: selectors.approved_hours_between(
            user, period.start, period.end
        ),
        url=lambda period: "/volunteering/hours/?status=approved",
        order=20,
    ),
)
