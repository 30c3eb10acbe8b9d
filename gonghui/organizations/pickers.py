"""Picker sources for organisations and departments, scoped to the user who picks, and the
organisation field every app's forms share."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.core.pickers import PickerField, register

from .models import Department, Organization


def visible_organization(user, pk) -> Organization | None:
    """The organisation `pk` if the user can see it (a narrowing parameter of a picker)."""
    try:
        return Organization.objects.visible_to(user).filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        return None


def _organizations(user, *, parent=None, within=None):
    # A name search scans names anyway; reading the table beats walking a province's path index.
    qs = Organization.objects.visible_to(user, indexed=False)
    if parent is not None:
        org = visible_organization(user, parent)
        qs = qs.filter(parent=org) if org else qs.none()
    if within is not None:
        org = visible_organization(user, within)
        qs = qs.subtree(org.path) if org else qs.none()
    return qs


ORGANIZATIONS = register(
    "organization",
    model=Organization,
    choices=_organizations,
    search=lambda qs, term: qs.filter(name__contains=term).order_by("depth", "path"),
    label=lambda org: org.name,
    params=("parent", "within"),
)


def _departments(user, *, within=None, organization=None):
    qs = Department.objects.visible_to(user).select_related("organization")
    if within is not None:
        org = visible_organization(user, within)
        qs = qs.in_subtree(org) if org else qs.none()
    if organization is not None:
        org = visible_organization(user, organization)
        qs = qs.filter(organization=org) if org else qs.none()
    return qs


DEPARTMENTS = register(
    "department",
    model=Department,
    choices=_departments,
    search=lambda qs, term: qs.filter(
        Q(name__contains=term) | Q(organization__name__contains=term)
    ).order_by("org_path", "sort_order", "pk"),
    label=lambda d: f"{d.organization.display_name} · {d.name}",
    params=("within", "organization"),
)


class OrganizationChoiceField(PickerField):
    """An organisation within the user's scope, typed as "名称 #id", a bare id or an exact name.

    Forms narrow it with `scope(user, ...)` or by setting `queryset` to a scoped queryset.
    """

    default_error_messages = {
        "invalid_choice": _("找不到该组织，或不在您的管理范围内；请从提示中选择"),
    }

    def __init__(self, **kwargs):
        super().__init__(ORGANIZATIONS, **kwargs)

    def resolve_text(self, text: str):
        matches = list(self.queryset.filter(name=text)[:2])
        return matches[0] if len(matches) == 1 else None
