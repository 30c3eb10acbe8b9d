"""Who may record and edit activities: the permission plus the organisation (and, for a
department-scoped liaison, the department) inside the user's scope."""

from gonghui.organizations.models import Organization
from gonghui.organizations.permissions import can_write_in

ADD_PERMISSION = "activities.add_activity"
CHANGE_PERMISSION = "activities.change_activity"
DELETE_PERMISSION = "activities.delete_activity"
MANAGE_TYPES_PERMISSION = "activities.change_activitytype"


def can_record_in(user, organization: Organization, department=None) -> bool:
    return can_write_in(user, ADD_PERMISSION, organization, department)


def can_change(user, activity, *, permission: str = CHANGE_PERMISSION) -> bool:
    if not user.is_authenticated or not user.has_perm(permission):
        return False
    if user.is_superuser:
        return True
    return type(activity).objects.visible_to(user).filter(pk=activity.pk).exists()
