"""The pickers of unions for a demand, within the user's scope, searched by name: those to
handle it jointly (协办: the unions it may be routed to) and those to hand it down to (转办: the
unions below the one holding it)."""

from django.http import Http404

from gonghui.core.pickers import register
from gonghui.organizations.models import Organization

from . import selectors


def _demand(user, demand):
    try:
        return selectors.get_demand_for_user(user, int(demand), for_write=True)
    except (Http404, TypeError, ValueError):
        return None


def _joint_unions(user, *, demand=None):
    found = _demand(user, demand)
    return selectors.joint_targets(user, found) if found else Organization.objects.none()


def _transfer_unions(user, *, demand=None):
    found = _demand(user, demand)
    return selectors.transfer_targets(user, found) if found else Organization.objects.none()


def _by_name(qs, term):
    return qs.filter(name__contains=term).order_by("depth", "path")


JOINT_UNIONS = register(
    "demand_joint_union",
    model=Organization,
    choices=_joint_unions,
    search=_by_name,
    label=lambda org: org.name,
    params=("demand",),
)

TRANSFER_UNIONS = register(
    "demand_transfer_union",
    model=Organization,
    choices=_transfer_unions,
    search=_by_name,
    label=lambda org: org.name,
    params=("demand",),
)
