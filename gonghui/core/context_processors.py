"""The sidebar registered by the apps, with the user's organisation and role."""

from .navigation import sections_for


def navigation(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    user = request.user
    return {
        "nav_sections": sections_for(user, request.path),
        "current_org": user.organization if user.organization_id else None,
        "current_role": user.role if user.role_id else None,
    }
