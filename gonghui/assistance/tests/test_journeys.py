"""Browser journey of a needy worker's household: the grassroots union enters the archive and
reviews it (录入, 基层审核), the city union approves it (上级审批), the 帮扶专员 establishes it
with a de-identified 公示 (建档), puts it on a Spring Festival batch, approves and pays it
(发放). Sensitive values stay masked on every page along the way.

Set GONGHUI_SCREENSHOTS to a directory to keep screenshots of the pages."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from gonghui.assistance.models import Archive, Batch, ReliefRecord
from gonghui.assistance.workflow import BatchStatus, Status
from gonghui.notices.models import Notice
from gonghui.testing import valid_id_number

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ID_NUMBER = valid_id_number(8181)
PHONE = "13937371234"
ACCOUNT = "6222024455667788990"


def _shot(page, name: str) -> None:
    folder = os.environ.get("GONGHUI_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _no_secrets(page) -> None:
    body = page.locator("body")
    for secret in (ID_NUMBER, PHONE, ACCOUNT, "肝硬化"):
        expect(body).not_to_contain_text(secret)


def _act(page, label: str) -> None:
    page.locator(".card form").filter(
        has=page.get_by_role("button", name=label, exact=True)
    ).get_by_role("button", name=label, exact=True).click()


def test_enter_review_approve_establish_and_pay_a_household(fed, open_page):
    # 录入 by the grassroots union of the worker's employer.
    entry = open_page(fed.grassroots_admin)
    entry.goto("/assistance/new/")
    entry.fill("input[name=worker_name]", "周玉兰")
    entry.fill("input[name=id_number]", ID_NUMBER)
    entry.fill("input[name=phone]", PHONE)
    entry.fill("input[name=health]", "肝硬化")
    entry.fill("input[name=household_size]", "3")
    entry.fill("input[name=monthly_income_fen]", "1800")
    entry.fill("input[name=local_standard_fen]", "750")
    entry.get_by_label("因病").check()
    entry.fill("input[name=bank_name]", "工商银行金水支行")
    entry.fill("input[name=bank_account]", ACCOUNT)
    entry.get_by_role("button", name="保存").click()
    expect(entry.locator(".messages")).to_contain_text("已录入困难职工档案")
    archive = Archive.objects.get(worker_name="周玉兰")
    expect(entry.locator("h1")).to_contain_text("周**")
    _no_secrets(entry)

    # Submitted and reviewed (基层审核) by the grassroots union.
    _act(entry, "提交")
    expect(entry.locator(".toolbar")).to_contain_text("待基层审核")
    _act(entry, "基层审核")
    expect(entry.locator(".toolbar")).to_contain_text("待上级审批")
    # The grassroots union cannot approve its own archive.
    expect(entry.get_by_role("button", name="通过", exact=True)).to_have_count(0)

    # 上级审批 by the city union.
    city = open_page(fed.city_admin)
    city.goto(f"/assistance/{archive.pk}/")
    _no_secrets(city)
    _act(city, "通过")
    expect(city.locator(".toolbar")).to_contain_text("待建档")

    # 建档 by the 帮扶专员, with the tier the system proposed and a 公示 in the unit.
    helper = open_page(fed.officer)
    helper.goto(f"/assistance/{archive.pk}/")
    helper.get_by_label("在本单位公示（姓名脱敏）").check()
    _act(helper, "建档")
    expect(helper.locator(".toolbar")).to_contain_text("在档")
    expect(helper.locator("#archive-noticed")).to_be_visible()
    _no_secrets(helper)
    _shot(helper, "assistance-archive")
    archive.refresh_from_db()
    assert archive.status == Status.ACTIVE and archive.review_due_date is not None
    notice = Notice.objects.get(source_id=archive.pk, source_type__model="archive")
    public = open_page()
    public.goto(f"/notices/public/{notice.pk}/")
    expect(public.locator("body")).to_contain_text("周**")
    expect(public.locator("body")).not_to_contain_text("周玉兰")
    _no_secrets(public)

    # 发放: the 帮扶专员 plans a batch, fills it, approves it and pays it.
    helper.goto("/assistance/batches/new/")
    helper.fill("input[name=name]", "2026年春节送温暖")
    helper.select_option("select[name=programme]", label="送温暖慰问")
    helper.select_option("select[name=fund_source]", label="上级拨款")
    helper.fill("input[name=budget_fen]", "5000")
    helper.get_by_role("button", name="保存").click()
    batch = Batch.objects.get(name="2026年春节送温暖")
    expect(helper.locator("h1")).to_contain_text("2026年春节送温暖")
    helper.fill("input[name=amount_fen]", "800")
    helper.get_by_role("button", name="列入名单").click()
    expect(helper.locator("table.list").first).to_contain_text(archive.number)
    expect(helper.locator("table.list").first).to_contain_text("周**")
    _act(helper, "通过")
    expect(helper.locator(".toolbar")).to_contain_text("已审批")
    _act(helper, "发放")
    expect(helper.locator(".toolbar")).to_contain_text("已发放")
    _no_secrets(helper)
    _shot(helper, "assistance-batch")
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PAID and batch.total_fen == 80000
    paid = ReliefRecord.objects.get(batch=batch)
    assert (paid.archive_id, paid.amount_fen) == (archive.pk, 80000)

    # The household's page lists the payment; the list shows the archive masked.
    helper.goto(f"/assistance/{archive.pk}/")
    expect(helper.locator("body")).to_contain_text("2026年春节送温暖")
    helper.goto("/assistance/")
    expect(helper.locator("body")).to_contain_text(archive.number)
    _no_secrets(helper)
    _shot(helper, "assistance-list")
    helper.goto("/assistance/statistics/")
    expect(helper.locator("body")).to_contain_text("800")
    _shot(helper, "assistance-statistics")

    # Someone of another province sees none of it.
    outsider = open_page(fed.outsider)
    outsider.goto("/assistance/")
    expect(outsider.locator("body")).not_to_contain_text(archive.number)
    response = outsider.goto(f"/assistance/{archive.pk}/")
    assert response.status == 404
