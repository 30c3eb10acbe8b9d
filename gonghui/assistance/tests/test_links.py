"""What assistance offers other apps: the archive block on a person's page (only to users who
may see the archive, no sensitive value on it), the dashboard's figures, and the de-identified
建档 公示 through the notices app."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gonghui.assistance import selectors, services
from gonghui.assistance.models import Archive
from gonghui.assistance.workflow import Status
from gonghui.core.figures import Period, all_figures
from gonghui.notices.models import Notice
from gonghui.testing import make_person, make_user, valid_id_number

from .factories import make_archive

pytestmark = pytest.mark.django_db

PERSON_ID = valid_id_number(6161)


def _person_with_archive(fed):
    person = make_person(fed.grassroots, name="赵桂兰", id_number=PERSON_ID)
    archive = make_archive(
        fed.grassroots_admin,
        fed.grassroots,
        status=Status.ACTIVE,
        worker_name="赵桂兰",
        id_number=PERSON_ID,
        phone="13955556666",
    )
    return person, archive


# --- The person link and the panel -------------------------------------------------------


def test_an_archive_is_linked_to_the_person_with_its_id_number(fed):
    person, archive = _person_with_archive(fed)
    assert archive.person_id == person.pk
    other = make_archive(fed.grassroots_admin, fed.grassroots)
    assert other.person_id is None  # nobody in the register holds that number


def test_the_person_page_shows_the_archive_masked_to_those_who_may_see_it(fed, client_for):
    person, archive = _person_with_archive(fed)
    for user in (fed.grassroots_admin, fed.officer, fed.city_admin):
        page = client_for(user).get(f"/people/{person.pk}/").content.decode()
        assert 'id="assistance-panel"' in page, user.username
        assert archive.number in page
        for secret in (PERSON_ID[6:14], "13955556666", "6222021234567890123", "尿毒症"):
            assert secret not in page.split('id="assistance-panel"')[1]


def test_no_panel_for_a_user_without_the_assistance_permission(fed, client_for):
    person, archive = _person_with_archive(fed)
    hotline = make_user("hotline_x", org=fed.henan, role=fed.roles["hotline_operator"])
    assert selectors.archives_of_person(hotline, person) == []
    response = client_for(hotline).get(f"/people/{person.pk}/")
    if response.status_code == 200:  # the people app lets this role open the person
        page = response.content.decode()
        assert "assistance-panel" not in page and archive.number not in page


def test_an_outsider_gets_neither_the_person_nor_the_archive(fed, client_for):
    person, _archive = _person_with_archive(fed)
    assert selectors.archives_of_person(fed.outsider, person) == []
    assert client_for(fed.outsider).get(f"/people/{person.pk}/").status_code == 404


def test_the_archive_page_links_to_the_person_when_the_user_may_open_it(fed, client_for):
    person, archive = _person_with_archive(fed)
    page = client_for(fed.grassroots_admin).get(f"/assistance/{archive.pk}/").content.decode()
    assert f'href="/people/{person.pk}/"' in page


# --- Figures -------------------------------------------------------------------------------


def _relief(by, archive, **extra):
    fields = {
        "programme": "warmth",
        "archive": archive,
        "organization": archive.organization,
        "fund_source": "upper",
        "amount_fen": 80000,
        "given_date": dt.date(2026, 1, 15),
    }
    fields.update(extra)
    return services.record_relief(by=by, **fields)


def test_the_dashboard_figures_count_the_period_within_the_scope(fed):
    keys = {f.key for f in all_figures()}
    assert {"assistance.paid", "assistance.households_visited"} <= keys
    archive = make_archive(fed.grassroots_admin, fed.grassroots, status=Status.ACTIVE)
    _relief(fed.officer, archive)
    _relief(fed.officer, archive, programme="education", amount_fen=200000)
    _relief(fed.officer, archive, given_date=dt.date(2025, 1, 15))  # outside the period
    loudi = make_archive(fed.outsider, fed.loudi_grassroots, status=Status.ACTIVE)
    _relief(fed.outsider, loudi, amount_fen=999900)
    period = Period(dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    figures = {f.key: f for f in all_figures()}

    def value(key, user):
        return figures[key].compute(user, period)

    assert value("assistance.paid", fed.province_admin) == 280000
    assert value("assistance.households_visited", fed.province_admin) == 1
    assert value("assistance.students", fed.province_admin) == 1
    assert value("assistance.paid", fed.outsider) == 999900
    # A user who may not see relief records gets no value, not a zero.
    assert value("assistance.paid", fed.liaison) is None


def test_the_dashboard_shows_assistance_paid(fed, client_for):
    archive = make_archive(fed.grassroots_admin, fed.grassroots, status=Status.ACTIVE)
    _relief(fed.officer, archive, given_date=timezone.localdate(), amount_fen=123400)
    page = client_for(fed.province_admin).get(reverse("dashboards:home")).content.decode()
    assert 'data-figure="assistance.paid"' in page
    assert 'data-value="123400"' in page


# --- 公示 through the notices app -----------------------------------------------------------


def _approved(fed, **extra):
    archive = make_archive(fed.grassroots_admin, fed.grassroots, status=Status.APPROVED, **extra)
    return archive


def test_establishing_with_notice_opens_a_de_identified_notice(fed, client):
    archive = _approved(fed, worker_name="钱秀英", phone="13977778888")
    services.establish_archive(archive=archive, by=fed.officer, tier="deep", open_notice=True)
    archive.refresh_from_db()
    assert archive.status == Status.ACTIVE and archive.notice_opened
    notice = Notice.objects.get(source_id=archive.pk, source_type__model="archive")
    assert notice.organization == fed.grassroots
    (entry,) = notice.entries.all()
    assert (entry.masked_name, entry.unit, entry.detail) == (
        "钱**",
        fed.grassroots.name,
        "深度困难",
    )
    assert entry.ref_id == archive.pk
    public = client.get(f"/notices/public/{notice.pk}/")
    assert public.status_code == 200
    text = public.content.decode()
    assert "钱**" in text and "深度困难" in text
    for secret in ("钱秀英", archive.id_number, "13977778888", "尿毒症", "6222021234567890123"):
        assert secret not in text
    api = client.get(f"/api/v1/notices/public/{notice.pk}").content.decode()
    assert "钱秀英" not in api and archive.id_number not in api


def test_establishing_without_notice_opens_none(fed):
    archive = _approved(fed)
    services.establish_archive(archive=archive, by=fed.officer, tier="relative")
    archive.refresh_from_db()
    assert archive.status == Status.ACTIVE and not archive.notice_opened
    assert not Notice.objects.filter(source_id=archive.pk, source_type__model="archive").exists()


def test_the_establish_page_opens_the_notice_when_asked(fed, client_for):
    archive = _approved(fed)
    response = client_for(fed.officer).post(
        f"/assistance/{archive.pk}/establish/",
        {"tier": "relative", "note": "", "open_notice": "on"},
    )
    assert response.status_code == 302
    assert Archive.objects.get(pk=archive.pk).notice_opened
    assert Notice.objects.filter(source_id=archive.pk, source_type__model="archive").count() == 1
