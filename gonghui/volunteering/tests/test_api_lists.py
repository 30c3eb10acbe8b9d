"""The API's seven lists, declared once each, keep their handler names and query filters."""

import pytest

from gonghui.api.router import api

LISTS = {
    "teams": [],
    "volunteers": ["q"],
    "events": ["status"],
    "hours": ["status"],
    "pairings": [],
    "visits": ["kind"],
    "problems": ["status"],
}


@pytest.mark.parametrize("name", sorted(LISTS))
def test_each_list_is_named_and_filtered_as_declared(name):
    get = api.get_openapi_schema()["paths"][f"/api/v1/volunteering/{name}"]["get"]
    assert get["operationId"] == f"gonghui_volunteering_api_list_{name}"
    assert get["summary"] == f"List {name.title()}"
    params = {p["name"] for p in get["parameters"] if p["in"] == "query"}
    assert params == {"page", "page_size", *LISTS[name]}


def test_a_filter_narrows_the_list(fed, world, client_for):
    client = client_for(fed.province_admin)
    everything = client.get("/api/v1/volunteering/events").json()["items"]
    none = client.get("/api/v1/volunteering/events", {"status": "no-such-status"}).json()
    assert everything and none["items"] == []
