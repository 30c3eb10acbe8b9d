"""Authentication backend: Django's model backend plus the permissions of the user's role."""

from django.contrib.auth.backends import ModelBackend


class RoleBackend(ModelBackend):
    def _get_group_permissions(self, user_obj):
        # Roles replace groups: a user's role grants its permissions.
        from django.contrib.auth.models import Permission

        if not user_obj.role_id:
            return Permission.objects.none()
        return Permission.objects.filter(roles__id=user_obj.role_id)
