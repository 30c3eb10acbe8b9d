"""Browser journeys of the campaign office: 分工 on the assignment page, and the liaison finding
the task it was given."""

import pytest
from playwright.sync_api import expect

from gonghui.campaigns.models import Assignment

from .factories import assign_basic_work

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def pick_one(page, name, term):
    """Type into a picker and take its first suggestion, as a person choosing from the list."""
    box = page.locator(f"input[name={name}]")
    box.fill(term)
    option = page.locator(f"datalist#{box.get_attribute('list')} option").first
    option.wait_for(state="attached")
    box.fill(option.get_attribute("value"))


def test_campaign_office_assigns_an_indicator_to_a_department(fed, campaign, open_page):
    page = open_page(fed.province_admin)
    page.goto(f"/campaigns/{campaign.pk}/assign/")
    expect(page.get_by_role("heading", name="任务分工")).to_be_visible()
    page.get_by_label("01.02 活动照片").check()
    # Departments are found by typing and ticked among the matches.
    page.locator("input[name=departments__q]").fill("基层")
    page.locator(".picker-choice", has_text="基层工作部").locator("input").check()
    pick_one(page, "liaison", "liaison")
    page.fill("input[name=deadline]", "2020-09-30")
    page.get_by_role("button", name="分工", exact=True).click()

    # The look-back opens with the new task on it.
    page.wait_for_url(f"**/campaigns/{campaign.pk}/lookback/**")
    expect(page.locator(".messages")).to_contain_text("已分工 1 项任务")
    row = page.locator("tr", has_text="活动照片")
    expect(row).to_contain_text("基层工作部")
    expect(row).to_contain_text("2020年9月30日")
    assignment = Assignment.objects.get(campaign=campaign)
    assert assignment.department == fed.basic_work_dept
    assert assignment.liaison == fed.liaison


def test_liaison_finds_the_assigned_task_and_opens_its_ledger(fed, campaign, open_page):
    assign_basic_work(fed, campaign, code="01.01")
    page = open_page(fed.liaison)
    page.goto("/campaigns/tasks/")
    page.get_by_role("link", name="年度计划").first.click()
    expect(page.get_by_role("heading", name="01.01 年度计划")).to_be_visible()
    # The rules of the indicator are spelled out before anything is uploaded.
    expect(page.locator(".form-errors")).to_contain_text("提交前还需要")
    expect(page.get_by_role("button", name="提交审核")).to_be_visible()
