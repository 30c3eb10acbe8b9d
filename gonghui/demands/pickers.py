"""The picker of unions to handle a demand jointly (协办): those the demand may be routed to,
within the user's scope, searched by name."""

from django.http import Http404

from gonghui.core.pickers import register
from gonghui.organizations.models import Organization

from . import selectors


def _joint_unions(user, *, demand=None):
    try:
        found = selectors.get_demand_for_user(user, int(demand), for_write=True)
    except (Http404, TypeError, ValueError):
        return Organization.objects.none()
    return selectors.joint_targets(user, found)


JOINT_UNIONS = register(
    "demand_joint_union",
    model=Organization,
    choices=_joint_unions,
    search=lambda qs, term: qs.filter(name__contains=term).order_by("depth", "path"),
    label=lambda org: org.name,
    params=("demand",),
)
