"""gen-scale: each app's generator adds its part of the scale province, once."""

import io

import pytest
from django.core.management import CommandError, call_command

from gonghui.accounts.models import User
from gonghui.core.scale import generators
from gonghui.organizations.models import Organization
from gonghui.people.models import Person
from gonghui.testing import make_org


def test_generators_are_discovered_in_installed_apps_order():
    assert [name for name, _fn in generators()] == [
        "组织机构",
        "人员",
        "账号与角色",
        "工会驿站",
        "帮扶救助",
        "职工诉求",
    ]


def test_gen_scale_builds_organisations_people_and_bench_accounts_once(db):
    make_org("中华全国总工会", kind=Organization.Kind.NATIONAL)
    out = io.StringIO()
    call_command("gen_scale", orgs=260, people=300, stdout=out)

    root = Organization.objects.get(name="规模测试省总工会")
    assert Organization.objects.subtree(root.path).count() == 260
    grassroots = Organization.objects.subtree(root.path).filter(kind=Organization.Kind.GRASSROOTS)
    assert Person.objects.filter(org_path__startswith=root.path).count() == 300
    assert not Person.objects.exclude(organization__in=grassroots).exists()
    assert User.objects.get(username="bench_province").organization == root
    assert User.objects.get(username="bench_city").organization.name == "测试1市总工会"
    assert "组织 260 个" in out.getvalue() and "人员 300 人" in out.getvalue()

    again = io.StringIO()
    call_command("gen_scale", orgs=260, people=300, stdout=again)
    assert "已存在" in again.getvalue()
    assert Person.objects.count() == 300


def test_gen_scale_refuses_too_few_organisations(db):
    with pytest.raises(CommandError, match="--orgs 太小"):
        call_command("gen_scale", orgs=5, people=10, stdout=io.StringIO())


def test_gen_scale_for_some_apps_runs_only_theirs_and_the_foundation():
    assert [name for name, _fn in generators({"stations"})] == [
        "组织机构",
        "人员",
        "账号与角色",
        "工会驿站",
    ]


def test_gen_scale_apps_option_builds_the_foundation_and_that_app(db):
    from gonghui.stations.models import Station

    make_org("中华全国总工会", kind=Organization.Kind.NATIONAL)
    out = io.StringIO()
    call_command("gen_scale", orgs=260, people=30, apps="stations", stdout=out)
    assert User.objects.filter(username="bench_province").exists()
    assert Station.objects.exists()
    assert "帮扶救助" not in out.getvalue() and "职工诉求" not in out.getvalue()
