"""Browser journeys of volunteering: a registered volunteer signs up on a phone, the organiser
checks them in and records the hours, and the team leader approves them; hours recorded
through the form reach the team leader too."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gonghui.volunteering import services
from gonghui.volunteering.models import ServiceHours

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def leader_approves(open_page, world, name):
    leader = open_page(world.leader)
    leader.goto("/volunteering/hours/")
    awaiting = leader.locator(".card", has_text="待我审核").locator("tr", has_text=name)
    awaiting.get_by_role("button", name="通过", exact=True).click()
    expect(leader.locator(".messages")).to_contain_text("已通过")
    row = leader.locator("table.responsive tr", has_text=name)
    expect(row).to_contain_text("已通过")


def test_sign_up_on_a_phone_check_in_and_hours_approved_by_the_team_leader(fed, world, open_page):
    volunteer = world.volunteers[0]
    # An event starting in a minute: hours may be recorded for it today.
    start = timezone.now() + dt.timedelta(minutes=1)
    event = services.create_event(
        by=fed.city_admin,
        organization=fed.zhengzhou,
        team=world.team,
        title="文明交通劝导",
        start_at=start,
        end_at=start + dt.timedelta(hours=3),
        capacity=5,
        is_public=True,
    )
    phone = open_page(phone=True)
    phone.goto("/volunteering/public/")
    card = phone.locator(".card", has_text="文明交通劝导")
    card.locator("input[name=code]").fill(volunteer.code)
    card.locator("input[name=phone]").fill("13900000000")
    card.get_by_role("button", name="报名").tap()
    expect(phone.locator(".messages")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    organiser = open_page(fed.city_admin)
    organiser.goto(f"/volunteering/events/{event.pk}/")
    row = organiser.locator("tr", has_text="王志强")
    expect(row).to_contain_text("已报名")
    row.get_by_role("button", name="签到").click()
    expect(organiser.locator("tr", has_text="王志强")).to_contain_text("已签到")
    organiser.get_by_role("button", name="结束活动").click()
    organiser.fill("input[name=hours]", "3")
    organiser.get_by_role("button", name="为已签到志愿者登记").click()
    expect(
        organiser.locator(".card", has_text="服务时长").locator("tr", has_text="王志强")
    ).to_contain_text("3")

    leader_approves(open_page, world, "王志强")
    assert ServiceHours.objects.get(volunteer=volunteer).status == "approved"


def test_hours_recorded_through_the_form_are_approved_by_the_team_leader(fed, world, open_page):
    volunteer = world.volunteers[1]
    organiser = open_page(fed.city_admin)
    organiser.goto("/volunteering/hours/new/")
    organiser.fill("input[name=volunteer]", volunteer.code)
    organiser.fill("input[name=team]", str(world.team.pk))
    organiser.fill("input[name=hours]", "2.5")
    organiser.fill("input[name=note]", "社区义诊引导")
    organiser.get_by_role("button", name="保存").click()
    organiser.wait_for_url("**/volunteering/hours/")
    expect(organiser.locator("tr", has_text="社区义诊引导")).to_contain_text("李秀英")

    leader_approves(open_page, world, "李秀英")
    assert ServiceHours.objects.get(volunteer=volunteer).status == "approved"
