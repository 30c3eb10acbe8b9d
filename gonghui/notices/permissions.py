"""Who may read notices, withdraw them, handle objections and keep the working calendar."""

VIEW = "notices.view_notice"
MANAGE = "notices.change_notice"
HANDLE_OBJECTION = "notices.handle_objection"
CALENDAR = "core.change_calendarday"


def can_handle_objections(user, organization_id: int) -> bool:
    """Objections are read only by the handling staff of the notice's own organisation (not
    its parents, not its children): they carry a real name and a phone."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return user.has_perm(HANDLE_OBJECTION) and user.organization_id == organization_id
