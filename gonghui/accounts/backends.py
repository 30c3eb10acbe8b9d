"""Authentication backend: Django's model backend plus the permissions of the user's role."""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q


class RoleBackend(ModelBackend):
    def _get_group_permissions(self, user_obj):
        # Roles replace groups: a user's role grants its permissions.
        if not user_obj.role_id:
            return Permission.objects.none()
        return Permission.objects.filter(roles__id=user_obj.role_id)

    def get_all_permissions(self, user_obj, obj=None):
        """The user's own and their role's permissions, read in one query and kept for the
        request (the sidebar and the page's checks share it)."""
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                perms = Permission.objects.all()
            else:
                granted = Q(user=user_obj)
                if user_obj.role_id:
                    granted |= Q(roles__id=user_obj.role_id)
                perms = Permission.objects.filter(granted)
            user_obj._perm_cache = {
                f"{app}.{codename}"
                for app, codename in perms.values_list("content_type__app_label", "codename")
            }
        return user_obj._perm_cache
