"""Report pages: generating from the form, editing the draft, downloads checked through the
scope, and who may do what."""

import datetime as dt

import pytest

from gonghui.reports import services
from gonghui.reports.models import GeneratedReport

from .seed import may_2020


@pytest.fixture
def campaign(fed, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return may_2020(fed)


def _form(campaign, **extra):
    return {
        "kind": "news",
        "organization": str(campaign.organization_id),
        "campaign": str(campaign.pk),
        "period": "2020-05",
        "meeting_date": "2020-05-26",
        "chair": "寇武江",
        "attendees": "",
        "requirements": "",
        "start": "",
        "end": "",
        "next_steps": "",
        **extra,
    }


def test_the_office_generates_a_news_item_from_the_form_and_downloads_it(
    client, fed, campaign, monkeypatch
):
    # A server without LibreOffice: there is no PDF, and the page says so.
    monkeypatch.setattr("gonghui.reports.renderers.pdf.shutil.which", lambda name: None)
    client.force_login(fed.province_admin)
    assert client.get("/reports/new/").status_code == 200
    response = client.post("/reports/new/", _form(campaign))
    assert response.status_code == 302
    report = GeneratedReport.objects.get()
    assert response["Location"] == f"/reports/{report.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "5880元" in page and "下载 Word" in page
    download = client.get(f"/reports/{report.pk}/report.docx")
    assert download.status_code == 200
    assert (
        b"".join(download.streaming_content if download.streaming else [download.content])[:2]
        == b"PK"
    )
    assert client.get(f"/reports/{report.pk}/report.pdf").status_code == 404  # no LibreOffice
    assert "5月份争创全国文明单位工作汇报会" in client.get("/reports/").content.decode()


def test_a_news_item_needs_its_month_and_meeting_date(client, fed, campaign):
    client.force_login(fed.province_admin)
    response = client.post("/reports/new/", _form(campaign, period="2020-13", meeting_date=""))
    assert response.status_code == 200
    assert not GeneratedReport.objects.exists()
    html = response.content.decode()
    assert "请填写月份" in html and "请填写汇报会日期" in html


def test_a_summary_period_is_at_most_a_year(client, fed, campaign):
    client.force_login(fed.province_admin)
    data = _form(campaign, kind="summary", start="2019-01-01", end="2020-06-30")
    assert client.post("/reports/new/", data).status_code == 200
    assert not GeneratedReport.objects.exists()


def test_reports_of_another_federation_are_not_found(client, fed, campaign):
    report = services.generate_report(
        by=fed.province_admin,
        kind=GeneratedReport.Kind.SUMMARY,
        organization=fed.henan,
        parameters={"campaign_id": campaign.pk, "start": "2020-01-01", "end": "2020-06-30"},
    )
    client.force_login(fed.outsider)
    for url in (f"/reports/{report.pk}/", f"/reports/{report.pk}/report.docx"):
        assert client.get(url).status_code in (403, 404)
    assert client.post(f"/reports/{report.pk}/regenerate/").status_code == 404
    client.force_login(fed.leader)
    assert client.get(f"/reports/{report.pk}/").status_code == 200
    assert client.post(f"/reports/{report.pk}/regenerate/").status_code == 404
    assert client.get("/reports/new/").status_code == 403


def test_a_campaign_out_of_scope_cannot_be_named_in_the_form(client, fed, campaign):
    from gonghui.accounts.models import User

    other = User.objects.create_user(
        "loudi_admin",
        password="x-pw-123456",
        organization=fed.loudi,
        role=fed.roles["campaign_admin"],
    )
    client.force_login(other)
    data = _form(campaign, organization=str(fed.loudi.pk))
    response = client.post("/reports/new/", data)
    assert response.status_code == 200
    assert not GeneratedReport.objects.exists()


def test_the_report_api_lists_only_reports_in_scope(client, fed, campaign):
    report = services.generate_report(
        by=fed.province_admin,
        kind=GeneratedReport.Kind.NEWS,
        organization=fed.henan,
        parameters={
            "campaign_id": campaign.pk,
            "period": "2020-05",
            "meeting_date": dt.date(2020, 5, 26).isoformat(),
        },
    )
    client.force_login(fed.leader)
    body = client.get("/api/v1/reports/").json()
    assert [r["id"] for r in body["items"]] == [report.pk]
    client.force_login(fed.outsider)
    assert client.get("/api/v1/reports/").json()["items"] == []
    assert client.get(f"/api/v1/reports/{report.pk}").status_code == 404
