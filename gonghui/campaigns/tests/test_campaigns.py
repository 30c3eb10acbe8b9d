import datetime as dt
from decimal import Decimal

import pytest

from gonghui.campaigns import scheduling, selectors, services
from gonghui.campaigns.models import (
    Assignment,
    CampaignIndicator,
    FrameworkNode,
    Notification,
    Progress,
)
from gonghui.core.exceptions import PermissionDenied

from .factories import assign_basic_work, indicator

pytestmark = pytest.mark.django_db


def test_campaign_keeps_a_frozen_copy_of_the_framework(fed, campaign):
    node = FrameworkNode.objects.get(version=campaign.framework_version, code="01.02")
    node.full_score = 99
    node.name = "改过的名称"
    node.save()
    copy = indicator(campaign, "01.02")
    assert copy.full_score == 10 and copy.name == "活动照片"
    assert copy.parent.code == "01" and copy.is_leaf and not copy.parent.is_leaf


def test_bulk_assignment_of_an_item_assigns_every_leaf_to_every_unit(fed, campaign):
    made = services.assign(
        by=fed.province_admin,
        campaign=campaign,
        indicators=[indicator(campaign, "01")],
        departments=[fed.basic_work_dept, fed.publicity_dept],
        deadline=dt.date(2020, 8, 31),
    )
    assert len(made) == 4
    again = services.assign(
        by=fed.province_admin,
        campaign=campaign,
        indicators=[indicator(campaign, "01.01")],
        departments=[fed.basic_work_dept],
        liaison=fed.liaison,
    )
    assert Assignment.objects.count() == 4
    assert again[0].liaison == fed.liaison and again[0].deadline == dt.date(2020, 8, 31)


def test_liaison_and_outsider_cannot_divide_tasks(fed, campaign):
    for user in (fed.liaison, fed.outsider, fed.leader):
        with pytest.raises(PermissionDenied):
            services.assign(
                by=user,
                campaign=campaign,
                indicators=[indicator(campaign, "02")],
                departments=[fed.basic_work_dept],
            )


def test_my_tasks_for_liaison_and_department(fed, campaign):
    assign_basic_work(fed, campaign, "01.02")
    services.assign(
        by=fed.province_admin,
        campaign=campaign,
        indicators=[indicator(campaign, "02")],
        departments=[fed.publicity_dept],
    )
    assert [a.indicator.code for a in selectors.my_tasks(fed.liaison)] == ["01.02"]
    assert list(selectors.my_tasks(fed.outsider)) == []


def test_backward_schedule_uses_method_lead_times_and_flags_delays():
    s = scheduling.schedule_for(
        assessment_date=dt.date(2020, 11, 30), lead_days=None, methods=["问卷调查", "材料审核"]
    )
    assert s.lead_days == 45 and s.latest_finish == dt.date(2020, 10, 16)
    assert s.latest_start == dt.date(2020, 9, 16)
    assert scheduling.behind_schedule(s, "not_started", dt.date(2020, 9, 20)) == "应已启动"
    assert scheduling.behind_schedule(s, "in_progress", dt.date(2020, 9, 20)) == ""
    assert scheduling.behind_schedule(s, "in_progress", dt.date(2020, 10, 12)) == "应已提交审核"
    assert scheduling.behind_schedule(s, "approved", dt.date(2020, 12, 1)) == ""
    own = scheduling.schedule_for(
        assessment_date=dt.date(2020, 11, 30), lead_days=10, methods=["问卷调查"]
    )
    assert own.latest_finish == dt.date(2020, 11, 20)


def test_lookback_filters_and_overdue(fed, campaign):
    a = assign_basic_work(fed, campaign, "01.02", deadline=dt.date(2020, 6, 30))
    rows = selectors.lookback_rows(
        campaign,
        selectors.lookback_queryset(campaign, fed.province_admin),
        today=dt.date(2020, 7, 1),
    )
    assert rows[0].status == "overdue" and rows[0].status_label == "已逾期"
    f = selectors.LookbackFilter(status="overdue")
    qs = selectors.lookback_queryset(campaign, fed.leader, f, today=dt.date(2020, 7, 1))
    assert list(qs) == [a]
    f = selectors.LookbackFilter(department_id=fed.publicity_dept.pk)
    assert not selectors.lookback_queryset(campaign, fed.leader, f).exists()
    assert not selectors.lookback_queryset(campaign, fed.outsider).exists()


