"""Browser journeys: a respondent answers on a phone through a channel's public link (a matrix
among the questions) and the office's statistics count the answer; a quiz attempt on a phone,
scored, on the leaderboard; the 录入员 keys two paper questionnaires without the mouse and the
statistics count them."""

import os
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gonghui.surveys import services
from gonghui.surveys.models import QuizAttempt, Response
from gonghui.testing import make_user

from .factories import make_survey, questions

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(os.environ.get("GONGHUI_SCREENSHOTS", "/tmp/gonghui-screenshots"))


def opened(open_page, user=None, *, phone=False):
    """A page with room for a loaded machine (the browser suite runs beside other work)."""
    page = open_page(user, phone=phone)
    page.set_default_timeout(30_000)
    return page


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"surveys-{name}.png"), full_page=True)


def test_a_respondent_answers_on_a_phone_and_the_statistics_count_it(fed, open_page):
    survey = make_survey(fed, open=False)
    matrix = services.add_question(
        by=fed.province_admin,
        survey=survey,
        kind="matrix",
        text="您对办事大厅各方面的评价",
        rows=["窗口环境", "办事指南", "等候时间"],
    )
    services.publish_survey(by=fed.province_admin, survey=survey)
    scale, single, text = questions(survey)
    channel = survey.channels.get(code="hf")
    targets = list(survey.targets.order_by("sort_order"))

    phone = opened(open_page, phone=True)
    phone.goto(f"/surveys/a/{channel.access_key}/")
    expect(phone.locator("h1")).to_have_text(survey.title)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.get_by_label("学生").tap()
    for target, code in zip(targets, "123", strict=True):
        phone.locator(f'input[name="g{scale.id}_{target.pk}"][value="{code}"]').tap()
    phone.locator(f'input[name="q{single.id}"][value="2"]').tap()
    for row, code in zip(["r1", "r2", "r3"], "214", strict=True):
        phone.locator(f'input[name="g{matrix.id}_{row}"][value="{code}"]').tap()
    phone.locator(f'textarea[name="q{text.id}"]').fill("希望延长周末办事时间")
    shot(phone, "answer-phone")
    phone.get_by_role("button", name="提交问卷").tap()
    expect(phone.locator("h1")).to_have_text("提交成功，感谢您的参与！")
    shot(phone, "thanks-phone")

    stored = Response.objects.get(survey=survey)
    assert stored.answers[matrix.key] == "214" and stored.identity == "student"
    office = opened(open_page, fed.province_admin)
    office.goto(f"/surveys/{survey.pk}/statistics/")
    expect(office.locator("p.big").first).to_have_text("有效答卷 1 份")
    expect(office.locator("body")).to_contain_text("窗口环境")
    shot(office, "statistics-after-phone")


def test_a_quiz_attempt_on_a_phone_is_scored_and_ranked(fed, open_page):
    by = fed.province_admin
    quiz = services.create_quiz(
        by=by, organization=fed.henan, title="社会主义核心价值观答题", num_questions=3
    )
    for n in range(3):
        services.add_quiz_question(
            by=by, quiz=quiz, text=f"第{n + 1}题", options=["正确", "错误"], answer="A"
        )
    services.publish_quiz(by=by, quiz=quiz)
    other = services.start_attempt(quiz=quiz, name="李四", unit="省电信公司工会")
    services.finish_attempt(attempt=other, answers={str(other.question_ids[0]): "A"})

    phone = opened(open_page, phone=True)
    phone.goto(f"/surveys/q/{quiz.access_key}/")
    expect(phone.locator("h1")).to_have_text(quiz.title)
    phone.get_by_label("姓名").fill("张三")
    phone.get_by_label("单位").fill("省邮政分公司工会")
    phone.get_by_role("button", name="开始答题").tap()
    expect(phone.locator("fieldset")).to_have_count(3)  # drawn in random order
    for fieldset in phone.locator("fieldset").all():
        fieldset.get_by_label("A. 正确").tap()
    shot(phone, "quiz-attempt-phone")
    phone.get_by_role("button", name="交卷").tap()
    expect(phone.locator("p.big")).to_have_text("得分：100")
    shot(phone, "quiz-score-phone")
    phone.get_by_role("link", name="返回").tap()
    board = phone.locator("ol li")
    expect(board.nth(0)).to_have_text("张三（省邮政分公司工会）100")
    expect(board.nth(1)).to_have_text("李四（省电信公司工会）33")
    expect(phone.locator("p.muted").first).to_contain_text("参与 2 人次")
    shot(phone, "quiz-leaderboard-phone")
    assert QuizAttempt.objects.filter(quiz=quiz, finished_at__isnull=False).count() == 2


def test_the_data_entry_clerk_keys_two_paper_forms_without_the_mouse(fed, open_page):
    survey = make_survey(fed)
    luru = make_user("luru", org=fed.henan, role=fed.roles["data_entry"])
    page = opened(open_page, luru)
    page.goto(f"/surveys/{survey.pk}/paper/")
    scale, _single, _text = questions(survey)
    first = page.locator(f"#pq{scale.id}")
    for grid, choice in (("123", "1"), ("312", "3")):
        expect(first).to_be_focused()
        page.keyboard.type(grid)
        page.keyboard.press("Tab")
        page.keyboard.type(choice)
        if grid == "123":
            shot(page, "paper-entry")
        page.keyboard.press("Enter")
        expect(page.locator(".messages")).to_contain_text("已保存，请录入下一份")
    assert Response.objects.filter(survey=survey, source="paper").count() == 2
    assert sorted(r.answers[scale.key] for r in Response.objects.filter(survey=survey)) == [
        "123",
        "312",
    ]
    office = opened(open_page, fed.province_admin)
    office.goto(f"/surveys/{survey.pk}/statistics/")
    expect(office.locator("p.big").first).to_have_text("有效答卷 2 份")
    shot(office, "statistics-after-paper")


def test_the_office_publishes_the_results_and_a_phone_reads_the_notice(fed, open_page):
    survey = make_survey(fed)
    scale, single, _text = questions(survey)
    for n, grid in enumerate(["113", "123", "143"]):
        services.submit_response(
            survey=survey, raw_answers={scale.key: grid, single.key: "1"}, device_id=f"d{n}"
        )
    traffic = survey.targets.get(name="交通")
    services.record_problem(
        by=fed.province_admin, survey=survey, title="窗口排队时间长", target=traffic
    )

    office = opened(open_page, fed.province_admin)
    office.goto(f"/surveys/{survey.pk}/")
    office.locator("#results-button").click()
    expect(office.locator("#results-preview")).to_contain_text("满意率 100.00%")
    office.get_by_label("结果公布日期").fill(timezone.localdate().isoformat())
    office.get_by_label("结果说明").fill("感谢社会各界参与本次测评。")
    shot(office, "results-staff")
    office.locator("#results-submit").click()
    expect(office.locator(".messages")).to_contain_text("测评结果已公示")
    shot(office, "results-staff-published")
    office.locator("#results-notice-link").click()
    public_url = office.url

    phone = opened(open_page, phone=True)
    phone.goto(public_url)
    expect(phone.locator("#notice-state")).to_have_text("公示中")
    entries = phone.locator("#notice-entries")
    expect(entries.locator("tbody tr").first).to_contain_text("公安")
    expect(entries).to_contain_text("问题 1 个，已整改 0 个")
    expect(phone.locator("body")).to_contain_text("1. 窗口排队时间长（交通）：已记录")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "results-notice-phone")
