"""The REST API: authentication, scope identical to the pages, OpenAPI published."""

from gonghui.accounts.models import ApiToken
from gonghui.core.models import AuditEntry
from gonghui.testing import make_person, valid_id_number


def bearer(user):
    _token, key = ApiToken.generate(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_openapi_published(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/people/" in paths and "/api/v1/organizations/" in paths


def test_anonymous_gets_401(client, fed):
    assert client.get("/api/v1/people/").status_code == 401
    assert client.get("/api/v1/organizations/").status_code == 401


def test_bad_token_gets_401(client, fed):
    response = client.get("/api/v1/people/", HTTP_AUTHORIZATION="Bearer nope")
    assert response.status_code == 401


def test_token_auth_and_scope(client, fed):
    make_person(fed.grassroots, name="张建华")
    make_person(fed.loudi_grassroots, name="王建国")
    names = {
        p["name"]
        for p in client.get("/api/v1/people/", **bearer(fed.province_admin)).json()["items"]
    }
    assert names == {"张建华"}
    names = {
        p["name"] for p in client.get("/api/v1/people/", **bearer(fed.outsider)).json()["items"]
    }
    assert names == {"王建国"}


def test_session_auth(client_for, fed):
    response = client_for(fed.province_admin).get("/api/v1/organizations/")
    names = {o["name"] for o in response.json()["items"]}
    assert "河南省总工会" in names and "娄底市总工会" not in names


def test_people_masked_in_api(client, fed):
    person = make_person(fed.grassroots)
    item = client.get(f"/api/v1/people/{person.pk}", **bearer(fed.province_admin)).json()
    assert item["id_number"] == person.id_number_masked


def test_sensitive_endpoint_permission_and_audit(client, fed):
    person = make_person(fed.grassroots)
    url = f"/api/v1/people/{person.pk}/sensitive"
    assert client.get(url, **bearer(fed.province_admin)).status_code == 403
    response = client.get(url, **bearer(fed.officer))
    assert response.json()["id_number"] == person.id_number
    assert AuditEntry.objects.filter(action="view_sensitive", actor=fed.officer).exists()


def test_other_scope_detail_is_404(client, fed):
    person = make_person(fed.grassroots)
    assert client.get(f"/api/v1/people/{person.pk}", **bearer(fed.outsider)).status_code == 404
    response = client.get(f"/api/v1/organizations/{fed.henan.pk}", **bearer(fed.outsider))
    assert response.status_code == 404


def test_create_person_errors_in_chinese(client, fed):
    response = client.post(
        "/api/v1/people/",
        {"name": "王芳", "id_number": "123", "organization_id": fed.grassroots.pk},
        content_type="application/json",
        **bearer(fed.city_admin),
    )
    assert response.status_code == 400
    assert "18位" in response.json()["errors"]["id_number"]


def test_create_person_via_api(client, fed):
    response = client.post(
        "/api/v1/people/",
        {"name": "王芳", "id_number": valid_id_number(), "organization_id": fed.grassroots.pk},
        content_type="application/json",
        **bearer(fed.city_admin),
    )
    assert response.status_code == 201
    assert response.json()["name"] == "王芳"


def test_move_via_api(client, fed):
    response = client.post(
        f"/api/v1/organizations/{fed.jinshui.pk}/move",
        {"new_parent_id": fed.henan.pk},
        content_type="application/json",
        **bearer(fed.province_admin),
    )
    assert response.status_code == 200
    assert response.json()["parent_id"] == fed.henan.pk


def test_a_search_counts_its_matches_only_to_the_search_cap(client, fed, monkeypatch):
    """A keyword search through the API stops counting where the page does ("1 000+"); a plain
    list counts to the general cap."""
    from gonghui.core import pagination

    monkeypatch.setattr(pagination, "SEARCH_COUNT_CAP", 1)
    make_person(fed.grassroots, name="张三", phone="13800000001")
    make_person(fed.grassroots, name="张四", phone="13800000002")
    headers = bearer(fed.province_admin)
    searched = client.get("/api/v1/people/", {"q": "z"}, **headers).json()
    assert searched["count"] == 1 and searched["count_capped"] is True
    listed = client.get("/api/v1/people/", **headers).json()
    assert listed["count"] >= 2 and listed["count_capped"] is False
