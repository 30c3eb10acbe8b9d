"""Values no column can hold are refused by the schema (422), never reach the database (500)."""

import pytest

from gonghui.accounts.models import ApiToken
from gonghui.api.fields import MAX_BIGINT
from gonghui.api.pagination import MAX_PAGE, MAX_PAGE_SIZE

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, fed):
    _token, key = ApiToken.generate(user=fed.province_admin, name="test")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    class Api:
        def get(self, url, **query):
            return client.get(url, query, **headers)

        def post(self, url, body):
            return client.post(url, body, content_type="application/json", **headers)

    return Api()


@pytest.mark.parametrize("page", [MAX_PAGE + 1, 10**40, 0, -1])
def test_page_numbers_outside_the_cap_are_refused(api, page):
    assert api.get("/api/v1/organizations/", page=page).status_code == 422
    assert api.get("/api/v1/people/", page=page).status_code == 422


def test_page_size_is_capped(api):
    assert api.get("/api/v1/organizations/", page_size=MAX_PAGE_SIZE + 1).status_code == 422
    assert api.get("/api/v1/organizations/", page=MAX_PAGE, page_size=2).status_code == 200


@pytest.mark.parametrize("pk", [MAX_BIGINT + 1, 10**30, 0, -5])
def test_ids_outside_64_bits_or_below_one_are_refused(api, pk):
    assert api.get(f"/api/v1/people/{pk}").status_code == 422
    assert api.get("/api/v1/wishes/", organization_id=pk).status_code == 422


def test_the_largest_id_is_simply_not_found(api):
    assert api.get(f"/api/v1/people/{MAX_BIGINT}").status_code == 404


@pytest.mark.parametrize("year", [-2020, 0, 1899, 2101, 2**70])
def test_campaign_years_outside_1900_2100_are_refused(api, fed, year):
    response = api.post(
        "/api/v1/campaigns/",
        {
            "name": "年度创建",
            "kind": "unit",
            "year": year,
            "organization_id": fed.henan.pk,
            "version_id": 1,
            "assessment_date": "2020-11-30",
        },
    )
    assert response.status_code == 422


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31", "1899-12-31"])
def test_dates_outside_1900_2100_are_refused(api, date):
    assert api.get("/api/v1/activities/", date_from=date).status_code == 422
    assert api.get("/api/v1/wishes/statistics", end=date).status_code == 422


@pytest.mark.parametrize(
    "field, value", [("participants", 2**31), ("participants", -1), ("money", "1e20")]
)
def test_activity_figures_must_fit_their_columns(api, fed, field, value):
    body = {
        "title": "读书活动",
        "activity_type_id": 1,
        "organization_id": fed.grassroots.pk,
        "start_date": "2020-05-01",
        field: value,
    }
    assert api.post("/api/v1/activities/", body).status_code == 422
