"""The number of organisations in scope, for the dashboards and the big screen."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.figures import Figure

from . import selectors

FIGURES = (
    Figure(
        key="organizations.count",
        label=_("组织"),
        unit=_("个"),
        compute=lambda user, period: selectors.num_organizations_for_user(user),
        url=lambda period: "/orgs/",
        group="people",
        order=1,
    ),
)
