"""Quiz participation as campaign ledger evidence: the unit's quizzes with attempts finished in
the period (人次) and their views, within the user's scope, offered on an indicator about
quizzes and attached from the task page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gonghui.campaigns import services as campaign_services
from gonghui.campaigns.models import Campaign, CampaignIndicator
from gonghui.campaigns.tests.factories import indicator, make_campaign
from gonghui.ledger.models import EvidenceLink
from gonghui.surveys import evidence
from gonghui.surveys.models import Quiz, QuizAttempt

pytestmark = pytest.mark.django_db

PERIOD = {"start": dt.date(2020, 1, 1), "end": dt.date(2020, 11, 30)}


def _quiz(org, title, *, finished_on=(), views=0):
    quiz = Quiz.objects.create(
        organization=org, org_path=org.path, title=title, status="open", num_views=views
    )
    for i, day in enumerate(finished_on):
        at = timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
        QuizAttempt.objects.create(
            quiz=quiz, name=f"答题人{i}", unit="单位", started_at=at, finished_at=at
        )
    QuizAttempt.objects.create(  # started, never finished: not a participation
        quiz=quiz, name="未交卷", unit="单位", started_at=timezone.now()
    )
    return quiz


def test_attempts_finished_in_the_period_are_counted_per_quiz_of_the_subtree(fed):
    may, june, before = dt.date(2020, 5, 4), dt.date(2020, 6, 1), dt.date(2019, 12, 31)
    quiz = _quiz(fed.grassroots, "安全生产知识竞赛", finished_on=[may, june, before], views=340)
    _quiz(fed.grassroots, "去年的答题", finished_on=[before])
    _quiz(fed.loudi_grassroots, "娄底答题", finished_on=[may])

    rows = evidence.quiz_participation(
        user=fed.province_admin, organization=fed.zhengzhou, **PERIOD
    )

    assert [(r.title, r.date, r.url) for r in rows] == [
        (quiz.title, june, reverse("surveys:quiz_detail", args=[quiz.pk]))
    ]
    assert rows[0].figures == "参与人次 2，浏览量 340"


def test_an_outsider_is_offered_no_quiz_of_another_subtree(fed):
    _quiz(fed.grassroots, "安全生产知识竞赛", finished_on=[dt.date(2020, 5, 4)])
    assert (
        evidence.quiz_participation(user=fed.outsider, organization=fed.zhengzhou, **PERIOD) == []
    )


def test_the_task_page_offers_the_quiz_and_attaches_it(fed, client_for):
    campaign = make_campaign(fed)
    Campaign.objects.filter(pk=campaign.pk).update(start_date=dt.date(2020, 1, 1))
    leaf = indicator(campaign, "01.02")
    CampaignIndicator.objects.filter(pk=leaf.pk).update(name="开展职工网上答题活动")
    task = campaign_services.assign(
        by=fed.province_admin, campaign=campaign, indicators=[leaf], organizations=[fed.zhengzhou]
    )[0]
    quiz = _quiz(fed.grassroots, "安全生产知识竞赛", finished_on=[dt.date(2020, 5, 4)], views=9)
    client = client_for(fed.province_admin)

    page = client.get(reverse("ledger:task", args=[task.pk])).content.decode()
    assert quiz.title in page and "参与人次 1，浏览量 9" in page

    path = reverse("surveys:quiz_detail", args=[quiz.pk])
    client.post(
        reverse("ledger:act", args=[task.pk]),
        {"action": "attach_record", "source": "surveys.quizzes", "record_url": path},
    )
    link = EvidenceLink.objects.get()
    assert link.url.endswith(path) and "参与人次 1" in link.title
