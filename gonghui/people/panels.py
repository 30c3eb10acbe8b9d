"""Blocks the people app shows on other apps' pages."""

from gonghui.core.panels import Panel

from . import selectors


def _organization_people(request, organization) -> dict:
    return {
        "org": organization,
        "people": selectors.people_of_organization(request.user, organization),
    }


PANELS = [
    Panel(
        slot="organization_detail",
        template="people/_organization_people.html",
        context=_organization_people,
        order=10,
    ),
]
