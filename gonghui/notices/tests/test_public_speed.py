"""The public page of a long notice stays cheap: its lines, fixed once the notice is up, are
read once and then served from the cache (and its table rendered once); the objection drop-down
still lists every line, and an ended notice still shows none."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gonghui.core.privacy import mask_name
from gonghui.notices import services
from gonghui.notices.models import Notice

from .factories import make_notice

pytestmark = pytest.mark.django_db

LINES = [
    {"name": f"李{i:03d}号", "unit": f"第{i}车间", "detail": "五一劳动奖章"} for i in range(200)
]


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def _get(client, url):
    with CaptureQueriesContext(connection) as queries:
        body = client.get(url).content.decode()
    return body, len(queries.captured_queries)


def test_a_second_reading_takes_the_lines_from_the_cache(fed, client):
    notice = make_notice(fed, entries=LINES)
    url = reverse("notices:public", args=[notice.pk])
    first, first_queries = _get(client, url)
    again, again_queries = _get(client, url)
    assert again_queries == first_queries - 1
    for body in (first, again):
        assert body.count("第199车间") == 2  # the table and the objection drop-down
        assert mask_name("李199号") in body and "李199号" not in body


def test_a_notice_that_ends_stops_listing_despite_the_cache(fed, client):
    notice = make_notice(fed, entries=LINES)
    url = reverse("notices:public", args=[notice.pk])
    assert "第199车间" in client.get(url).content.decode()
    Notice.objects.filter(pk=notice.pk).update(closes_at=timezone.now() - dt.timedelta(minutes=1))
    services.run_clock()
    body = client.get(url).content.decode()
    assert "已结束" in body and "第199车间" not in body and mask_name("李199号") not in body
