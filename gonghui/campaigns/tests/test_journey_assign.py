"""In the browser: the 创建办 admin searches a department and a liaison with the pickers and
divides a task to them."""

import pytest

from gonghui.campaigns.models import Assignment

from .factories import indicator, make_campaign

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_admin_divides_a_task_by_searching_department_and_liaison(fed, live_server, open_page):
    campaign = make_campaign(fed)
    page = open_page(fed.province_admin)
    page.goto(f"{live_server.url}/campaigns/{campaign.pk}/assign/")
    page.check(f'input[name=indicators][value="{indicator(campaign, "01").pk}"]')
    page.fill("input[name=departments__q]", "基层")
    choice = page.get_by_label("河南省总工会 · 基层工作部")
    choice.check()
    # A second search keeps what was already checked.
    page.fill("input[name=departments__q]", "宣传")
    page.get_by_label("河南省总工会 · 宣传教育部").wait_for()
    assert page.get_by_label("河南省总工会 · 基层工作部").is_checked()
    page.fill("input[name=liaison]", "liai")
    page.wait_for_selector(
        f'#id_liaison-options option[value="liaison（河南省总工会） #{fed.liaison.pk}"]',
        state="attached",
    )
    page.fill("input[name=liaison]", f"liaison（河南省总工会） #{fed.liaison.pk}")
    page.get_by_role("button", name="分工").click()
    page.wait_for_selector("text=已分工 2 项任务")
    made = Assignment.objects.filter(campaign=campaign)
    assert {(a.department_id, a.liaison_id) for a in made} == {
        (fed.basic_work_dept.pk, fed.liaison.pk)
    }
