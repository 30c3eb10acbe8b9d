"""The sidebar registered by the apps, with the user's organisation and role."""

from django.utils.functional import SimpleLazyObject, lazy

from .navigation import sections_for, sidebar_html


def navigation(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    user = request.user
    return {
        # Built only by the pages that use them: base.html shows the rendered sidebar, a page
        # that lists the entries itself (the home page's shortcuts) reads the sections.
        "nav_sections": SimpleLazyObject(lambda: sections_for(user, request.path)),
        "nav_html": lazy(sidebar_html, str)(user, request.path),
        "current_org": user.organization if user.organization_id else None,
        "current_role": user.role if user.role_id else None,
    }
