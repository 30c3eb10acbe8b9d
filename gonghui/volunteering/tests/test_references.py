"""Volunteering forms name volunteers (by number), teams, leaders and organisations: each is
chosen from the whole scope (never a truncated list) and a reference outside the scope is "not
found" like one that does not exist, without its name. Recording hours on the page works, and the
public sign-up is rate-limited per IP."""

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.testing import make_person, make_user
from gonghui.volunteering import services
from gonghui.volunteering.models import Membership, ServiceHours, SignUp, Team

NO_VOLUNTEER = "在您的管理范围内没有该编号的志愿者"


@pytest.fixture
def loudi_volunteer(fed):
    person = make_person(fed.loudi, name="娄底志愿者乙", phone="13911112222")
    return services.register_volunteer(by=fed.sysadmin, person=person)


def test_recording_hours_on_the_page_saves_them(fed, world, client_for):
    volunteer = world.volunteers[0]
    response = client_for(fed.city_admin).post(
        "/volunteering/hours/new/",
        {
            "volunteer": volunteer.code.lower(),
            "team": f"{world.team.name} #{world.team.pk}",
            "hours": "2.5",
            "service_date": timezone.localdate().isoformat(),
            "note": "清理小广告",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/volunteering/hours/"
    record = ServiceHours.objects.get(volunteer=volunteer)
    assert (record.minutes, record.team, record.note) == (150, world.team, "清理小广告")
    assert record.recorded_by == fed.city_admin


def test_hours_for_a_volunteer_of_another_province_are_refused(
    fed, world, client_for, loudi_volunteer
):
    response = client_for(fed.city_admin).post(
        "/volunteering/hours/new/",
        {
            "volunteer": loudi_volunteer.code,
            "team": world.team.pk,
            "hours": "2",
            "service_date": timezone.localdate().isoformat(),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and NO_VOLUNTEER in html
    assert "娄底志愿者乙" not in html
    assert not ServiceHours.objects.exists()


@pytest.mark.parametrize("which", ["other province", "never issued"])
def test_adding_a_member_by_a_number_outside_the_scope_says_not_found(
    fed, world, client_for, loudi_volunteer, which
):
    code = loudi_volunteer.code if which == "other province" else "ZY2099999999"
    response = client_for(fed.city_admin).post(
        f"/volunteering/teams/{world.team.pk}/", {"volunteer": code}
    )
    html = response.content.decode()
    assert response.status_code == 200 and NO_VOLUNTEER in html
    assert "娄底志愿者乙" not in html
    assert not Membership.objects.filter(volunteer=loudi_volunteer).exists()


def test_adding_a_member_in_scope_by_number(fed, world, client_for):
    person = make_person(fed.zhengzhou, name="赵新队员")
    volunteer = services.register_volunteer(by=fed.city_admin, person=person)
    response = client_for(fed.city_admin).post(
        f"/volunteering/teams/{world.team.pk}/", {"volunteer": f"赵新队员 #{volunteer.code}"}
    )
    assert response.status_code == 302
    assert Membership.objects.filter(team=world.team, volunteer=volunteer).exists()


def test_organiser_cannot_sign_up_a_volunteer_of_another_province(
    fed, world, client_for, loudi_volunteer
):
    client = client_for(fed.city_admin)
    client.post(
        f"/volunteering/events/{world.event.pk}/signup/", {"volunteer": loudi_volunteer.code}
    )
    html = client.get(f"/volunteering/events/{world.event.pk}/").content.decode()
    assert NO_VOLUNTEER in html and "娄底志愿者乙" not in html
    assert not SignUp.objects.filter(volunteer=loudi_volunteer).exists()


def test_a_team_leader_beyond_the_first_five_hundred_users_can_be_chosen(fed, client_for):
    User.objects.bulk_create(
        User(username=f"zz{i:04d}", organization=fed.zhengzhou, password="!") for i in range(510)
    )
    last = User.objects.get(username="zz0509")
    response = client_for(fed.city_admin).post(
        "/volunteering/teams/new/",
        {
            "name": "青年突击队",
            "kind": "youth",
            "organization": f"{fed.zhengzhou.name} #{fed.zhengzhou.pk}",
            "leader": f"zz0509 #{last.pk}",
        },
    )
    assert response.status_code == 302
    assert Team.objects.get(name="青年突击队").leader == last


def test_a_team_leader_or_organisation_outside_the_scope_is_refused_without_a_name(fed, client_for):
    stranger = make_user("loudi_boss", org=fed.loudi, display_name="娄底队长丙")
    response = client_for(fed.city_admin).post(
        "/volunteering/teams/new/",
        {
            "name": "越界服务队",
            "kind": "youth",
            "organization": str(fed.loudi.pk),
            "leader": str(stranger.pk),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "找不到该组织，或不在您的管理范围内" in html
    assert "找不到该记录，或不在您的管理范围内" in html
    assert "娄底" not in html and "loudi_boss" not in html
    assert not Team.objects.filter(name="越界服务队").exists()


@pytest.fixture
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@override_settings(GONGHUI_PUBLIC_SIGNUPS_PER_IP=3)
def test_public_sign_up_page_is_rate_limited_per_ip(fed, world, client, fresh_cache):
    url = f"/volunteering/public/{world.event.pk}/signup/"
    for i in range(3):
        assert client.post(url, {"code": f"ZY2099{i:06d}", "phone": "1"}).status_code == 302
    v = world.volunteers[0]
    limited = client.post(url, {"code": v.code, "phone": v.person.phone})
    assert limited.status_code == 429
    assert "提交过于频繁，请稍后再试" in limited.content.decode()
    assert not world.event.signups.exists()
    other_ip = client.post(url, {"code": v.code, "phone": v.person.phone}, REMOTE_ADDR="10.0.0.9")
    assert other_ip.status_code == 302 and world.event.signups.count() == 1


@override_settings(GONGHUI_PUBLIC_SIGNUPS_PER_IP=3)
def test_public_sign_up_api_is_rate_limited_per_ip(fed, world, client, fresh_cache):
    url = f"/api/v1/volunteering/public/events/{world.event.pk}/signups"
    for i in range(3):
        response = client.post(
            url, {"code": f"ZY2099{i:06d}", "phone": "1"}, content_type="application/json"
        )
        assert response.status_code == 400
    v = world.volunteers[0]
    limited = client.post(
        url, {"code": v.code, "phone": v.person.phone}, content_type="application/json"
    )
    assert limited.status_code == 429
    assert limited.json() == {"detail": "提交过于频繁，请稍后再试"}
    assert not world.event.signups.exists()
