"""Moving the unmasking permission to core keeps everyone who held it able to unmask."""

import importlib

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType

from gonghui.accounts.models import Role, User
from gonghui.core.privacy import can_view_sensitive
from gonghui.people.models import Person
from gonghui.testing import make_user

migration = importlib.import_module(
    "gonghui.people.migrations.0003_sensitive_permission_moved_to_core"
)


def test_holders_of_people_view_sensitive_are_given_core_view_sensitive(fed):
    old = Permission.objects.create(
        content_type=ContentType.objects.get_for_model(Person), codename="view_sensitive", name="旧"
    )
    role = Role.objects.create(code="legacy", name="旧帮扶角色")
    role.permissions.add(old)
    by_role = make_user("by_role", org=fed.henan, role=role)
    direct = make_user("direct", org=fed.henan)
    direct.user_permissions.add(old)
    assert not can_view_sensitive(by_role) and not can_view_sensitive(direct)

    migration.forwards(apps, None)

    assert not Permission.objects.filter(pk=old.pk).exists()
    assert list(role.permissions.values_list("content_type__app_label", "codename")) == [
        ("core", "view_sensitive")
    ]
    assert can_view_sensitive(User.objects.get(pk=by_role.pk))
    assert can_view_sensitive(User.objects.get(pk=direct.pk))
    assert not can_view_sensitive(User.objects.get(pk=fed.province_admin.pk))


def test_the_move_is_reversible(fed):
    officer_role = fed.roles["assistance_officer"]
    migration.backwards(apps, None)
    assert ("people", "view_sensitive") in set(
        officer_role.permissions.values_list("content_type__app_label", "codename")
    )
    migration.forwards(apps, None)
    assert ("core", "view_sensitive") in set(
        officer_role.permissions.values_list("content_type__app_label", "codename")
    )