def test_score_counts_grades_bonus_deductions_and_veto(fed, campaign):
    a1 = assign_basic_work(fed, campaign, "01.01")
    a2 = assign_basic_work(fed, campaign, "01.02")
    Assignment.objects.filter(pk=a1.pk).update(status="approved")
    Assignment.objects.filter(pk=a2.pk).update(status="submitted")
    services.set_self_grade(
        by=fed.province_admin, indicator=indicator(campaign, "01.01"), grade="A"
    )
    services.set_self_grade(
        by=fed.province_admin, indicator=indicator(campaign, "01.02"), grade="B"
    )
    rules = {r.code: r for r in campaign.rules.all()}
    services.record_rule_occurrence(
        by=fed.province_admin, rule=rules["J1"], occurred_date=dt.date(2020, 5, 1)
    )
    services.record_rule_occurrence(
        by=fed.province_admin, rule=rules["K1"], occurred_date=dt.date(2020, 5, 1), occurrences=2
    )
    score = selectors.score_for(campaign, fed.leader)
    assert score.full == Decimal(20)
    assert score.indicators == Decimal(4)
    assert score.projected_indicators == Decimal(4) + Decimal(10) * Decimal("0.8")
    assert score.total == Decimal(4) + 3 - 4
    assert score.is_eligible
    basic = next(u for u in score.units if u.name == "基层工作部")
    assert basic.attainable == 14 and basic.current == 4
    services.record_rule_occurrence(
        by=fed.province_admin, rule=rules["F1"], occurred_date=dt.date(2017, 1, 1)
    )
    assert selectors.score_for(campaign, fed.leader).is_eligible  # outside the 24 months
    services.record_rule_occurrence(
        by=fed.province_admin, rule=rules["F1"], occurred_date=dt.date(2019, 3, 1)
    )
    score = selectors.score_for(campaign, fed.leader)
    assert not score.is_eligible and "重大安全事故" in score.vetoes[0]
    totals = selectors.score_for(campaign, fed.leader, by_unit=False)
    assert (totals.full, totals.indicators, totals.projected_indicators, totals.ungraded) == (
        score.full,
        score.indicators,
        score.projected_indicators,
        score.ungraded,
    )
    assert totals.vetoes == score.vetoes and totals.units == []


def test_grade_must_be_in_the_campaign_grade_map(fed, campaign):
    from gonghui.core.exceptions import ValidationFailed

    with pytest.raises(ValidationFailed):
        services.set_self_grade(
            by=fed.province_admin, indicator=indicator(campaign, "01.01"), grade="D"
        )


def test_deadline_reminders_notify_liaisons_once_a_day(fed, campaign):
    today = dt.date(2020, 6, 28)
    assign_basic_work(fed, campaign, "01.02", deadline=dt.date(2020, 6, 30))
    assign_basic_work(fed, campaign, "01.01", deadline=dt.date(2020, 6, 1))
    assert services.send_deadline_reminders(today=today) == 2
    texts = sorted(Notification.objects.filter(user=fed.liaison).values_list("text", flat=True))
    assert texts[0].startswith("【即将到期】") and texts[1].startswith("【已逾期】")
    assert services.send_deadline_reminders(today=today) == 0


def test_indicator_model_is_the_activity_tag_target():
    assert CampaignIndicator._meta.label == "campaigns.CampaignIndicator"


def _assign_all(fed, campaign, **extra):
    return services.assign(
        by=fed.province_admin,
        campaign=campaign,
        indicators=[indicator(campaign, "01"), indicator(campaign, "02")],
        departments=[fed.basic_work_dept, fed.publicity_dept],
        organizations=[fed.zhengzhou],
        **extra,
    )


def test_tasks_carry_their_indicator_position_and_list_in_framework_order(fed, campaign):
    made = _assign_all(fed, campaign)
    assert all(a.indicator_position == a.indicator.position for a in made)
    rows = list(selectors.lookback_queryset(campaign, fed.province_admin))
    positions = [a.indicator.position for a in rows]
    assert positions == sorted(positions) and len(rows) == 9
    keys = [(a.indicator.position, a.org_path, a.department_id or 0, a.pk) for a in rows]
    assert keys == sorted(keys)


def test_key_paged_slices_match_the_queryset(fed, campaign):
    _assign_all(fed, campaign)
    qs = selectors.lookback_queryset(campaign, fed.province_admin)
    paged = selectors.KeyPaged(qs)
    assert paged.count() == len(paged) == 9
    assert paged[2:5] == list(qs[2:5]) and paged[4] == qs[4]
    assert paged[20:30] == []


def test_lookback_summary_counts_by_status_overdue_and_complete(fed, campaign):
    made = _assign_all(fed, campaign, deadline=dt.date(2020, 6, 30))
    Assignment.objects.filter(pk=made[0].pk).update(status=Progress.APPROVED, is_complete=True)
    Assignment.objects.filter(pk=made[1].pk).update(status=Progress.RETURNED)
    Assignment.objects.filter(pk=made[2].pk).update(status=Progress.SUBMITTED, is_complete=True)
    summary = selectors.lookback_summary(campaign, fed.province_admin, today=dt.date(2020, 7, 1))
    assert summary == {
        "total": 9,
        "overdue": 7,
        "complete": 2,
        "not_started": 6,
        "in_progress": 0,
        "submitted": 1,
        "approved": 1,
        "returned": 1,
    }
    # a department liaison counts only the department's tasks
    assert selectors.lookback_summary(campaign, fed.liaison)["total"] == 3
