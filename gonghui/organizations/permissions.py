"""Who may manage which organisations."""

from .models import Organization

MANAGE_PERMISSION = "organizations.change_organization"


def can_manage_organization(user, organization: Organization) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if not user.has_perm(MANAGE_PERMISSION):
        return False
    return Organization.objects.visible_to(user).filter(pk=organization.pk).exists()
