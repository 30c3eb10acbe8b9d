"""Keyword search goes through the n-gram index, finds substrings of Chinese text exactly, stays in
step with edits, deletes and imports, respects scope, and caps its count."""

import datetime as dt

from gonghui.activities import search, selectors, services
from gonghui.activities.models import Activity
from gonghui.activities.selectors import ActivityFilter, ActivityList

from .factories import make_activity


def _titles(user, q, **filters):
    return sorted(
        a.title for a in selectors.activities_for_user(user, ActivityFilter(q=q, **filters))
    )


def test_tokens_are_characters_and_bigrams_of_runs():
    assert set(search.tokens_of("读书会，AB")) == {"读", "书", "读书", "会", "书会", "a", "b", "ab"}
    assert search.query_tokens("读书会") == ["读书", "书会"]
    assert search.query_tokens("书") == ["书"]
    assert search.query_tokens("“ ”") == []


def test_search_finds_substrings_through_the_index(fed):
    admin = fed.province_admin
    make_activity(admin, organization=fed.grassroots, title="职工读书分享会")
    make_activity(admin, organization=fed.grassroots, title="读书", place="金水区图书馆")
    make_activity(admin, organization=fed.grassroots, title="书读百遍")  # bigrams 书读, 读百
    assert _titles(admin, "读书") == ["职工读书分享会", "读书"]
    assert _titles(admin, "书分享") == ["职工读书分享会"]
    assert _titles(admin, "图书馆") == ["读书"]  # the place is searched too
    assert _titles(admin, "书") == ["书读百遍", "职工读书分享会", "读书"]
    # All bigrams present but not adjacent in this order: the exact check drops it.
    make_activity(admin, organization=fed.grassroots, title="分享读书；书分")
    assert _titles(admin, "书分享") == ["职工读书分享会"]


def test_search_query_uses_the_index_table(fed):
    make_activity(fed.province_admin, organization=fed.grassroots, title="职工读书分享会")
    sql = str(selectors.activities_for_user(fed.province_admin, ActivityFilter(q="读书")).query)
    assert search.TABLE in sql


def test_index_follows_edits_and_deletes(fed):
    admin = fed.province_admin
    activity = make_activity(admin, organization=fed.grassroots, title="春季运动会")
    services.update_activity(by=admin, activity=activity, title="秋季运动会")
    assert _titles(admin, "春季") == []
    assert _titles(admin, "秋季") == ["秋季运动会"]
    services.delete_activity(by=admin, activity=Activity.objects.get(pk=activity.pk))
    assert _titles(admin, "运动") == []


def test_rebuild_indexes_rows_written_in_bulk(fed):
    activity = make_activity(fed.province_admin, organization=fed.grassroots, title="道德讲堂")
    Activity.objects.filter(pk=activity.pk).update(title="身边好人")  # behind the services' back
    assert _titles(fed.province_admin, "好人") == []
    assert search.rebuild() == 1
    assert _titles(fed.province_admin, "好人") == ["身边好人"]


def test_rebuild_reads_every_activity_once_in_finished_chunks(fed, django_assert_num_queries):
    made = [
        make_activity(fed.province_admin, organization=fed.grassroots, title=f"活动{i}").pk
        for i in range(7)
    ]
    # Three queries each read to the end (3 + 3 + 1 rows), not one read left open while the
    # index is written: on SQLite an open read pins the write-ahead log for the whole rebuild.
    with django_assert_num_queries(3):
        rows = list(search.all_rows(Activity, chunk=3))
    assert [row[0] for row in rows] == sorted(made)


def test_search_respects_scope(fed):
    make_activity(fed.province_admin, organization=fed.zhengzhou, title="郑州读书会")
    make_activity(fed.province_admin, organization=fed.grassroots, title="金水读书会")
    assert _titles(fed.grassroots_admin, "读书") == ["金水读书会"]


def test_search_count_is_capped(fed, monkeypatch):
    monkeypatch.setattr(ActivityList, "SEARCH_CAP", 2)
    for day in range(1, 5):
        make_activity(
            fed.province_admin,
            organization=fed.grassroots,
            title="健步走",
            start=dt.date(2020, 5, day),
        )
    listing = ActivityList(fed.province_admin, ActivityFilter(q="健步"))
    assert (listing.count(), listing.capped) == (2, True)
    assert len(listing[0:4]) == 4
    exact = ActivityList(
        fed.province_admin, ActivityFilter(q="健步走", date_to=dt.date(2020, 5, 2))
    )
    assert (exact.count(), exact.capped) == (2, False)


def test_list_page_says_more_when_capped(fed, client_for, monkeypatch):
    monkeypatch.setattr(ActivityList, "SEARCH_CAP", 1)
    for day in (1, 2):
        make_activity(
            fed.province_admin,
            organization=fed.grassroots,
            title="健步走",
            start=dt.date(2020, 5, day),
        )
    html = client_for(fed.province_admin).get("/activities/?q=健步").content.decode()
    assert "1+" in html


def _walk_pages(user, filters, size=3):
    listing = ActivityList(user, filters)
    pages, start = [], 0
    while True:
        page = [a.pk for a in listing[start : start + size]]
        if not page:
            return pages
        pages.append(page)
        start += size


def test_a_common_word_walks_newest_first_and_finds_the_pages_the_index_would(fed, monkeypatch):
    """Above the cap a page is found by walking the scope newest first in chunks (several
    activities a day, hits and misses mixed, in two subtrees); it must be the very page the
    index path gives, for a whole province, a subtree, a type and a period, and a user whose
    scope has no roll-ups."""
    admin = fed.province_admin
    titles = ["健步走", "读书会", "健步行", "书画展", "职工健步", "篮球赛"]
    for i in range(36):
        make_activity(
            admin,
            organization=fed.grassroots if i % 3 else fed.zhengzhou,
            title=titles[i % len(titles)],
            start=dt.date(2020, 3, 1) + dt.timedelta(days=i // 4),
        )
    cases = [
        (admin, ActivityFilter(q="健步")),
        (admin, ActivityFilter(q="健步", organization=fed.zhengzhou)),
        (admin, ActivityFilter(q="健步", date_from=dt.date(2020, 3, 3))),
        (fed.grassroots_admin, ActivityFilter(q="健步")),
    ]
    expected = {}
    for i, (user, filters) in enumerate(cases):
        index_order = selectors.activities_for_user(user, filters)
        expected[i] = [a.pk for a in index_order]
        assert expected[i], filters
    monkeypatch.setattr(ActivityList, "SEARCH_CAP", 2)
    monkeypatch.setattr(ActivityList, "SEARCH_CHUNK", 5)
    walked = []
    real_walk = ActivityList._walk

    def spy(self, start, stop):
        found = real_walk(self, start, stop)
        walked.append(found is not None)
        return found

    monkeypatch.setattr(ActivityList, "_walk", spy)
    for i, (user, filters) in enumerate(cases):
        pages = _walk_pages(user, filters)
        assert [pk for page in pages for pk in page] == expected[i], filters
    assert walked and all(walked)

    # A walk that has not filled its page within the window gives way to the index.
    monkeypatch.setattr(ActivityList, "SEARCH_WINDOW", 5)
    walked.clear()
    assert [
        pk for page in _walk_pages(admin, ActivityFilter(q="健步"), size=12) for pk in page
    ] == (expected[0])
    assert False in walked
