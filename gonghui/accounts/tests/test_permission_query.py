"""The permissions a user holds, read in one query: their role's and their own, each once;
a superuser holds every permission; a user without a role only their own."""

from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gonghui.accounts.backends import RoleBackend


def expected(user) -> set[str]:
    perms = Permission.objects.filter(roles__users=user) | Permission.objects.filter(user=user)
    return {f"{p.content_type.app_label}.{p.codename}" for p in perms.distinct()}


def fresh(user):
    return type(user).objects.get(pk=user.pk)


def test_role_and_own_permissions_in_one_query(fed):
    user = fed.liaison
    own = Permission.objects.exclude(roles=user.role).first()
    user.user_permissions.add(own)
    own_name = f"{own.content_type.app_label}.{own.codename}"
    user = fresh(user)
    with CaptureQueriesContext(connection) as queries:
        perms = RoleBackend().get_all_permissions(user)
        assert user.has_perm(own_name)
    assert len(queries) == 1
    assert perms == expected(user)
    assert own_name in perms


def test_a_permission_granted_twice_is_listed_once_and_none_without_a_role(fed):
    user = fed.liaison
    user.user_permissions.add(*user.role.permissions.all()[:3])
    assert RoleBackend().get_all_permissions(fresh(user)) == expected(user)
    user.role = None
    user.save()
    user.user_permissions.clear()
    assert RoleBackend().get_all_permissions(fresh(user)) == set()


def test_a_superuser_holds_every_permission(fed):
    perms = RoleBackend().get_all_permissions(fresh(fed.sysadmin))
    assert len(perms) == Permission.objects.count()


def test_the_session_user_comes_with_role_and_organisation(fed):
    with CaptureQueriesContext(connection) as queries:
        user = RoleBackend().get_user(fed.city_admin.pk)
        assert (user.role.code, user.organization.name) == ("campaign_admin", "郑州市总工会")
    assert len(queries) == 1
