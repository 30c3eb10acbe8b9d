"""On a phone-sized screen: open the wish board, claim a wish, see it marked claimed."""

import pytest

from gonghui.wishes.models import Wish
from gonghui.wishes.tests.factories import make_wish
from gonghui.wishes.workflow import Status

pytestmark = pytest.mark.browser


@pytest.fixture
def phone_page(open_page):
    return open_page(phone=True)


@pytest.mark.django_db(transaction=True)
def test_claim_a_wish_on_a_phone(fed, live_server, phone_page):
    wish = make_wish(fed.grassroots, Status.PUBLISHED, title="一盏护眼台灯")
    page = phone_page
    page.goto(f"{live_server.url}/public/wishes/")
    card = page.locator(f'[data-wish="{wish.pk}"]')
    assert "一盏护眼台灯" in card.inner_text()
    assert "等待认领" in card.inner_text()
    # The card is a comfortable tap target and the page does not scroll sideways.
    box = card.bounding_box()
    assert box["height"] >= 44 and box["width"] > 300
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    card.tap()
    page.wait_for_url(f"**/public/wishes/{wish.pk}/")
    page.fill("input[name=name]", "李爱心")
    page.fill("input[name=phone]", "13700001111")
    page.get_by_role("button", name="确认认领").tap()
    page.wait_for_selector("text=认领成功")
    assert page.locator("#wish-state").inner_text() == "已认领"
    assert "13700001111" not in page.content()
    page.goto(f"{live_server.url}/public/wishes/?tab=claimed")
    assert "已认领" in page.locator(f'[data-wish="{wish.pk}"]').inner_text()
    assert Wish.objects.get(pk=wish.pk).status == Status.CLAIMED
