"""User and role administration for system administrators (Django admin at /admin/)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Role, User


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "data_scope", "description")
    filter_horizontal = ("permissions",)
    search_fields = ("name", "code")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "display_name", "organization", "department", "role", "is_active")
    list_filter = ("role", "is_active", "is_superuser")
    search_fields = ("username", "display_name", "organization__name")
    # Organisations number in the hundred thousands: pick them by id, never in a dropdown.
    raw_id_fields = ("organization", "department", "person")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (
            _("组织与角色"),
            {"fields": ("display_name", "organization", "department", "role", "person")},
        ),
        (_("状态"), {"fields": ("is_active", "is_staff", "is_superuser", "last_login")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "password1", "password2", "organization", "role"),
            },
        ),
    )
    readonly_fields = ("last_login",)
