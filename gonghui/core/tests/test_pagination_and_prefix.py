"""Capped counts for huge lists, and the index-friendly `prefix` lookup."""

from gonghui.core.pagination import CappedPaginator, capped_count
from gonghui.people.models import Person
from gonghui.testing import make_person


def test_capped_count(fed):
    for i in range(5):
        make_person(fed.grassroots, name=f"职工{i}")
    assert capped_count(Person.objects.all(), cap=3) == (3, True)
    assert capped_count(Person.objects.all(), cap=10) == (5, False)


def test_a_count_that_reached_its_cap_is_remembered_and_an_exact_one_is_not(
    fed, django_assert_num_queries
):
    for i in range(5):
        make_person(fed.grassroots, name=f"职工{i}")
    people = Person.objects.filter(organization=fed.grassroots)
    assert capped_count(people, cap=3) == (3, True)
    with django_assert_num_queries(0):
        assert capped_count(people, cap=3) == (3, True)
    # Another query (another scope, filter or cap) is counted for itself.
    with django_assert_num_queries(1):
        assert capped_count(people.filter(name="职工1"), cap=3) == (1, False)
    # Below the cap nothing is remembered: the count follows every write.
    with django_assert_num_queries(1):
        assert capped_count(people, cap=10) == (5, False)
    make_person(fed.grassroots, name="职工5")
    assert capped_count(people, cap=10) == (6, False)


def test_a_query_that_can_match_nothing_counts_zero(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert capped_count(Person.objects.filter(pk__in=[]), cap=3) == (0, False)


def test_capped_paginator_pages(fed):
    for i in range(5):
        make_person(fed.grassroots, name=f"职工{i}")
    paginator = CappedPaginator(Person.objects.order_by("pk"), 2, cap=3)
    assert paginator.count == 3 and paginator.is_capped
    assert paginator.num_pages == 2


def test_prefix_lookup_matches_only_prefixes(fed):
    make_person(fed.grassroots, name="张建华")
    make_person(fed.grassroots, name="张建")
    make_person(fed.grassroots, name="王张建")
    make_person(fed.grassroots, name="张_建")
    assert set(Person.objects.filter(name__prefix="张建").values_list("name", flat=True)) == {
        "张建华",
        "张建",
    }
    assert list(Person.objects.filter(name__prefix="张_").values_list("name", flat=True)) == [
        "张_建"
    ]


def test_capped_people_page_says_so(fed, client_for, settings, monkeypatch):
    monkeypatch.setattr("gonghui.core.pagination.COUNT_CAP", 2)
    monkeypatch.setattr(CappedPaginator.__init__, "__kwdefaults__", {"cap": 2})
    # The people list passes its own cap (the unfiltered list's), read when the view runs.
    monkeypatch.setattr("gonghui.people.views.COUNT_CAP", 2)
    for i in range(4):
        make_person(fed.grassroots, name=f"职工{i}")
    html = client_for(fed.province_admin).get("/people/").content.decode()
    assert "超过 1 万人" in html
