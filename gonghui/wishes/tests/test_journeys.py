"""Browser journey of a 微心愿: staff record, vet and publish it; a member of the public claims
it on a phone; staff see it claimed without the claimant's full phone number."""

import pytest
from playwright.sync_api import expect

from gonghui.wishes.models import Wish
from gonghui.wishes.workflow import Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_publish_a_wish_and_the_public_claim_it_on_a_phone(fed, open_page):
    staff = open_page(fed.grassroots_admin)
    staff.goto("/wishes/new/")
    staff.fill("input[name=title]", "给女儿买一台学习用护眼台灯")
    staff.fill("textarea[name=description]", "孩子读高二，晚上在昏暗的灯下写作业")
    staff.fill("input[name=worker_name]", "刘桂兰")
    staff.fill("input[name=worker_phone]", "13912340000")
    staff.fill("textarea[name=hardship]", "丈夫因病去世，独自抚养孩子")
    staff.get_by_role("button", name="保存").click()
    expect(staff.locator(".messages")).to_contain_text("已录入微心愿：给女儿买一台学习用护眼台灯")
    expect(staff.locator(".toolbar")).to_contain_text("已征集")
    # The worker's name and phone are masked on the page.
    expect(staff.locator("#people-box")).not_to_contain_text("13912340000")

    staff.get_by_role("button", name="审核", exact=True).click()
    expect(staff.locator(".toolbar")).to_contain_text("已审核")
    staff.get_by_role("button", name="发布", exact=True).click()
    expect(staff.locator(".toolbar")).to_contain_text("认领中")
    wish = Wish.objects.get(title="给女儿买一台学习用护眼台灯")

    phone = open_page(phone=True)
    phone.goto("/public/wishes/")
    card = phone.locator(f'[data-wish="{wish.pk}"]')
    expect(card).to_contain_text("给女儿买一台学习用护眼台灯")
    expect(card).to_contain_text("等待认领")
    assert "丈夫因病去世" not in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    card.tap()
    phone.fill("input[name=name]", "赵热心")
    phone.fill("input[name=phone]", "13700002222")
    phone.get_by_role("button", name="确认认领").tap()
    expect(phone.get_by_text("认领成功")).to_be_visible()
    expect(phone.locator("#wish-state")).to_have_text("已认领")

    staff.reload()
    expect(staff.locator(".toolbar")).to_contain_text("已认领")
    expect(staff.locator("#people-box")).to_contain_text("认领人")
    expect(staff.locator("#people-box")).not_to_contain_text("13700002222")
    assert Wish.objects.get(pk=wish.pk).status == Status.CLAIMED
