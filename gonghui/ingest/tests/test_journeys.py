"""Browser journey of ingest: upload one of the project's sample reports (traditional characters
with pinyin inserted), read it normalised beside the extracted figures, confirm the proposed
activity and find it saved."""

import re

import pytest
from playwright.sync_api import expect

from gonghui.activities.models import Activity
from gonghui.ingest.demo import SAMPLES
from gonghui.ingest.models import Proposal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_upload_review_and_confirm_a_report(fed, open_page):
    page = open_page(fed.province_admin)
    page.goto("/ingest/upload/")
    expect(page.locator("input[name=organization]")).to_have_value(
        f"{fed.henan.name} #{fed.henan.pk}"
    )
    page.locator("input[name=file]").set_input_files(str(SAMPLES / "01_henan_meeting.txt"))
    page.get_by_role("button", name="上传并提取").click()

    # The review shows the repaired text (simplified, no pinyin) and the figures found in it.
    expect(page.locator(".messages")).to_contain_text("已导入，提取到")
    text = page.get_by_label("规范化后的正文")
    expect(text).to_contain_text("省总工会机关召开第三季度争创全国文明单位工作推进会")
    expect(text).not_to_contain_text("(huì)")
    row = page.locator("tr", has=page.locator("td.num", has_text=re.compile(r"^1240$")))
    expect(row).to_contain_text("份")

    proposal = Proposal.objects.filter(kind="activity").order_by("pk").first()
    card = page.locator(f"#proposal-{proposal.pk}")
    expect(card.locator(".badge", has_text="待确认")).to_be_visible()
    title = card.locator("input[name$='-title']").input_value()
    assert title and not title.endswith(("…", "..."))
    kind = card.locator("select[name$='-activity_type_code']")
    if not kind.input_value():
        kind.select_option(index=1)  # the reviewer chooses a type when none was recognised
    card.get_by_role("button", name="确认保存").click()

    expect(page.locator(".messages")).to_contain_text("已确认")
    card = page.locator(f"#proposal-{proposal.pk}")
    expect(card.locator(".badge", has_text="已确认")).to_be_visible()
    card.get_by_role("link", name="查看活动").click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    assert Activity.objects.filter(title=title, organization=fed.henan).exists()
