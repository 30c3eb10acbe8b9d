"""Staff API: scoped list, register with ids resolved through the scope, the version check."""

import pytest

from gonghui.core.concurrency import version_of
from gonghui.stations.models import Station

from .factories import kind, make_station, service


def body(org, **extra):
    return {
        "code": "API1",
        "name": "接口驿站",
        "kind_id": kind().pk,
        "organization_id": org.pk,
        "address": "某路 1 号",
        "latitude": 34.7,
        "longitude": 113.6,
        "service_ids": [service("water").pk],
        "hours_text": "1-7 06:00-22:00",
        **extra,
    }


@pytest.mark.django_db
def test_outsider_lists_nothing_and_cannot_read(fed, client_for):
    station = make_station(fed.zhengzhou)
    client = client_for(fed.outsider)
    assert client.get("/api/v1/stations/").json()["items"] == []
    assert client.get(f"/api/v1/stations/{station.pk}").status_code == 404


@pytest.mark.django_db
def test_register_and_edit_through_the_api(fed, client_for):
    client = client_for(fed.city_admin)
    response = client.post("/api/v1/stations/", body(fed.jinshui), content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["service_ids"] == [service("water").pk]
    station = Station.objects.get(pk=data["id"])
    stale = data["version"]
    ok = client.put(
        f"/api/v1/stations/{station.pk}",
        body(fed.jinshui, name="改名", version=stale),
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["name"] == "改名"
    conflict = client.put(
        f"/api/v1/stations/{station.pk}",
        body(fed.jinshui, name="再改", version=stale),
        content_type="application/json",
    )
    assert conflict.status_code == 409
    station.refresh_from_db()
    assert station.name == "改名" and version_of(station) != stale


@pytest.mark.django_db
def test_organisation_outside_the_scope_is_not_found(fed, client_for):
    client = client_for(fed.city_admin)
    response = client.post("/api/v1/stations/", body(fed.loudi), content_type="application/json")
    assert response.status_code == 404
    assert not Station.objects.exists()


# --- usage (人次) and 星级评定 ----------------------------------------------------------------


def _checklist():
    from gonghui.stations.models import InspectionItem

    items = list(InspectionItem.objects.filter(is_active=True))
    return items or [
        InspectionItem.objects.create(code=f"i{n}", name=f"检查项{n}", max_score=25)
        for n in range(4)
    ]


@pytest.mark.django_db
def test_monthly_usage_is_recorded_listed_and_totalled_within_the_scope(fed, client_for):
    import datetime as dt

    mine = make_station(fed.jinshui)
    make_station(fed.loudi)
    client = client_for(fed.city_admin)
    last_year = dt.date.today().year - 1
    url = f"/api/v1/stations/{mine.pk}/usage"
    for month, visits in (("03", 120), ("04", 80), ("03", 150)):  # March entered twice
        response = client.post(
            url,
            {"month": f"{last_year}-{month}", "visits": visits},
            content_type="application/json",
        )
        assert response.status_code == 200, response.content
    assert [(u["month"], u["visits"]) for u in client.get(url).json()] == [
        (f"{last_year}-04", 80),
        (f"{last_year}-03", 150),
    ]
    totals = client.get("/api/v1/stations/usage/monthly", {"year": last_year}).json()
    assert [t["visits"] for t in totals][2:4] == [150, 80] and len(totals) == 12
    # Another province's admin sees none of it and cannot write to the station.
    outsider = client_for(fed.outsider)
    assert outsider.get(url).status_code == 404
    assert (
        outsider.post(
            url, {"month": f"{last_year}-05", "visits": 1}, content_type="application/json"
        ).status_code
        == 404
    )
    totals = outsider.get("/api/v1/stations/usage/monthly", {"year": last_year}).json()
    assert sum(t["visits"] for t in totals) == 0


@pytest.mark.django_db
def test_usage_of_a_future_month_or_a_bad_month_is_refused(fed, client_for):
    import datetime as dt

    station = make_station(fed.jinshui)
    client = client_for(fed.city_admin)
    url = f"/api/v1/stations/{station.pk}/usage"
    future = f"{dt.date.today().year + 1}-01"
    assert (
        client.post(
            url, {"month": future, "visits": 5}, content_type="application/json"
        ).status_code
        == 400
    )
    assert (
        client.post(
            url, {"month": "2025-13", "visits": 5}, content_type="application/json"
        ).status_code
        == 400
    )


@pytest.mark.django_db
def test_star_rating_is_recorded_and_the_station_leaves_the_not_inspected_list(fed, client_for):
    import datetime as dt

    items = _checklist()
    station = make_station(fed.jinshui)
    other = make_station(fed.jinshui)
    client = client_for(fed.city_admin)
    assert {i["id"] for i in client.get("/api/v1/stations/inspection-items").json()} == {
        i.pk for i in items
    }
    year = dt.date.today().year
    listed = client.get("/api/v1/stations/not-inspected", {"year": year}).json()["items"]
    assert {s["id"] for s in listed} == {station.pk, other.pk}
    body = {
        "inspected_on": f"{year}-01-01",
        "inspector": "张检查",
        "scores": [{"item_id": i.pk, "score": i.max_score} for i in items],
    }
    url = f"/api/v1/stations/{station.pk}/inspections"
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["stars"] == 5 and response.json()["score"] == sum(
        i.max_score for i in items
    )
    assert [i["year"] for i in client.get(url).json()] == [year]
    listed = client.get("/api/v1/stations/not-inspected", {"year": year}).json()["items"]
    assert [s["id"] for s in listed] == [other.pk]
    # A missing item's score is refused with the field named.
    short = dict(body, scores=body["scores"][1:])
    refused = client.post(
        f"/api/v1/stations/{other.pk}/inspections", short, content_type="application/json"
    )
    assert refused.status_code == 400 and f"item_{items[0].pk}" in refused.json()["errors"]
    # The outsider neither reads nor records it.
    outsider = client_for(fed.outsider)
    assert outsider.get(url).status_code == 404
    assert outsider.post(url, body, content_type="application/json").status_code == 404
    assert outsider.get("/api/v1/stations/not-inspected").json()["items"] == []
