"""The projected score, what is missing per indicator and grade, and the score page's scope."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from gonghui.campaigns import selectors, services
from gonghui.campaigns.models import Assignment, Progress

from .factories import indicator

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def mixed(fed, campaign):
    """01.01 (4 points, two departments): one approved, one awaiting review, self-graded B.
    01.02 (10 points, one department): approved, not yet self-graded.
    02 (6 points, one department): returned, self-graded A."""
    made = {}
    for code, depts in (
        ("01.01", [fed.basic_work_dept, fed.publicity_dept]),
        ("01.02", [fed.basic_work_dept]),
        ("02", [fed.basic_work_dept]),
    ):
        for a in services.assign(
            by=fed.province_admin,
            campaign=campaign,
            indicators=[indicator(campaign, code)],
            departments=depts,
        ):
            made[(code, a.department.name)] = a
    statuses = {
        ("01.01", "基层工作部"): Progress.APPROVED,
        ("01.01", "宣传教育部"): Progress.SUBMITTED,
        ("01.02", "基层工作部"): Progress.APPROVED,
        ("02", "基层工作部"): Progress.RETURNED,
    }
    for key, status in statuses.items():
        Assignment.objects.filter(pk=made[key].pk).update(status=status)
    grade = services.set_self_grade
    grade(by=fed.province_admin, indicator=indicator(campaign, "01.01"), grade="B")
    grade(by=fed.province_admin, indicator=indicator(campaign, "02"), grade="A")
    return made


def test_projection_counts_pending_and_ungraded_items_but_not_returned_ones(fed, campaign, mixed):
    score = selectors.score_for(campaign, fed.province_admin)
    # Nothing is both fully approved and self-graded yet.
    assert score.indicators == 0 and score.total == 0
    # 01.01 awaiting review at its self-grade B: 4 × 0.8; 01.02 approved, ungraded, at A: 10 × 1.
    assert score.projected_indicators == D("13.2") and score.projected == D("13.2")
    assert score.attainable == 20 and score.missing == D("6.8")
    gaps = {k: (g.num, g.points) for k, g in score.gaps.items()}
    assert gaps == {
        "open": (1, D(6)),  # 02 was returned
        "pending": (1, D("3.2")),
        "ungraded": (1, D(10)),
        "below_top": (1, D("0.8")),  # 01.01 at B instead of A
    }
    # The four reasons add up: projected − current and attainable − projected.
    assert gaps["pending"][1] + gaps["ungraded"][1] == score.projected - score.total
    assert gaps["open"][1] + gaps["below_top"][1] == score.missing
    rows = {r.code: r for r in score.rows}
    assert rows["01.01"].state == "pending" and rows["01.01"].waiting == ["宣传教育部"]
    assert rows["01.01"].by_grade == [("A", D(4)), ("B", D("3.2")), ("C", D("2.4"))]
    assert rows["02"].state == "open" and rows["02"].todo == [("基层工作部", "已退回")]
    assert rows["01.02"].is_projected_ungraded and rows["01.02"].grade == "A"
    # The parent item sums its two contents.
    assert rows["01"].current == 0 and rows["01"].projected == D("13.2")
    assert rows["01"].attainable == 14
    # The totals-only path (overview page, API) agrees.
    totals = selectors.score_for(campaign, fed.province_admin, by_unit=False)
    assert (totals.indicators, totals.projected_indicators, totals.attainable) == (
        0,
        D("13.2"),
        20,
    )


def test_approval_and_self_grade_move_points_from_projected_to_current(fed, campaign, mixed):
    Assignment.objects.filter(pk=mixed[("01.01", "宣传教育部")].pk).update(status=Progress.APPROVED)
    services.set_self_grade(
        by=fed.province_admin, indicator=indicator(campaign, "01.02"), grade="C"
    )
    score = selectors.score_for(campaign, fed.province_admin)
    assert score.indicators == D("3.2") + D(6)  # 4 × 0.8 + 10 × 0.6
    assert score.projected_indicators == score.indicators
    assert score.gaps["below_top"].points == D("0.8") + D(4)


def test_score_page_states_the_rule_and_what_is_missing(fed, campaign, mixed, client_for):
    html = client_for(fed.province_admin).get(reverse("campaigns:score", args=[campaign.pk]))
    html = html.content.decode()
    assert "预计得分：另把所有责任部门均已提交、正在等待审核的指标按审核通过预计" in html
    assert "尚未自评的按最高等级（A）预计" in html
    assert "已退回、进行中和未开始的任务不计入预计得分" in html
    current = html.split('id="stat-current"')[1].split("</div>")[0]
    projected = html.split('id="stat-projected"')[1].split("</div>")[0]
    assert "0.00" in current and "13.20" in projected
    assert "还差 6.80 分" in html
    row = html.split('id="i{}"'.format(indicator(campaign, "02").pk))[1].split("</tr>")[0]
    assert "待完成：基层工作部（已退回）" in row
    row = html.split('id="i{}"'.format(indicator(campaign, "01.01").pk))[1].split("</tr>")[0]
    assert "待审核：宣传教育部" in row and "自评 B 级，达到 A 级可再得 0.80 分" in row
    assert "A 4 · B 3.20 · C 2.40" in row


def test_department_liaison_sees_only_their_departments_share(fed, campaign, mixed, client_for):
    rules = {r.code: r for r in campaign.rules.all()}
    services.record_rule_occurrence(
        by=fed.province_admin, rule=rules["J1"], occurred_date=dt.date(2020, 5, 1), note="省级表彰"
    )
    score = selectors.score_for(campaign, fed.liaison)
    assert score.is_partial
    # 基层工作部 holds half of 01.01 (2 of 4 points), all of 01.02 (10) and of 02 (6).
    assert score.full == 18
    assert [u.name for u in score.units] == ["基层工作部"]
    assert score.bonus == 0 and score.vetoes == []
    # Its own tasks: 01.01 approved at B (2 × 0.8), 01.02 approved ungraded (10 × 1), 02 open.
    assert score.indicators == D("1.6")
    assert score.projected_indicators == D("1.6") + D(10)
    assert {r.code for r in score.rows} == {"01", "01.01", "01.02", "02"}
    assert all("宣传教育部" not in r.waiting for r in score.rows)
    response = client_for(fed.liaison).get(reverse("campaigns:score", args=[campaign.pk]))
    html = response.content.decode()
    assert response.status_code == 200 and 'id="partial-note"' in html
    assert "宣传教育部" not in html and "省级表彰" not in html and "获表彰" not in html
    api = client_for(fed.liaison).get(f"/api/v1/campaigns/{campaign.pk}/score").json()
    assert D(str(api["full"])) == 18 and D(str(api["bonus"])) == 0
    # The campaign office sees the whole campaign with its bonus.
    whole = selectors.score_for(campaign, fed.province_admin)
    assert not whole.is_partial and whole.bonus == 3 and whole.full == 20
