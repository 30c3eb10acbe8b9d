"""The campaign list and my tasks export to Excel, each within the user's scope."""

from gonghui.campaigns.tests.factories import assign_basic_work, make_campaign
from gonghui.exports.testing import export_of, sheet_rows, sheet_text


def test_campaign_list_links_and_exports_its_campaigns(fed, client_for):
    campaign = make_campaign(fed)
    client = client_for(fed.province_admin)
    assert 'href="/campaigns/export/"' in client.get("/campaigns/").content.decode()
    rows = sheet_rows(export_of(client, "/campaigns/export/"))
    assert rows[0][0] == "名称" and rows[1][0] == campaign.name and rows[1][3] == "河南省总工会"


def test_an_outsider_exports_no_campaign_of_another_province(fed, client_for):
    make_campaign(fed)
    rows = sheet_rows(export_of(client_for(fed.outsider), "/campaigns/export/"))
    assert len(rows) == 1


def test_my_tasks_export_holds_the_liaisons_tasks_only(fed, client_for):
    campaign = make_campaign(fed)
    campaign.status = campaign.Status.ACTIVE
    campaign.save(update_fields=["status"])
    assign_basic_work(fed, campaign)
    client = client_for(fed.liaison)
    assert 'href="/campaigns/tasks/export/"' in client.get("/campaigns/tasks/").content.decode()
    text = sheet_text(export_of(client, "/campaigns/tasks/export/"))
    assert "01.02" in text and "基层工作部" in text
    assert len(sheet_rows(export_of(client_for(fed.outsider), "/campaigns/tasks/export/"))) == 1
