"""Saving and submitting a monthly report is one step: when the submission is refused, the
page and the API leave nothing saved, and when it succeeds the report is saved and submitted."""

import pytest
from django.urls import reverse

from gonghui.campaigns.tests.factories import assign_basic_work
from gonghui.core.exceptions import ValidationFailed
from gonghui.ledger import services
from gonghui.ledger.models import MonthlyReport
from gonghui.ledger.services import monthly

pytestmark = pytest.mark.django_db


@pytest.fixture
def refused_submission(monkeypatch):
    def refuse(*, by, report):
        raise ValidationFailed("提交被拒绝")

    # Wherever a caller finds the submission, it is refused after the report was saved.
    monkeypatch.setattr(monthly, "submit_monthly_report", refuse)
    monkeypatch.setattr(services, "submit_monthly_report", refuse)


def _page_post(client, fed, campaign, **extra):
    unit = f"{fed.henan.pk}-{fed.basic_work_dept.pk}"
    return client.post(
        f"{reverse('ledger:monthly')}?campaign={campaign.pk}&period=2020-05&unit={unit}",
        {"summary": "五月开展读书分享会两场。", **extra},
        follow=True,
    )


def _api_post(client, fed, campaign, **extra):
    return client.post(
        "/api/v1/ledger/monthly-reports",
        {
            "campaign_id": campaign.pk,
            "organization_id": fed.henan.pk,
            "department_id": fed.basic_work_dept.pk,
            "period": "2020-05",
            "summary": "五月开展读书分享会两场。",
            **extra,
        },
        content_type="application/json",
    )


def test_page_refused_submission_saves_nothing(fed, campaign, client_for, refused_submission):
    assign_basic_work(fed, campaign, "01.02")
    response = _page_post(client_for(fed.liaison), fed, campaign, submit="1")
    assert "提交被拒绝" in response.content.decode()
    assert not MonthlyReport.objects.exists()


def test_api_refused_submission_saves_nothing(fed, campaign, client_for, refused_submission):
    assign_basic_work(fed, campaign, "01.02")
    response = _api_post(client_for(fed.liaison), fed, campaign, submit=True)
    assert response.status_code == 400 and "提交被拒绝" in response.json()["detail"]
    assert not MonthlyReport.objects.exists()


def test_page_saves_and_submits(fed, campaign, client_for):
    assign_basic_work(fed, campaign, "01.02")
    response = _page_post(client_for(fed.liaison), fed, campaign, submit="1")
    assert "月度汇报已提交" in response.content.decode()
    report = MonthlyReport.objects.get()
    assert report.status == "submitted" and report.submitted_at is not None


def test_api_saves_without_submitting_unless_asked(fed, campaign, client_for):
    assign_basic_work(fed, campaign, "01.02")
    response = _api_post(client_for(fed.liaison), fed, campaign)
    assert response.status_code == 201 and response.json()["status"] == "draft"
    assert MonthlyReport.objects.get().status == "draft"


def test_api_refuses_a_department_that_is_not_the_organisations(fed, campaign, client_for):
    """An id in the body that names no department of the organisation is refused at its field,
    not quietly turned into an organisation-level report."""
    assign_basic_work(fed, campaign, "01.02")
    foreign = fed.loudi.departments.create(name="娄底办公室")
    for department_id in (foreign.pk, 999_999):
        response = _api_post(
            client_for(fed.province_admin), fed, campaign, department_id=department_id
        )
        assert response.status_code == 400, response.content
        assert response.json()["field"] == "department_id"
        assert "娄底办公室" not in response.content.decode()
    assert not MonthlyReport.objects.exists()
