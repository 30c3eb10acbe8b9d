"""Browser journey from a nomination to the public notice on a phone: the grassroots union
submits, county, city and province forward, the province puts the list on notice, and a member
of the public reads masked names and objects on a phone."""

import pytest
from playwright.sync_api import expect

from gonghui.notices.models import Objection

from .factories import make_chain, nominate_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_from_nomination_to_the_public_notice_on_a_phone(fed, open_page):
    chain = make_chain(fed, bodies=())
    nomination = nominate_person(fed, chain)
    full_name = nomination.person.name

    page = open_page(chain.grassroots)
    page.goto(f"/honours/nominations/{nomination.pk}/")
    page.locator("#submit-nomination").click()
    expect(page.locator(".toolbar")).to_contain_text("已上报")
    for user in (chain.county, chain.city, chain.province):
        level = open_page(user)
        level.goto(f"/honours/nominations/{nomination.pk}/")
        level.fill("input[name=rank]", "1")
        level.locator("#forward-nomination").click()
        expect(level.locator(".messages")).to_contain_text("推荐上报")
    expect(level.locator(".toolbar")).to_contain_text("拟表彰")

    level.goto(f"/honours/{chain.round.pk}/")
    level.get_by_role("button", name="公示拟表彰对象").click()
    expect(level.locator(".toolbar")).to_contain_text("公示中")

    phone = open_page(phone=True)
    phone.goto("/notices/public/")
    phone.get_by_text("拟表彰对象公示").first.tap()
    expect(phone.locator("#notice-state")).to_have_text("公示中")
    entries = phone.locator("#notice-entries")
    expect(entries).to_contain_text(full_name[0] + "*")
    expect(entries).to_contain_text(chain.medal.name)
    assert full_name not in phone.content()
    assert nomination.person.phone not in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.fill("textarea[name=content]", "该同志的事迹材料与实际不符")
    phone.fill("input[name=name]", "钱明")
    phone.fill("input[name=phone]", "13800005555")
    phone.get_by_role("button", name="提交异议").tap()
    expect(phone.get_by_text("您的异议已收到")).to_be_visible()
    assert Objection.objects.filter(notice__title__contains=chain.round.name).count() == 1
