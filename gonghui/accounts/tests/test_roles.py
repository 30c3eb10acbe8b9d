"""Roles grant permissions through the role backend."""

from gonghui.core.privacy import can_view_sensitive


def test_role_permissions_apply(fed):
    assert fed.province_admin.has_perm("people.change_person")
    assert not fed.liaison.has_perm("people.change_person")


def test_only_assistance_officer_sees_sensitive(fed):
    assert can_view_sensitive(fed.officer)
    assert not can_view_sensitive(fed.province_admin)
    assert can_view_sensitive(fed.sysadmin)


def test_user_scope(fed):
    scope = fed.city_admin.scope
    assert scope.data_scope == "subtree"
    assert scope.org_path == fed.zhengzhou.path


def test_user_admin_for_system_admins_only(fed, client_for):
    fed.sysadmin.is_staff = True
    fed.sysadmin.save()
    assert client_for(fed.sysadmin).get("/admin/accounts/user/").status_code == 200
    assert client_for(fed.province_admin).get("/admin/accounts/user/").status_code == 302
