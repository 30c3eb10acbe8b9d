"""Data scope: each role sees exactly its part of the tree."""

from gonghui.organizations.models import Organization
from gonghui.organizations.scoping import DataScope
from gonghui.testing import assert_constant_calls, make_org, make_user


def names(qs):
    return set(qs.values_list("name", flat=True))


def test_superuser_sees_everything(fed):
    assert Organization.objects.visible_to(fed.sysadmin).count() == Organization.objects.count()


def test_province_admin_sees_own_subtree_only(fed):
    seen = names(Organization.objects.visible_to(fed.province_admin))
    assert {"河南省总工会", "郑州市总工会", "郑州宏达机械有限公司工会"} <= seen
    assert "娄底市总工会" not in seen
    assert "中华全国总工会" not in seen


def test_outsider_sees_nothing_of_henan(fed):
    seen = names(Organization.objects.visible_to(fed.outsider))
    assert seen == {"娄底恒通电力有限公司工会"}


def test_organization_only_scope(fed):
    role = fed.roles["leader"]
    role.data_scope = DataScope.ORGANIZATION
    role.save()
    user = make_user("org_only", org=fed.zhengzhou, role=role)
    assert names(Organization.objects.visible_to(user)) == {"郑州市总工会"}


def test_anonymous_sees_nothing(fed):
    from django.contrib.auth.models import AnonymousUser

    assert not Organization.objects.visible_to(AnonymousUser()).exists()


def test_subtree_is_one_range_query(fed):
    def more(indices):
        for i in indices:
            make_org(f"金水第{i}基层工会", parent=fed.jinshui)

    def subtree():
        return list(Organization.objects.subtree(fed.zhengzhou.path))

    assert assert_constant_calls(subtree, more) == [1, 1]


def test_within_intersects_with_scope(fed):
    from gonghui.people.models import Person
    from gonghui.testing import make_person

    make_person(fed.grassroots, name="甲")
    make_person(fed.loudi_grassroots, name="乙")
    assert {p.name for p in Person.objects.visible_to(fed.province_admin, within=fed.jinshui)} == {
        "甲"
    }
    # A subtree outside the scope yields nothing, not the other province's people.
    assert not Person.objects.visible_to(fed.province_admin, within=fed.loudi).exists()
    # An ancestor of the scope narrows nothing.
    assert Person.objects.visible_to(fed.city_admin, within=fed.henan).count() == 1


def test_unindexed_scope_gives_same_rows(fed):
    assert set(Organization.objects.visible_to(fed.province_admin, indexed=False)) == set(
        Organization.objects.visible_to(fed.province_admin)
    )
