"""Browser journeys of a demand: a worker raises it on a phone and gets a ticket; the hotline
operator registers a call from the keyboard; the union routed to accepts and answers it; the
worker sees the answer with the ticket and phone digits and rates it; a leader reads the
statistics."""

import pytest
from playwright.sync_api import expect

from gonghui.demands import services
from gonghui.demands.models import Demand
from gonghui.demands.workflow import Status

from .factories import hotline_operator, make_demand

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_worker_raises_a_demand_on_a_phone_and_reads_the_answer(fed, open_page):
    phone = open_page(phone=True)
    phone.goto("/demands/public/new/")
    phone.select_option("select[name=receiving_org]", label="河南省总工会")
    phone.select_option("select[name=demand_type]", label="求助")
    phone.select_option("select[name=topic]", label="工资拖欠")
    phone.fill("input[name=summary]", "公司拖欠两个月工资")
    phone.fill("textarea[name=content]", "宏达机械车间工人两个月没发工资")
    phone.fill("input[name=worker_name]", "孙海涛")
    phone.fill("input[name=worker_phone]", "13655554321")
    phone.fill("input[name=employer]", "郑州宏达机械有限公司")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.get_by_role("button", name="提交诉求").tap()
    ticket = phone.locator("#ticket").inner_text().strip()
    demand = Demand.objects.get(ticket=ticket)
    assert demand.organization == fed.grassroots

    # The grassroots union it was routed to (by the employer's name) finds it in its list with
    # the name masked, then accepts, handles and answers it.
    staff = open_page(fed.grassroots_admin)
    staff.goto("/demands/")
    row = staff.locator("tr", has_text=ticket)
    expect(row).to_contain_text("孙**")
    expect(row).not_to_contain_text("13655554321")
    row.get_by_role("link").first.click()
    expect(staff.locator("#contact-box")).to_contain_text("孙**")
    expect(staff.locator("#contact-box")).not_to_contain_text("13655554321")
    staff.get_by_role("button", name="受理", exact=True).click()
    expect(staff.locator(".toolbar")).to_contain_text("已受理")
    staff.locator("form", has=staff.get_by_role("button", name="办理", exact=True)).locator(
        "input[name=note]"
    ).fill("已约谈企业负责人，核实工资发放表")
    staff.get_by_role("button", name="办理", exact=True).click()
    expect(staff.locator(".toolbar")).to_contain_text("办理中")
    expect(staff.locator("body")).to_contain_text("已约谈企业负责人")
    staff.fill("textarea[name=answer]", "经工会协调，企业将于本周五补发工资")
    staff.get_by_role("button", name="答复", exact=True).click()
    expect(staff.locator(".toolbar")).to_contain_text("已答复")

    # Wrong digits show nothing; the right ones show the answer, and the worker rates it.
    phone.goto("/demands/public/track/")
    phone.fill("input[name=ticket]", ticket)
    phone.fill("input[name=phone_last4]", "0000")
    phone.get_by_role("button", name="查询").tap()
    expect(phone.locator(".p-error")).to_contain_text("没有查到")
    expect(phone.locator("body")).not_to_contain_text("公司拖欠两个月工资")
    phone.fill("input[name=ticket]", ticket)
    phone.fill("input[name=phone_last4]", "4321")
    phone.get_by_role("button", name="查询").tap()
    expect(phone.locator("#demand-answer")).to_contain_text("企业将于本周五补发工资")
    expect(phone.locator("#demand-status")).to_have_text("已答复")
    phone.get_by_label("满意", exact=True).check()
    phone.get_by_role("button", name="提交评价").tap()
    expect(phone.get_by_text("感谢您的评价")).to_be_visible()
    assert Demand.objects.get(pk=demand.pk).status == Status.RATED


def test_the_hotline_operator_registers_a_call_from_the_keyboard(fed, open_page):
    fed.zhengzhou.region = "郑州市"
    fed.zhengzhou.save()
    operator = hotline_operator(fed)
    page = open_page(operator)
    page.goto("/demands/hotline/")
    # The cursor starts on the caller's number.
    page.keyboard.type("13811112222")
    page.fill("input[name=worker_name]", "钱小军")
    page.fill("input[name=location]", "郑州市二七区")
    page.select_option("select[name=demand_type]", label="咨询")
    page.select_option("select[name=topic]", label="社会保险")
    page.fill("input[name=summary]", "单位不给缴社保怎么办")
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("已登记职工诉求")
    expect(page.locator(".messages")).to_contain_text("郑州市总工会")
    demand = Demand.objects.get(summary="单位不给缴社保怎么办")
    assert demand.channel == "hotline" and demand.created_by == operator
    # The operator cannot handle it.
    page.goto(f"/demands/{demand.pk}/")
    expect(page.get_by_role("button", name="受理", exact=True)).to_have_count(0)


def test_a_city_union_transfers_down_and_the_leader_reads_the_statistics(fed, open_page):
    demand = make_demand(fed, by=fed.province_admin, receiving=fed.zhengzhou, channel="visit")
    services.accept_demand(demand=demand, by=fed.city_admin)
    page = open_page(fed.city_admin)
    page.goto(f"/demands/{demand.pk}/")
    page.select_option("select[name=to]", label="郑州市金水区总工会")
    page.fill("input[name=reason]", "属地办理")
    page.get_by_role("button", name="转办", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("已转办至郑州市金水区总工会")
    expect(page.locator("body")).to_contain_text("属地办理")

    leader = open_page(fed.leader)
    leader.goto("/demands/statistics/")
    expect(leader.locator(".stats")).to_contain_text("按时受理率")
    expect(leader.locator("#chart-channel canvas")).to_have_count(1)
