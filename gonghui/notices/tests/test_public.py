"""The public notice: masked names, unit and award while it runs; after the end no names; the
objection form (honeypot, rate limit); the printable version."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from gonghui.notices import services
from gonghui.notices.models import NoticeEntry, Objection
from gonghui.testing import make_person

from .factories import make_notice

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def test_the_full_name_never_enters_the_notice(fed):
    notice = make_notice(fed)
    assert list(
        NoticeEntry.objects.filter(notice=notice).values_list("masked_name", flat=True)
    ) == [
        "张**",
        "欧阳**",
    ]


def test_the_public_page_shows_masked_names_and_no_id_or_phone(fed, client):
    person = make_person(fed.grassroots, name="王秀英", phone="13700002222")
    notice = make_notice(
        fed,
        entries=[{"name": person.name, "unit": "宏达机械", "detail": "五一劳动奖章"}],
    )
    body = client.get(reverse("notices:public", args=[notice.pk])).content.decode()
    assert "王**" in body and "宏达机械" in body and "五一劳动奖章" in body
    for secret in ("王秀英", person.id_number, person.phone):
        assert secret not in body
    assert "提出异议" in body
    printed = client.get(reverse("notices:public_print", args=[notice.pk])).content.decode()
    assert "王**" in printed and "王秀英" not in printed


def test_after_closing_the_page_says_ended_and_lists_no_names(fed, client):
    notice = make_notice(fed, opens_at=timezone.now() - dt.timedelta(days=30))
    services.run_clock()
    body = client.get(reverse("notices:public", args=[notice.pk])).content.decode()
    assert "已结束" in body
    assert "张**" not in body and "欧阳**" not in body
    assert "提出异议" not in body
    api = client.get(f"/api/v1/notices/public/{notice.pk}").json()
    assert api["is_ended"] and api["entries"] == []


def test_scheduled_and_withdrawn_notices_are_not_public(fed, client):
    later = make_notice(fed, opens_at=timezone.now() + dt.timedelta(days=1))
    assert client.get(reverse("notices:public", args=[later.pk])).status_code == 404
    gone = make_notice(fed)
    services.withdraw_notice(notice=gone, by=fed.province_admin, reason="名单有误")
    assert client.get(reverse("notices:public", args=[gone.pk])).status_code == 404


def test_anyone_can_object_on_the_page(fed, client):
    notice = make_notice(fed)
    entry = notice.entries.get(position=2)
    url = reverse("notices:public", args=[notice.pk])
    response = client.post(
        url,
        {"entry": entry.pk, "content": "不符合条件", "name": "赵六", "phone": "138 0000 1111"},
    )
    assert response.status_code == 302
    objection = Objection.objects.get()
    assert objection.entry == entry and objection.phone == "13800001111"
    assert objection.phone_masked == "138****1111"


def test_the_honeypot_saves_nothing_and_bad_phones_are_refused(fed, client):
    notice = make_notice(fed)
    url = reverse("notices:public", args=[notice.pk])
    data = {"content": "x", "name": "赵六", "phone": "13800001111", "website": "http://spam"}
    assert client.post(url, data).status_code == 302
    assert client.post(url, {**data, "website": "", "phone": "123"}).status_code == 400
    assert not Objection.objects.exists()


def test_objections_are_rate_limited(fed, client, settings):
    settings.GONGHUI_OBJECTIONS_PER_IP = 2
    notice = make_notice(fed)
    url = reverse("notices:public", args=[notice.pk])
    data = {"content": "x", "name": "赵六", "phone": "13800001111"}
    codes = [client.post(url, data).status_code for _ in range(3)]
    assert codes == [302, 302, 429]
    assert Objection.objects.count() == 2


def test_the_public_api_takes_an_objection(fed, client):
    notice = make_notice(fed)
    response = client.post(
        f"/api/v1/notices/public/{notice.pk}/objections",
        {"name": "赵六", "phone": "13800001111", "content": "不实"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert Objection.objects.count() == 1


def test_the_api_honeypot_answers_the_same_and_saves_nothing(fed, client):
    notice = make_notice(fed)
    response = client.post(
        f"/api/v1/notices/public/{notice.pk}/objections",
        {"name": "赵六", "phone": "13800001111", "content": "不实", "website": "x"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert not Objection.objects.exists()
