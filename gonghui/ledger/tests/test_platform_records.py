"""Records other apps keep are offered on a task's page only for an indicator that asks for
them, in the campaign period and the unit; a task whose indicator asks for none costs no query
to any source."""

import datetime as dt

import pytest
from django.urls import reverse

from gonghui.campaigns.models import Campaign, CampaignIndicator
from gonghui.campaigns.tests.factories import assign_basic_work
from gonghui.ledger import selectors, sources
from gonghui.ledger.sources import EvidenceRow, EvidenceSource

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(monkeypatch):
    calls = []

    def rows(*, user, organization, start, end):
        calls.append((user, organization, start, end))
        return [EvidenceRow("第一次测试记录", dt.date(2020, 3, 1), "10 人次", "/x/1/")]

    source = EvidenceSource(key="test.records", label="测试记录", rows=rows, keywords=("测试记录",))
    monkeypatch.setattr(sources, "all_sources", lambda: [source])
    return calls


def test_an_indicator_that_asks_is_offered_the_units_records_of_the_period(fed, campaign, asked):
    Campaign.objects.filter(pk=campaign.pk).update(start_date=dt.date(2020, 2, 1))
    task = assign_basic_work(fed, campaign)
    CampaignIndicator.objects.filter(pk=task.indicator_id).update(standard="须有测试记录")
    task.indicator.refresh_from_db()
    task.campaign.refresh_from_db()

    offers = selectors.platform_records(task, fed.liaison)

    assert [(o.source.key, [r.title for r in o.rows]) for o in offers] == [
        ("test.records", ["第一次测试记录"])
    ]
    assert asked == [(fed.liaison, task.organization, dt.date(2020, 2, 1), dt.date(2020, 11, 30))]
    assert offers[0].rows[0].link_title == "第一次测试记录（10 人次，2020-03-01）"


def test_an_indicator_that_asks_for_nothing_shows_no_records(fed, campaign, asked, client_for):
    task = assign_basic_work(fed, campaign)
    page = client_for(fed.liaison).get(reverse("ledger:task", args=[task.pk]))
    assert page.status_code == 200
    assert 'id="platform-records"' not in page.content.decode()
    assert asked == []
