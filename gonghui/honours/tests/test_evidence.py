"""Honourees flow into the campaign ledger: a commendation whose honourees include the task's
unit is offered on the entry of an indicator about honours, within the campaign period and the
user's scope, and is attached once as a link."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gonghui.campaigns import services as campaign_services
from gonghui.campaigns.models import Campaign, CampaignIndicator
from gonghui.campaigns.tests.factories import indicator, make_campaign
from gonghui.honours import evidence, services
from gonghui.honours.models import AwardType, Honour, Round
from gonghui.ledger import selectors as ledger_selectors
from gonghui.ledger.models import EvidenceLink

pytestmark = pytest.mark.django_db


def _commended(fed, name, *, on: dt.date, honourees):
    medal = AwardType.objects.get(code="provincial-labour-medal")
    round_ = services.create_round(
        by=fed.province_admin, organization=fed.henan, name=name, year=on.year, awards=[medal]
    )
    at = timezone.make_aware(dt.datetime.combine(on, dt.time(10)))
    Round.objects.filter(pk=round_.pk).update(status="commended", commended_at=at)
    for i, org in enumerate(honourees):
        Honour.objects.create(
            round=round_,
            organization=org,
            org_path=org.path,
            award=medal,
            name=f"王{i}",
            unit=org.name,
            year=on.year,
            conferred_by=fed.henan.name,
        )
    return round_


@pytest.fixture
def task(fed):
    """郑州市总工会's task on an indicator whose upload requirement asks for commendations, in a
    campaign running through 2020."""
    campaign = make_campaign(fed)
    Campaign.objects.filter(pk=campaign.pk).update(start_date=dt.date(2020, 1, 1))
    leaf = indicator(campaign, "01.02")
    CampaignIndicator.objects.filter(pk=leaf.pk).update(guidance="上传获得市级以上表彰的文件")
    return campaign_services.assign(
        by=fed.province_admin, campaign=campaign, indicators=[leaf], organizations=[fed.zhengzhou]
    )[0]


def test_only_commendations_of_the_units_subtree_in_the_period_are_offered(fed, task):
    inside = _commended(
        fed, "2020年河南省五一劳动奖", on=dt.date(2020, 4, 28), honourees=[fed.grassroots] * 2
    )
    _commended(fed, "2019年河南省五一劳动奖", on=dt.date(2019, 4, 28), honourees=[fed.grassroots])
    _commended(fed, "2020年湖南省表彰", on=dt.date(2020, 5, 1), honourees=[fed.loudi_grassroots])

    rows = evidence.honourees(
        user=fed.province_admin,
        organization=fed.zhengzhou,
        start=dt.date(2020, 1, 1),
        end=dt.date(2020, 11, 30),
    )

    assert [(r.title, r.date, r.url) for r in rows] == [
        (inside.name, dt.date(2020, 4, 28), reverse("honours:round", args=[inside.pk]))
    ]
    assert "表彰 2 个集体和个人" in rows[0].figures
    medal = AwardType.objects.get(code="provincial-labour-medal")
    assert f"{medal.name} 2" in rows[0].figures


def test_an_outsider_is_offered_nothing_of_another_subtree(fed):
    _commended(fed, "2020年河南省五一劳动奖", on=dt.date(2020, 4, 28), honourees=[fed.grassroots])
    rows = evidence.honourees(
        user=fed.outsider,
        organization=fed.zhengzhou,
        start=dt.date(2020, 1, 1),
        end=dt.date(2020, 12, 31),
    )
    assert rows == []


def test_the_task_page_offers_the_commendation_and_attaches_it_once(fed, task, client_for):
    round_ = _commended(
        fed, "2020年河南省五一劳动奖", on=dt.date(2020, 4, 28), honourees=[fed.grassroots]
    )
    client = client_for(fed.province_admin)
    page = client.get(reverse("ledger:task", args=[task.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert 'id="platform-records"' in text and round_.name in text

    act = reverse("ledger:act", args=[task.pk])
    path = reverse("honours:round", args=[round_.pk])
    post = {"action": "attach_record", "source": "honours.honourees", "record_url": path}
    client.post(act, post)
    link = EvidenceLink.objects.get()
    assert link.url == f"http://testserver{path}"
    assert link.title.startswith(round_.name) and "2020-04-28" in link.title
    assert "已附" in client.get(reverse("ledger:task", args=[task.pk])).content.decode()

    client.post(act, post)  # a second time: refused, still one link
    assert EvidenceLink.objects.count() == 1


def test_a_posted_record_outside_the_offer_is_refused(fed, task, client_for):
    elsewhere = _commended(
        fed, "2020年湖南省表彰", on=dt.date(2020, 5, 1), honourees=[fed.loudi_grassroots]
    )
    client = client_for(fed.province_admin)
    client.post(
        reverse("ledger:act", args=[task.pk]),
        {
            "action": "attach_record",
            "source": "honours.honourees",
            "record_url": reverse("honours:round", args=[elsewhere.pk]),
        },
    )
    assert not EvidenceLink.objects.exists()


def test_an_indicator_that_does_not_ask_offers_no_honours(fed, task):
    CampaignIndicator.objects.filter(pk=task.indicator_id).update(guidance="上传制度文件")
    task.indicator.refresh_from_db()
    offers = ledger_selectors.platform_records(task, fed.province_admin)
    assert "honours.honourees" not in [o.source.key for o in offers]
