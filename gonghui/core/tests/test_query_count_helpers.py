"""The query-count helpers fail a page or selector that queries once per row, and pass one
that does not, so every list's query-count test can fail for the reason its name gives."""

import pytest
from django.http import HttpResponse

from gonghui.organizations.models import Department
from gonghui.testing import assert_constant_calls, assert_constant_queries, make_department


class FakeClient:
    """Stands in for the test client: `get` renders the departments with the given view."""

    def __init__(self, view):
        self.view = view

    def get(self, url, params=None):
        return HttpResponse(self.view())


def names_joined():
    return " ".join(d.name for d in Department.objects.select_related("organization"))


def names_with_org_per_row():
    return " ".join(f"{d.name}{d.organization.name}" for d in Department.objects.all())


def departments(fed):
    def make(indices):
        return [make_department(fed.zhengzhou, f"第{i}部").name for i in indices]

    return make


def test_page_with_one_query_per_row_fails(fed):
    with pytest.raises(AssertionError, match="queries with 2 rows") as failure:
        assert_constant_queries(FakeClient(names_with_org_per_row), "/x/", departments(fed))
    assert "organizations_organization" in str(failure.value)  # names the repeated query


def test_page_with_a_join_passes(fed):
    response = assert_constant_queries(FakeClient(names_joined), "/x/", departments(fed))
    assert "第3部" in response.content.decode()


def test_page_that_does_not_show_the_rows_fails(fed):
    with pytest.raises(AssertionError, match="does not show the rows"):
        assert_constant_queries(FakeClient(lambda: "空"), "/x/", departments(fed))


def test_selector_with_one_query_per_row_fails(fed):
    def per_row():
        return [d.organization.name for d in Department.objects.all()]

    with pytest.raises(AssertionError, match="queries with 2 rows"):
        assert_constant_calls(per_row, departments(fed))


def test_selector_with_a_join_passes(fed):
    def joined():
        return [d.organization.name for d in Department.objects.select_related("organization")]

    assert assert_constant_calls(joined, departments(fed)) == [1, 1]
