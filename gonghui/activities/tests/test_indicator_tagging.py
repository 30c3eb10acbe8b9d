"""Tagging an activity to campaign indicators makes it part of that indicator's ledger."""

import datetime as dt

import pytest

from gonghui.activities.models import Activity, ActivityType
from gonghui.activities.selectors import activities_for_indicator
from gonghui.campaigns.models import Campaign, CampaignIndicator
from gonghui.core.models import AuditEntry


@pytest.fixture
def setup(fed):
    campaign = Campaign.objects.create(
        organization=fed.henan,
        name="2020年争创全国文明单位",
        kind="unit",
        assessment_date=dt.date(2020, 11, 30),
        year=2020,
    )
    indicator = CampaignIndicator.objects.create(
        campaign=campaign, code="1.1", name="学雷锋活动", position=1
    )
    activity = Activity.objects.create(
        organization=fed.henan,
        department=fed.basic_work_dept,
        activity_type=ActivityType.objects.first(),
        title="书本传递爱心 知识点亮希望",
        start_date=dt.date(2020, 5, 20),
        created_by=fed.province_admin,
    )
    return campaign, indicator, activity


def test_tag_and_untag_from_the_detail_page(fed, client_for, setup):
    _campaign, indicator, activity = setup
    client = client_for(fed.province_admin)
    html = client.get(f"/activities/{activity.pk}/").content.decode()
    assert "计入台账的测评指标" in html
    options = client.get(f"/activities/{activity.pk}/indicators/options/?campaign={_campaign.pk}")
    assert "学雷锋活动" in options.content.decode()
    client.post(f"/activities/{activity.pk}/indicators/", {"indicator": indicator.pk})
    assert list(activities_for_indicator(indicator=indicator, user=fed.province_admin)) == [
        activity
    ]
    assert AuditEntry.objects.filter(target_id=str(activity.pk), summary__contains="1.1").exists()
    client.post(
        f"/activities/{activity.pk}/indicators/", {"indicator": indicator.pk, "remove": "1"}
    )
    assert not activity.indicators.exists()


def test_outsider_cannot_tag_or_see(fed, client_for, setup):
    _campaign, indicator, activity = setup
    response = client_for(fed.outsider).post(
        f"/activities/{activity.pk}/indicators/", {"indicator": indicator.pk}
    )
    assert response.status_code == 404
    assert not activity.indicators.exists()


def test_api_sets_indicators(fed, client_for, setup):
    _campaign, indicator, activity = setup
    client = client_for(fed.province_admin)
    response = client.put(
        f"/api/v1/activities/{activity.pk}/indicators",
        {"indicator_ids": [indicator.pk]},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert [i["code"] for i in response.json()] == ["1.1"]
    assert (
        client.get(f"/api/v1/activities/{activity.pk}/indicators").json()[0]["id"] == indicator.pk
    )
