"""Browser journeys: the big screen renders its province map, totals and rolling lists with
every request answered by the site itself (no network beyond it); the leader's dashboard
draws its charts and links each count; the liaison sees their tasks first."""

import datetime as dt

import pytest

from gonghui.activities.tests.factories import make_activity
from gonghui.campaigns import services as campaign_services
from gonghui.campaigns.tests.factories import indicator, make_campaign

pytestmark = pytest.mark.browser


def _offline(page, live_server):
    """Refuse (and record) every request that leaves the live server."""
    outside = []

    def route(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    return outside


@pytest.mark.django_db(transaction=True)
def test_the_big_screen_draws_the_province_map_offline(fed, live_server, open_page):
    make_activity(
        fed.province_admin,
        organization=fed.zhengzhou,
        title="职工运动会",
        start=dt.date.today().replace(day=1),
        attendances=300,
    )
    page = open_page(fed.province_admin)
    page.set_viewport_size({"width": 1920, "height": 1080})
    outside = _offline(page, live_server)
    page.goto(f"{live_server.url}/screen/", wait_until="domcontentloaded", timeout=30_000)
    page.wait_for_selector("#screen[data-loaded='1']", timeout=30_000)
    page.wait_for_selector("#map canvas")
    assert "河南省总工会" in page.locator("header h1").inner_text()
    assert "职工运动会" in page.locator("#activities").inner_text()
    assert page.locator('.total[data-figure="activities.count"] .v').inner_text() == "1"
    assert page.locator("#regions").inner_text().startswith("郑州市总工会")
    box = page.locator("#screen").bounding_box()
    assert round(box["width"]) == 1920 and round(box["height"]) == 1080
    assert outside == []


@pytest.mark.django_db(transaction=True)
def test_the_leader_sees_progress_with_charts_and_the_liaison_their_tasks_first(
    fed, live_server, open_page
):
    campaign = make_campaign(fed)
    campaign_services.assign(
        by=fed.province_admin,
        campaign=campaign,
        indicators=[indicator(campaign, "01.01"), indicator(campaign, "02")],
        departments=[fed.basic_work_dept],
        liaison=fed.liaison,
        deadline=dt.date(2020, 6, 30),
    )
    page = open_page(fed.leader)
    outside = _offline(page, live_server)
    page.goto(f"{live_server.url}/?as_of=2020-07-01")
    page.wait_for_selector("#chart-partition canvas")
    page.wait_for_selector("#chart-groups canvas")
    overdue = page.locator('a[data-count="overdue"]')
    assert overdue.locator(".num").inner_text() == "2"
    overdue.click()
    page.wait_for_url(f"**/campaigns/{campaign.pk}/lookback/?status=overdue")
    assert page.locator("a[href^='/ledger/tasks/']").count() == 2
    assert outside == []

    page = open_page(fed.liaison)
    page.goto(f"{live_server.url}/?as_of=2020-07-01")
    cards = page.locator(".card h2").all_inner_texts()
    assert cards[0].startswith("我的任务")
