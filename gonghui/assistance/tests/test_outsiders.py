"""Outsiders see nothing: a 娄底 user (grassroots admin or the city's 帮扶专员) finds nothing of
河南's households on any page, API, export or statistic, and 河南's users nothing of 娄底's."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from gonghui.assistance import services
from gonghui.assistance.workflow import Status
from gonghui.testing import make_user

from .factories import make_archive

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 1, 20)


def _text(response) -> str:
    body = b"".join(response) if response.streaming else response.content
    if body[:2] == b"PK":  # an .xlsx
        book = load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(
            str(v)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for v in row
            if v is not None
        )
    return body.decode()


def _side(fed, *, by, org, name, amount, enterprise, worker, batch_name):
    archive = make_archive(by, org, status=Status.ACTIVE, worker_name=name)
    services.record_relief(
        by=by,
        organization=org,
        archive=archive,
        programme="medical",
        fund_source="own",
        amount_fen=amount,
        given_date=DAY,
    )
    services.create_enterprise(
        by=by, organization=org, name=enterprise, reason="停产", num_workers_affected=30
    )
    services.create_model_worker(
        by=by, organization=org, name=worker, level="city", title="劳动模范", year_awarded=2015
    )
    batch = services.plan_batch(
        by=fed.officer if org.path.startswith(fed.henan.path) else _loudi_officer(fed),
        organization=org,
        name=batch_name,
        fund_source="upper",
        budget_fen=amount * 10,
        planned_date=DAY,
    )
    return archive, batch


def _loudi_officer(fed):
    from django.contrib.auth import get_user_model

    found = get_user_model().objects.filter(username="loudi_officer").first()
    return found or make_user("loudi_officer", org=fed.loudi, role=fed.roles["assistance_officer"])


@pytest.fixture
def two_sides(fed):
    henan = _side(
        fed,
        by=fed.grassroots_admin,
        org=fed.grassroots,
        name="河南秘户",
        amount=777_700,
        enterprise="河南困难机械厂",
        worker="河南劳模甲",
        batch_name="河南春节送温暖",
    )
    loudi = _side(
        fed,
        by=fed.outsider,
        org=fed.loudi_grassroots,
        name="娄底秘户",
        amount=333_300,
        enterprise="娄底困难电力厂",
        worker="娄底劳模乙",
        batch_name="娄底春节送温暖",
    )
    return henan, loudi


PAGES = [
    "/assistance/",
    "/assistance/?status=active",
    "/assistance/relief/",
    "/assistance/batches/",
    "/assistance/enterprises/",
    "/assistance/model-workers/",
    "/assistance/statistics/",
    "/assistance/export/",
    "/assistance/relief/export/",
    "/assistance/batches/export/",
    "/assistance/enterprises/export/",
    "/assistance/model-workers/export/",
    "/api/v1/assistance/archives",
    "/api/v1/assistance/batches",
    "/api/v1/assistance/statistics",
]


def _check(client, own, other, *, own_words, other_words):
    (other_archive, other_batch) = other
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        text = _text(response)
        for word in other_words:
            assert word not in text, (url, word)
        assert other_archive.number not in text, url
    for url in (
        f"/assistance/{other_archive.pk}/",
        f"/assistance/batches/{other_batch.pk}/",
        f"/assistance/batches/{other_batch.pk}/signed-list/",
        f"/assistance/batches/{other_batch.pk}/signed-list/?print=1",
        f"/assistance/batches/{other_batch.pk}/bank-file/",
        f"/api/v1/assistance/archives/{other_archive.pk}",
        f"/api/v1/assistance/batches/{other_batch.pk}",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(
        f"/api/v1/assistance/archives/{other_archive.pk}/reveal",
        {"reason": "核对"},
        content_type="application/json",
    ).status_code in (403, 404)
    # Their own side is there, so the checks above looked at real pages.
    own_archive, _batch = own
    listing = client.get("/assistance/").content.decode()
    assert own_archive.number in listing
    stats = client.get("/api/v1/assistance/statistics").json()
    medical = next(p for p in stats["programmes"] if p["programme"] == "medical")
    assert medical["amount_fen"] == own_words["amount"]


def test_a_loudi_user_sees_nothing_of_henan(fed, client_for, two_sides):
    henan, loudi = two_sides
    henan_words = ["河南秘户", "河南困难机械厂", "河南劳模", "河南春节送温暖", "7,777", "7777"]
    for user in (fed.outsider, _loudi_officer(fed)):
        _check(
            client_for(user),
            loudi,
            henan,
            own_words={"amount": 333_300},
            other_words=henan_words,
        )


def test_henan_users_see_nothing_of_loudi(fed, client_for, two_sides):
    henan, loudi = two_sides
    loudi_words = ["娄底秘户", "娄底困难电力厂", "娄底劳模", "娄底春节送温暖", "3,333", "3333"]
    for user in (fed.province_admin, fed.officer, fed.city_admin, fed.grassroots_admin):
        _check(
            client_for(user),
            henan,
            loudi,
            own_words={"amount": 777_700},
            other_words=loudi_words,
        )
