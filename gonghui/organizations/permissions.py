"""Who may manage which organisations."""

from .models import Organization
from .scoping import DataScope

MANAGE_PERMISSION = "organizations.change_organization"


def can_manage_organization(user, organization: Organization) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if not user.has_perm(MANAGE_PERMISSION):
        return False
    return Organization.objects.visible_to(user).filter(pk=organization.pk).exists()


def can_write_in(user, permission: str, organization: Organization, department=None) -> bool:
    """May `user` write a record of `organization` (and `department`) under `permission`?

    A department-scoped user (a liaison) writes only for their own department."""
    if not user.is_authenticated or not user.has_perm(permission):
        return False
    if user.is_superuser:
        return True
    if user.scope.data_scope == DataScope.DEPARTMENT and (
        department is None or department.pk != user.department_id
    ):
        return False
    return Organization.objects.visible_to(user).filter(pk=organization.pk).exists()
