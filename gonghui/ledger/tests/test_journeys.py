"""Browser journeys of the ledger: the liaison uploads evidence and submits it with the month's
report, the leader reviews both at the monthly meeting, and the look-back shows the task done;
a returned item comes back to the liaison with the leader's comment."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gonghui.campaigns.models import Progress
from gonghui.campaigns.tests.factories import assign_basic_work, png_bytes
from gonghui.ledger.models import MonthlyReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _photos():
    return [
        {"name": f"现场照片{i}.png", "mimeType": "image/png", "buffer": png_bytes(i)}
        for i in (1, 2)
    ]


def liaison_uploads_and_submits(page, assignment):
    page.goto(f"/ledger/tasks/{assignment.pk}/")
    expect(page.locator(".form-errors")).to_contain_text("提交前还需要")
    page.locator("input[name=files]").set_input_files(_photos())
    page.get_by_role("button", name="上传", exact=True).click()
    expect(page.get_by_role("link", name="现场照片1.png")).to_be_visible()
    expect(page.get_by_role("link", name="现场照片2.png")).to_be_visible()
    expect(page.get_by_text("资料符合上传要求")).to_be_visible()
    page.get_by_role("button", name="提交审核").click()
    expect(page.locator(".toolbar .badge")).to_have_text("已提交")


def test_evidence_goes_from_upload_to_the_meeting_to_done_in_the_look_back(
    fed, campaign, open_page
):
    assignment = assign_basic_work(fed, campaign, code="01.02")
    period = timezone.localdate().strftime("%Y-%m")

    # The liaison uploads two photos, submits them, and reports the month.
    liaison = open_page(fed.liaison)
    liaison_uploads_and_submits(liaison, assignment)
    liaison.goto(f"/ledger/monthly/?campaign={campaign.pk}&period={period}")
    liaison.fill("textarea[name=summary]", "本月完成学雷锋志愿服务活动照片的收集和上传。")
    liaison.locator("label", has_text="01.02 活动照片").locator("input[type=checkbox]").check()
    liaison.get_by_role("button", name="保存并提交").click()
    expect(liaison.locator(".messages")).to_contain_text("月度汇报已提交")

    # The leader opens the meeting, reviews the evidence the report lists, then the report.
    leader = open_page(fed.leader)
    leader.goto(f"/ledger/meeting/?campaign={campaign.pk}&period={period}")
    card = leader.locator(".card", has_text="基层工作部")
    expect(card).to_contain_text("本月完成学雷锋志愿服务活动照片的收集和上传。")
    expect(card.locator(".badge").first).to_have_text("已提交")
    card.get_by_role("link", name="01.02 活动照片").click()
    expect(leader.get_by_role("heading", name="01.02 活动照片")).to_be_visible()
    leader.fill("textarea[name=comment]", "照片清晰，符合要求。")
    leader.get_by_role("button", name="通过", exact=True).click()
    expect(leader.locator(".toolbar .badge")).to_have_text("已通过")

    leader.goto(f"/ledger/meeting/?campaign={campaign.pk}&period={period}")
    card = leader.locator(".card", has_text="基层工作部")
    card.locator("textarea[name=comment]").fill("进度良好，继续保持。")
    card.get_by_role("button", name="审阅通过").click()
    expect(leader.locator(".messages")).to_contain_text("月度汇报已审阅通过")
    card = leader.locator(".card", has_text="基层工作部")
    expect(card).to_contain_text("进度良好，继续保持。")
    expect(card.locator(".badge").first).to_have_text("已审阅")
    expect(card.get_by_role("button", name="审阅通过")).to_have_count(0)
    assert MonthlyReport.objects.get(campaign=campaign).status == "approved"

    # The campaign office's look-back shows the task done.
    office = open_page(fed.province_admin)
    office.goto(f"/campaigns/{campaign.pk}/lookback/")
    row = office.locator("tr", has_text="活动照片")
    expect(row).to_contain_text("基层工作部")
    expect(row).to_contain_text("已通过")
    assignment.refresh_from_db()
    assert assignment.status == Progress.APPROVED


def test_returned_evidence_comes_back_to_the_liaison_with_the_comment(fed, campaign, open_page):
    assignment = assign_basic_work(
        fed, campaign, code="01.02", deadline=timezone.localdate() + dt.timedelta(days=30)
    )
    liaison = open_page(fed.liaison)
    liaison_uploads_and_submits(liaison, assignment)

    leader = open_page(fed.leader)
    leader.goto(f"/ledger/tasks/{assignment.pk}/")
    leader.fill("textarea[name=comment]", "缺少活动现场全景照片，请补充。")
    leader.get_by_role("button", name="退回").click()
    expect(leader.locator(".toolbar .badge")).to_have_text("已退回")

    liaison.reload()
    expect(liaison.locator(".toolbar .badge")).to_have_text("已退回")
    expect(liaison.get_by_text("缺少活动现场全景照片，请补充。")).to_be_visible()
    expect(liaison.get_by_role("button", name="重新提交")).to_be_visible()
