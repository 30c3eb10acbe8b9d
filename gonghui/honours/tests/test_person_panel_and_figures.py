"""A person's page shows their honours history from the honours app, within the viewer's
scope; the dashboard figures count honours conferred in a period, by award level."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gonghui.core.figures import Period, figure
from gonghui.honours import services
from gonghui.honours.models import AwardType, Honour, Round
from gonghui.testing import make_person

pytestmark = pytest.mark.django_db


def _honour(fed, person, org, award_code, year, *, round_=None):
    return Honour.objects.create(
        round=round_,
        organization=org,
        org_path=org.path,
        award=AwardType.objects.get(code=award_code),
        person=person,
        name=person.name if person else "先进集体",
        unit=org.name,
        year=year,
        conferred_by=org.name,
    )


def test_the_person_page_lists_the_honours_the_viewer_may_see(fed, client_for):
    person = make_person(fed.grassroots, name="赵先锋")
    _honour(fed, person, fed.grassroots, "provincial-labour-medal", 2024)
    _honour(fed, person, fed.loudi_grassroots, "worker-pioneer", 2019)  # recorded in Hunan
    url = reverse("people:detail", args=[person.pk])
    medal = AwardType.objects.get(code="provincial-labour-medal").name
    pioneer = AwardType.objects.get(code="worker-pioneer").name

    for viewer in (fed.province_admin, fed.city_admin):
        page = client_for(viewer).get(url).content.decode()
        assert 'id="honours-panel"' in page
        assert medal in page and "2024" in page
        assert pioneer not in page  # outside the viewer's scope

    page = client_for(fed.sysadmin).get(url).content.decode()
    assert medal in page and pioneer in page
    assert client_for(fed.outsider).get(url).status_code == 404


def test_a_person_without_honours_says_so(fed, client_for):
    person = make_person(fed.grassroots, name="钱普通")
    page = client_for(fed.province_admin).get(reverse("people:detail", args=[person.pk]))
    assert "暂无荣誉记录" in page.content.decode()


def test_the_figures_count_honours_conferred_in_the_period_by_level(fed):
    medal = AwardType.objects.get(code="provincial-labour-medal")
    round_ = services.create_round(
        by=fed.province_admin, organization=fed.henan, name="2026年评选", year=2026, awards=[medal]
    )
    at = timezone.make_aware(dt.datetime(2026, 4, 28, 10))
    Round.objects.filter(pk=round_.pk).update(status="commended", commended_at=at)
    for _ in range(3):
        _honour(fed, None, fed.grassroots, "provincial-labour-medal", 2026, round_=round_)
    _honour(fed, None, fed.grassroots, "provincial-labour-medal", 2025)  # a year without a round
    _honour(fed, None, fed.loudi_grassroots, "provincial-labour-medal", 2026, round_=round_)

    april = Period(dt.date(2026, 4, 1), dt.date(2026, 4, 30))
    two_years = Period(dt.date(2025, 1, 1), dt.date(2026, 12, 31))
    total = figure("honours.awarded")
    provincial = figure(f"honours.awarded_{medal.level}")
    assert total.compute(fed.province_admin, april) == 3
    assert provincial.compute(fed.province_admin, april) == 3
    assert total.compute(fed.province_admin, two_years) == 4
    assert total.compute(fed.sysadmin, april) == 4
    assert total.compute(fed.outsider, april) == 1
    assert figure("honours.awarded_national").compute(fed.province_admin, two_years) == 0
    assert total.url(april) == "/honours/statistics/?year=2026"
