"""A campaign has a transition table: the campaign office closes an active campaign, once, with
a history row and the audit entry; others cannot."""

import pytest

from gonghui.accounts.models import ApiToken
from gonghui.campaigns import services
from gonghui.campaigns.models import Campaign, CampaignTransition
from gonghui.core.exceptions import InvalidTransition, PermissionDenied
from gonghui.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def bearer(user):
    _token, key = ApiToken.generate(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_the_office_closes_an_active_campaign_with_history_and_audit(fed, campaign):
    services.close_campaign(by=fed.province_admin, campaign=campaign, note="年度测评已完成")
    assert Campaign.objects.get(pk=campaign.pk).status == Campaign.Status.CLOSED
    (row,) = CampaignTransition.objects.filter(campaign=campaign)
    assert (row.verb, row.from_label, row.to_label) == ("close", "进行中", "已结束")
    assert (row.by, row.note) == (fed.province_admin, "年度测评已完成")
    entry = AuditEntry.objects.get(action="transition", target_type="campaigns.campaign")
    assert "进行中 → 已结束" in entry.summary


def test_a_closed_campaign_cannot_be_closed_again(fed, campaign):
    services.close_campaign(by=fed.province_admin, campaign=campaign)
    with pytest.raises(InvalidTransition, match="当前状态为“已结束”"):
        services.close_campaign(by=fed.province_admin, campaign=campaign)
    assert CampaignTransition.objects.filter(campaign=campaign).count() == 1


def test_a_liaison_cannot_close_a_campaign(fed, campaign):
    with pytest.raises(PermissionDenied):
        services.close_campaign(by=fed.liaison, campaign=campaign)
    assert Campaign.objects.get(pk=campaign.pk).status == Campaign.Status.ACTIVE
    assert not CampaignTransition.objects.exists()


def test_the_api_closes_at_close_and_hides_other_campaigns(client, fed, campaign):
    url = f"/api/v1/campaigns/{campaign.pk}/close"
    refused = client.post(url, {}, content_type="application/json", **bearer(fed.outsider))
    assert refused.status_code == 404
    response = client.post(
        url, {"note": "结束"}, content_type="application/json", **bearer(fed.province_admin)
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "closed"
    assert CampaignTransition.objects.get(campaign=campaign).note == "结束"
