"""Picker source for user accounts: those of the organisations the picking user can see."""

from django.db.models import Q

from gonghui.core.pickers import register
from gonghui.organizations.models import Organization
from gonghui.organizations.pickers import visible_organization

from .models import User


def _users(user, *, within=None, role=None):
    if within is not None:
        org = visible_organization(user, within)
        orgs = (
            Organization.objects.visible_to(user, within=org)
            if org
            else Organization.objects.none()
        )
    else:
        orgs = Organization.objects.visible_to(user)
    qs = User.objects.filter(is_active=True, organization__in=orgs.values("pk")).select_related(
        "organization"
    )
    if role:
        qs = qs.filter(role__code=role)
    return qs


USERS = register(
    "user",
    model=User,
    choices=_users,
    search=lambda qs, term: qs.filter(
        Q(username__icontains=term) | Q(display_name__contains=term)
    ).order_by("username"),
    label=lambda u: f"{u}（{u.organization.display_name}）" if u.organization_id else str(u),
    params=("within", "role"),
)
