"""The monthly meeting's three review buttons each do and say their own thing; a monthly report
links the unit's own activities and ledger entries, chosen from lists scoped to the actor."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from gonghui.activities.tests.factories import make_activity
from gonghui.campaigns.tests.factories import assign_basic_work
from gonghui.ledger import services
from gonghui.ledger.models import MonthlyReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(fed, campaign):
    assign_basic_work(fed, campaign, "01.02")
    made = services.save_monthly_report(
        by=fed.liaison,
        campaign=campaign,
        organization=fed.henan,
        department=fed.basic_work_dept,
        period="2020-05",
        summary="五月开展读书分享会两场。",
    )
    return services.submit_monthly_report(by=fed.liaison, report=made)


def _review(client, report, verb, comment=""):
    url = reverse("ledger:review_report", args=[report.pk])
    response = client.post(url, {"verb": verb, "comment": comment}, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    said = [str(m) for m in get_messages(response.wsgi_request)] or [
        m.message for m in response.context["messages"]
    ]
    card = html.split(f'id="r{report.pk}"')[1].split('<div class="card"')[0]
    badge = card.split('class="badge')[1].split("</span>")[0]
    report.refresh_from_db()
    return html, said, badge


def test_approve_marks_the_report_reviewed_and_says_so(fed, report, client_for):
    html, said, badge = _review(client_for(fed.leader), report, "approve", "按计划推进")
    assert report.status == "approved" and report.review_comment == "按计划推进"
    assert said == ["月度汇报已审阅通过"]
    assert 'data-status="approved"' in badge and "已审阅" in badge
    assert "点评已保存" not in html


def test_return_sends_the_report_back_and_says_so(fed, report, client_for):
    _html, said, badge = _review(client_for(fed.leader), report, "return", "请补充活动照片")
    assert report.status == "returned" and report.review_comment == "请补充活动照片"
    assert said == ["月度汇报已退回，联络员修改后可重新提交"]
    assert 'data-status="returned"' in badge and "已退回" in badge
    # The liaison sees it returned with the comment, and may edit and resubmit.
    page = client_for(fed.liaison).get(
        reverse("ledger:monthly"),
        {"campaign": report.campaign_id, "period": "2020-05"},
    )
    assert "已退回" in page.content.decode() and "请补充活动照片" in page.content.decode()


def test_return_without_a_comment_is_refused_and_changes_nothing(fed, report, client_for):
    _html, said, badge = _review(client_for(fed.leader), report, "return")
    assert report.status == "submitted"
    assert said == ["退回时必须填写点评意见"]
    assert 'data-status="submitted"' in badge and "已提交" in badge


def test_comment_keeps_the_status_and_says_the_comment_was_saved(fed, report, client_for):
    html, said, badge = _review(client_for(fed.leader), report, "comment", "继续保持")
    assert report.status == "submitted" and report.review_comment == "继续保持"
    assert said == ["点评已保存"]
    assert 'data-status="submitted"' in badge and "已提交" in badge
    assert "继续保持" in html


def test_unknown_review_verb_is_refused(fed, report, client_for):
    url = reverse("ledger:review_report", args=[report.pk])
    assert client_for(fed.leader).post(url, {"verb": "delete"}).status_code == 404
    report.refresh_from_db()
    assert report.status == "submitted"


# --- choosing the report's activities and ledger entries --------------------------------


@pytest.fixture
def activities(fed):
    other_dept = make_activity(
        fed.province_admin,
        organization=fed.henan,
        department=fed.publicity_dept,
        title="宣传部五月宣讲",
    )
    return {
        "own_may": make_activity(
            fed.liaison,
            organization=fed.henan,
            department=fed.basic_work_dept,
            title="基层部五月读书会",
        ),
        "own_march": make_activity(
            fed.liaison,
            organization=fed.henan,
            department=fed.basic_work_dept,
            title="基层部三月培训",
            start=dt.date(2020, 3, 2),
        ),
        "other_dept": other_dept,
        "other_city": make_activity(
            fed.outsider, organization=fed.loudi_grassroots, title="娄底五月活动"
        ),
    }


def test_monthly_page_offers_the_units_own_activities_of_the_month_as_a_checklist(
    fed, campaign, activities, client_for
):
    assign_basic_work(fed, campaign, "01.02")
    html = (
        client_for(fed.liaison)
        .get(reverse("ledger:monthly"), {"campaign": campaign.pk, "period": "2020-05"})
        .content.decode()
    )
    assert 'name="activity_ids"' not in html  # no typed record ids
    box = html.split('id="activity-choices"')[1].split('<button class="btn')[0]
    assert f'type="checkbox" name="activity" value="{activities["own_may"].pk}"' in box
    assert "基层部五月读书会" in box
    for other in ("基层部三月培训", "宣传部五月宣讲", "娄底五月活动"):
        assert other not in box


def test_saving_links_only_the_units_own_activities_and_entries(
    fed, campaign, activities, client_for
):
    from gonghui.campaigns import services as campaign_services
    from gonghui.campaigns.tests.factories import indicator

    own_task = assign_basic_work(fed, campaign, "01.02")
    other_task = campaign_services.assign(
        by=fed.province_admin,
        campaign=campaign,
        indicators=[indicator(campaign, "01.02")],
        departments=[fed.publicity_dept],
    )[0]
    own_item = services.ensure_item(assignment=own_task, by=fed.liaison)
    other_item = services.ensure_item(assignment=other_task, by=fed.province_admin)
    client = client_for(fed.liaison)
    response = client.post(
        reverse("ledger:monthly"),
        {
            "campaign": campaign.pk,
            "period": "2020-05",
            "unit": f"{fed.henan.pk}-{fed.basic_work_dept.pk}",
            "summary": "五月读书会",
            "activity": [
                activities["own_may"].pk,
                activities["own_march"].pk,  # the unit's own, from another month: allowed
                activities["other_dept"].pk,
                activities["other_city"].pk,
            ],
            "evidence": [own_item.pk, other_item.pk],
        },
    )
    assert response.status_code == 302
    report = MonthlyReport.objects.get(campaign=campaign, period="2020-05")
    assert report.activity_ids == sorted([activities["own_may"].pk, activities["own_march"].pk])
    assert list(report.evidence.all()) == [own_item]
    # Reopening the form shows both chosen activities ticked, the March one included.
    html = client.get(
        reverse("ledger:monthly"), {"campaign": campaign.pk, "period": "2020-05"}
    ).content.decode()
    box = html.split('id="activity-choices"')[1].split('<button class="btn')[0]
    for key in ("own_may", "own_march"):
        assert f'value="{activities[key].pk}" checked' in box


# --- the liaison's side: what can be done with a report in each state ---------------------


def _monthly(client, report):
    return client.get(
        reverse("ledger:monthly"), {"campaign": report.campaign_id, "period": report.period}
    ).content.decode()


def test_a_submitted_report_is_withdrawn_from_the_monthly_page_then_edited(fed, report, client_for):
    client = client_for(fed.liaison)
    html = _monthly(client, report)
    assert 'name="withdraw"' in html and 'name="submit"' not in html
    assert "<fieldset" in html and " disabled>" in html
    response = client.post(
        reverse("ledger:monthly"),
        {
            "campaign": report.campaign_id,
            "period": report.period,
            "unit": f"{fed.henan.pk}-{fed.basic_work_dept.pk}",
            "withdraw": "1",
        },
        follow=True,
    )
    report.refresh_from_db()
    assert report.status == "draft"
    assert "月度汇报已撤回，可以修改后重新提交" in response.content.decode()
    html = _monthly(client, report)
    assert 'name="submit"' in html and 'name="withdraw"' not in html


def test_a_reviewed_report_is_read_only_and_saving_it_says_why(fed, report, client_for):
    services.review_monthly_report(by=fed.leader, report=report, comment="", verb="approve")
    client = client_for(fed.liaison)
    html = _monthly(client, report)
    assert "已审阅，不能再修改" in html
    assert 'name="submit"' not in html and 'name="withdraw"' not in html
    response = client.post(
        reverse("ledger:monthly"),
        {
            "campaign": report.campaign_id,
            "period": report.period,
            "unit": f"{fed.henan.pk}-{fed.basic_work_dept.pk}",
            "summary": "改写",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "该月汇报状态为“已审阅”，不能修改" in html and "已已" not in html
    report.refresh_from_db()
    assert report.summary == "五月开展读书分享会两场。"
