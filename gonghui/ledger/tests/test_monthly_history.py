"""A monthly report keeps its history: each verb and each 点评 at the meeting is one row, with
who, when, from which state to which, and the comment."""

import pytest

from gonghui.campaigns.tests.factories import assign_basic_work
from gonghui.core.exceptions import InvalidTransition
from gonghui.core.models import AuditEntry
from gonghui.ledger import services
from gonghui.ledger.models import MonthlyReport, MonthlyReportTransition

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(fed, campaign):
    assign_basic_work(fed, campaign, "01.02")
    return services.save_monthly_report(
        by=fed.liaison,
        campaign=campaign,
        organization=fed.henan,
        department=fed.basic_work_dept,
        period="2020-05",
        summary="五月开展读书分享会两场。",
    )


def rows(report):
    return [
        (r.verb, r.from_status, r.to_status, r.by, r.note)
        for r in MonthlyReportTransition.objects.filter(report=report)
    ]


def test_each_verb_and_each_comment_is_one_history_row(fed, draft):
    report = services.submit_monthly_report(by=fed.liaison, report=draft)
    report = services.withdraw_monthly_report(by=fed.liaison, report=report)
    report = services.submit_monthly_report(by=fed.liaison, report=report)
    services.review_monthly_report(by=fed.leader, report=report, comment="进度不错")
    services.review_monthly_report(
        by=fed.leader, report=report, comment="请补充活动照片", verb="return"
    )
    assert rows(report) == [
        ("submit", "draft", "submitted", fed.liaison, ""),
        ("withdraw", "submitted", "draft", fed.liaison, ""),
        ("submit", "draft", "submitted", fed.liaison, ""),
        ("comment", "submitted", "submitted", fed.leader, "进度不错"),
        ("return", "submitted", "returned", fed.leader, "请补充活动照片"),
    ]
    last = MonthlyReportTransition.objects.filter(report=report).last()
    assert (last.verb_label, last.from_label, last.to_label) == ("退回", "已提交", "已退回")
    stored = MonthlyReport.objects.get(pk=report.pk)
    assert (stored.status, stored.review_comment, stored.reviewed_by) == (
        "returned",
        "请补充活动照片",
        fed.leader,
    )
    assert stored.submitted_at is not None
    assert (
        AuditEntry.objects.filter(
            action="transition", target_type="ledger.monthlyreport", target_id=str(report.pk)
        ).count()
        == 4
    )


def test_a_refused_verb_leaves_no_history(fed, draft):
    with pytest.raises(InvalidTransition, match="当前状态为“草稿”"):
        services.review_monthly_report(by=fed.leader, report=draft, comment="好", verb="approve")
    assert rows(draft) == []
    assert MonthlyReport.objects.get(pk=draft.pk).status == "draft"


def test_a_stale_copy_cannot_submit_a_withdrawn_report_twice(fed, draft):
    stale = MonthlyReport.objects.get(pk=draft.pk)
    services.submit_monthly_report(by=fed.liaison, report=draft)
    with pytest.raises(InvalidTransition, match="状态已变为“已提交”"):
        services.submit_monthly_report(by=fed.liaison, report=stale)
    assert [r[0] for r in rows(draft)] == ["submit"]
