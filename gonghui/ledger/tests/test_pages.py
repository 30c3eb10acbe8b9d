import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gonghui.activities.tests.factories import make_activity
from gonghui.campaigns import services as campaign_services
from gonghui.campaigns.tests.factories import (
    assign_basic_work,
    indicator,
    png_bytes,
    tasks_in_new_units,
)
from gonghui.ledger import services
from gonghui.ledger.models import EvidenceItem, MonthlyReport
from gonghui.organizations.models import Organization
from gonghui.testing import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(fed, campaign):
    """Tasks for two departments and a sub-organisation, with evidence and May reports."""
    campaign_services.assign(
        by=fed.province_admin,
        campaign=campaign,
        indicators=[indicator(campaign, "01")],
        departments=[fed.publicity_dept],
        organizations=[fed.zhengzhou],
    )
    a = assign_basic_work(fed, campaign, "01.02")
    item = services.ensure_item(assignment=a, by=fed.liaison)
    for seed in (1, 2):
        services.add_file(
            by=fed.liaison,
            item=item,
            upload=SimpleUploadedFile(f"{seed}.png", png_bytes(seed)),
        )
    services.submit(by=fed.liaison, item=item)
    report = services.save_monthly_report(
        by=fed.liaison,
        campaign=campaign,
        organization=fed.henan,
        department=fed.basic_work_dept,
        period="2020-05",
        summary="组织开展爱心捐书志愿服务活动，收到捐款5880元、捐书672本。",
        evidence_ids=[item.pk],
    )
    services.submit_monthly_report(by=fed.liaison, report=report)
    return {"item": item, "assignment": a, "report": report}


def test_meeting_lists_every_unit_submitted_or_missing(fed, campaign, filled, client_for):
    client = client_for(fed.leader)
    response = client.get(reverse("ledger:meeting"), {"campaign": campaign.pk, "period": "2020-05"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "基层工作部" in html and "5880" in html and "宣传教育部" in html
    assert "未提交" in html and "郑州市总工会" in html
    assert html.count("meeting-row") >= 3


def test_leader_comments_in_place_at_the_meeting(fed, campaign, filled, client_for):
    client = client_for(fed.leader)
    url = reverse("ledger:review_report", args=[filled["report"].pk])
    client.post(url, {"comment": "成效明显，补充照片", "verb": "approve"})
    filled["report"].refresh_from_db()
    assert filled["report"].status == "approved"
    assert filled["report"].review_comment == "成效明显，补充照片"
    response = client.get(reverse("ledger:meeting"), {"campaign": campaign.pk, "period": "2020-05"})
    assert "成效明显，补充照片" in response.content.decode()


def test_liaison_cannot_comment_on_monthly_reports(fed, campaign, filled, client_for):
    client = client_for(fed.liaison)
    client.post(reverse("ledger:review_report", args=[filled["report"].pk]), {"comment": "好"})
    filled["report"].refresh_from_db()
    assert filled["report"].review_comment == ""


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("ledger:index", {}),
        ("ledger:meeting", {"period": "2020-05"}),
        ("ledger:monthly", {"period": "2020-05"}),
        ("campaigns:list", {}),
        ("campaigns:my_tasks", {}),
    ],
)
def test_outsider_sees_nothing(fed, campaign, filled, client_for, name, params):
    client = client_for(fed.outsider)
    response = client.get(reverse(name), params)
    assert response.status_code == 200
    html = response.content.decode()
    assert campaign.name not in html
    assert "5880" not in html and "01.02" not in html


def test_outsider_gets_404_on_details_and_downloads(fed, campaign, filled, client_for):
    client = client_for(fed.outsider)
    f = filled["item"].current_version.files.first()
    for url in [
        reverse("ledger:task", args=[filled["assignment"].pk]),
        reverse("ledger:item", args=[filled["item"].pk]),
        reverse("ledger:file", args=[f.pk]),
        reverse("campaigns:detail", args=[campaign.pk]),
        reverse("campaigns:lookback", args=[campaign.pk]),
    ]:
        assert client.get(url).status_code == 404, url


