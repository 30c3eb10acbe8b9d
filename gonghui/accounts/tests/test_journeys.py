"""Browser journey of an outsider: signing in through the login page as a union in another
province, they see none of the victim's people, wishes, campaign, ledger or volunteers, in
lists, searches or by typing a record's address."""

import pytest
from playwright.sync_api import expect

from gonghui.campaigns.tests.factories import assign_basic_work, make_campaign
from gonghui.testing import make_person
from gonghui.volunteering import services as volunteering
from gonghui.wishes.tests.factories import make_wish
from gonghui.wishes.workflow import Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VICTIM_NAMES = ["郭秘密", "给郭家孩子买书包", "2020年争创全国文明单位", "红色星期六"]


def test_an_outsider_sees_none_of_the_victims_data(fed, open_page):
    person = make_person(fed.grassroots, name="郭秘密")
    wish = make_wish(fed.grassroots, Status.COLLECTED, title="给郭家孩子买书包")
    campaign = make_campaign(fed)
    assignment = assign_basic_work(fed, campaign)
    volunteer = volunteering.register_volunteer(by=fed.city_admin, person=person)

    page = open_page()
    page.goto("/accounts/login/")
    page.fill("input[name=username]", "outsider")
    page.fill("input[name=password]", "pw-gonghui-123")
    page.get_by_role("button", name="登录").click()
    expect(page.locator(".topbar")).to_contain_text("娄底恒通电力有限公司工会")

    lists = [
        "/people/",
        "/people/?q=郭秘密",
        "/wishes/",
        "/campaigns/",
        "/campaigns/tasks/",
        "/ledger/",
        "/ledger/meeting/",
        "/volunteering/volunteers/",
        f"/volunteering/volunteers/?q={volunteer.code}",
    ]
    for url in lists:
        response = page.goto(url)
        assert response.status in (200, 403), url
        # What the page shows (a search box keeps the typed words, which is not a leak).
        shown = page.locator("body").inner_text()
        for name in VICTIM_NAMES:
            assert name not in shown, (url, name)

    details = [
        f"/people/{person.pk}/",
        f"/people/{person.pk}/edit/",
        f"/wishes/{wish.pk}/",
        f"/campaigns/{campaign.pk}/",
        f"/campaigns/{campaign.pk}/lookback/",
        f"/ledger/tasks/{assignment.pk}/",
        f"/volunteering/volunteers/{volunteer.pk}/",
    ]
    for url in details:
        response = page.goto(url)
        assert response.status == 404, (url, response.status)
        for name in VICTIM_NAMES:
            assert name not in page.content(), (url, name)
