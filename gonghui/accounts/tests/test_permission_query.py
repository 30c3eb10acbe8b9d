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
    """The user as a request reads them: with role and organisation."""
    return type(user).objects.select_related("role", "organization").get(pk=user.pk)


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


def test_permissions_are_kept_per_user_until_the_role_or_the_user_changes(fed):
    user = fed.liaison
    first = RoleBackend().get_all_permissions(fresh(user))
    with CaptureQueriesContext(connection) as queries:
        assert RoleBackend().get_all_permissions(fresh(user)) == first
    assert len(queries) == 1  # the user row only: the permissions were kept

    # A permission taken from the role is gone on the next request, in any process: the
    # role's stamp changed, and it comes with the user row.
    dropped = user.role.permissions.first()
    user.role.permissions.remove(dropped)
    name = f"{dropped.content_type.app_label}.{dropped.codename}"
    after = RoleBackend().get_all_permissions(fresh(user))
    assert name in first and name not in after
    assert after == expected(user)

    # Granted to the user directly, and taken away again, from the permission's side.
    user.user_permissions.add(dropped)
    assert name in RoleBackend().get_all_permissions(fresh(user))
    dropped.user_set.remove(user)
    assert name not in RoleBackend().get_all_permissions(fresh(user))

    # Another role: other permissions at once.
    other = type(user.role).objects.exclude(pk=user.role_id).first()
    user.role = other
    user.save()
    assert RoleBackend().get_all_permissions(fresh(user)) == expected(fresh(user))


def test_a_permission_cleared_from_its_side_reaches_every_role(fed):
    user = fed.liaison
    permission = user.role.permissions.first()
    name = f"{permission.content_type.app_label}.{permission.codename}"
    assert name in RoleBackend().get_all_permissions(fresh(user))
    permission.roles.clear()
    assert name not in RoleBackend().get_all_permissions(fresh(user))
