"""The ledger index and the month's reports export to Excel, each within the user's scope."""

from gonghui.campaigns.tests.factories import assign_basic_work
from gonghui.exports.testing import export_of, sheet_rows, sheet_text
from gonghui.ledger import services


def test_ledger_index_links_and_exports_the_campaigns_tasks(fed, campaign, client_for):
    assign_basic_work(fed, campaign)
    client = client_for(fed.province_admin)
    html = client.get(f"/ledger/?campaign={campaign.pk}").content.decode()
    assert f'href="/ledger/export/?campaign={campaign.pk}"' in html
    rows = sheet_rows(export_of(client, "/ledger/export/", campaign=campaign.pk))
    assert rows[1][0] == campaign.name and rows[1][1] == "01.02" and rows[1][3] == "基层工作部"


def test_an_outsider_cannot_export_another_provinces_ledger(fed, campaign, client_for):
    assign_basic_work(fed, campaign)
    client = client_for(fed.outsider)
    assert client.get("/ledger/export/", {"campaign": campaign.pk}).status_code == 404
    assert len(sheet_rows(export_of(client, "/ledger/export/"))) == 1


def test_monthly_reports_export_is_the_meetings_table(fed, campaign, client_for):
    assign_basic_work(fed, campaign)
    services.save_monthly_report(
        by=fed.liaison,
        campaign=campaign,
        organization=fed.henan,
        department=fed.basic_work_dept,
        period="2020-05",
        summary="组织职工读书分享会",
    )
    client = client_for(fed.province_admin)
    html = client.get("/ledger/meeting/", {"campaign": campaign.pk, "period": "2020-05"})
    assert "/ledger/meeting/export/?campaign=" in html.content.decode()
    rows = sheet_rows(
        export_of(client, "/ledger/meeting/export/", campaign=campaign.pk, period="2020-05")
    )
    assert rows[1][1] == "基层工作部" and rows[1][4] == "组织职工读书分享会"
    other = sheet_text(
        export_of(client, "/ledger/meeting/export/", campaign=campaign.pk, period="2020-06")
    )
    assert "读书分享会" not in other and "未提交" in other
    assert (
        client_for(fed.outsider)
        .get("/ledger/meeting/export/", {"campaign": campaign.pk})
        .status_code
        == 404
    )
