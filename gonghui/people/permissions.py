"""Who may view and edit which people."""

from gonghui.core.privacy import can_view_sensitive
from gonghui.organizations.models import Organization

EDIT_PERMISSION = "people.change_person"
__all__ = ["can_edit_people_of", "can_view_sensitive"]


def can_edit_people_of(user, organization: Organization) -> bool:
    if not user.is_authenticated or not user.has_perm(EDIT_PERMISSION):
        return False
    if user.is_superuser:
        return True
    return Organization.objects.visible_to(user).filter(pk=organization.pk).exists()
