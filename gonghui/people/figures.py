"""Headline counts of people (not tied to a period) for the dashboards and the big screen."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.figures import Figure

from . import selectors

FIGURES = (
    Figure(
        key="people.people",
        label=_("人员"),
        unit=_("人"),
        compute=lambda user, period: selectors.headline_counts(user)["num_people"],
        url=lambda period: "/people/",
        group="people",
        order=10,
    ),
    Figure(
        key="people.volunteers",
        label=_("志愿者"),
        unit=_("人"),
        compute=lambda user, period: selectors.headline_counts(user)["num_volunteers"],
        url=lambda period: "/people/?tag=volunteer",
        group="people",
        order=11,
    ),
    Figure(
        key="people.model_workers",
        label=_("劳模工匠"),
        unit=_("人"),
        compute=lambda user, period: selectors.headline_counts(user)["num_model_workers"],
        url=lambda period: "/people/?tag=model_worker",
        group="people",
        order=12,
    ),
)