def test_department_cannot_see_another_departments_or_organisations_evidence(
    fed, campaign, filled, client_for
):
    from gonghui.testing import make_user

    other = make_user(
        "publicity_liaison",
        org=fed.henan,
        role=fed.roles["liaison"],
        department=fed.publicity_dept,
    )
    client = client_for(other)
    f = filled["item"].current_version.files.first()
    assert client.get(reverse("ledger:file", args=[f.pk])).status_code == 404
    assert client.get(reverse("ledger:task", args=[filled["assignment"].pk])).status_code == 404
    city = client_for(fed.city_admin)
    assert city.get(reverse("ledger:file", args=[f.pk])).status_code == 404


def test_download_streams_the_file_for_someone_in_scope(fed, campaign, filled, client_for):
    f = filled["item"].current_version.files.first()
    response = client_for(fed.liaison).get(reverse("ledger:file", args=[f.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == png_bytes(1)


def test_task_page_shows_rules_and_live_counter(fed, campaign, filled, client_for):
    response = client_for(fed.liaison).get(reverse("ledger:task", args=[filled["assignment"].pk]))
    html = response.content.decode()
    assert "照片至少 2 张" in html and 'id="count"' in html and "撤回" in html


def test_task_page_actions_upload_and_refuse_disguised_files(fed, campaign, client_for):
    a = assign_basic_work(fed, campaign, "01.01")
    client = client_for(fed.liaison)
    url = reverse("ledger:act", args=[a.pk])
    bad = SimpleUploadedFile("计划.pdf", b"<html><script>x</script></html>")
    response = client.post(url, {"action": "add_file", "files": [bad]}, follow=True)
    assert "内容不是允许的类型" in response.content.decode()
    response = client.post(url, {"action": "submit"}, follow=True)
    assert "不能提交" in response.content.decode()


def test_index_queries_do_not_grow_with_tasks(fed, campaign, filled, client_for):
    client = client_for(fed.province_admin)
    more = tasks_in_new_units(fed, campaign)
    params = {"campaign": campaign.pk}
    assert_constant_queries(client, reverse("ledger:index"), more, params=params, most=16)


def test_meeting_queries_do_not_grow_with_reports_and_linked_evidence(
    fed, campaign, filled, client_for
):
    """Unit i reports for May with its ledger entry and an activity linked."""

    def more(indices):
        shown = []
        for unit_name in tasks_in_new_units(fed, campaign, codes=("01.01",))(indices):
            unit = Organization.objects.get(name=unit_name)
            a = campaign.assignments.get(organization=unit)
            item = services.ensure_item(assignment=a, by=fed.province_admin)
            activity = make_activity(
                fed.province_admin, organization=unit, title=f"{unit_name}读书会"
            )
            report = MonthlyReport.objects.create(
                campaign=campaign,
                organization=unit,
                period="2020-05",
                summary=f"{unit_name}五月创建工作",
                status="submitted",
                activity_ids=[activity.pk],
            )
            report.evidence.set([item])
            shown += [report.summary, activity.title]
        return shown

    client = client_for(fed.leader)
    params = {"campaign": campaign.pk, "period": "2020-05"}
    assert_constant_queries(client, reverse("ledger:meeting"), more, params=params, most=16)


def test_meeting_shows_each_report_with_its_linked_evidence(fed, campaign, filled, client_for):
    client = client_for(fed.leader)
    params = {"campaign": campaign.pk, "period": "2020-05"}
    for a in campaign.assignments.exclude(department=fed.basic_work_dept):
        services.ensure_item(assignment=a, by=fed.province_admin)
    for org, dept in ((fed.henan, fed.publicity_dept), (fed.zhengzhou, None)):
        report = MonthlyReport.objects.create(
            campaign=campaign,
            organization=org,
            department=dept,
            period="2020-05",
            summary=f"{org.name}五月创建工作",
            status="submitted",
        )
        report.evidence.set(EvidenceItem.objects.filter(organization=org, department=dept))
    response = client.get(reverse("ledger:meeting"), params)
    html = response.content.decode()
    assert html.count('class="tag"') == 1 + 2 + 2
    assert "01.01 年度计划 · 草稿" in html and "郑州市总工会五月创建工作" in html
