"""The staff API: scoped, masked, workflow verbs, statistics."""

from gonghui.core.models import AuditEntry
from gonghui.testing import assert_constant_queries
from gonghui.wishes.models import Wish
from gonghui.wishes.workflow import Status

from .factories import make_wish, wishes_in_new_units


def test_list_is_scoped_and_masked(fed, client_for):
    for _ in range(5):
        make_wish(fed.grassroots, Status.CLAIMED)
    make_wish(fed.loudi_grassroots, Status.PUBLISHED)
    client = client_for(fed.province_admin)
    body = client.get("/api/v1/wishes/").json()
    assert body["count"] == 5
    item = body["items"][0]
    assert (item["worker_name"], item["worker_phone"]) == ("王**", "139****5678")
    assert item["claimant_phone"] == "137****1111"
    assert "worker_address" not in item and "hardship" not in item


def test_list_queries_do_not_grow_with_wishes(fed, client_for):
    client = client_for(fed.province_admin)
    assert_constant_queries(client, "/api/v1/wishes/", wishes_in_new_units(fed), most=8)


def test_outsider_sees_nothing(fed, client_for):
    wish = make_wish(fed.grassroots, Status.PUBLISHED)
    client = client_for(fed.outsider)
    assert client.get("/api/v1/wishes/").json()["count"] == 0
    assert client.get(f"/api/v1/wishes/{wish.pk}").status_code == 404
    assert client.get("/api/v1/wishes/statistics").json()["totals"]["published"] == 0


def test_collect_and_walk_the_workflow(fed, client_for):
    client = client_for(fed.province_admin)
    response = client.post(
        "/api/v1/wishes/",
        {
            "organization_id": fed.grassroots.pk,
            "title": "一台电风扇",
            "category": "living",
            "amount_band": "le300",
            "worker_name": "赵桂芝",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    for verb in ("vet", "publish"):
        r = client.post(f"/api/v1/wishes/{pk}/{verb}", {}, content_type="application/json")
        assert r.status_code == 200, r.content
    assert Wish.objects.get(pk=pk).status == Status.PUBLISHED
    refused = client.post(f"/api/v1/wishes/{pk}/thank", {}, content_type="application/json")
    assert refused.status_code == 400
    assert "不能执行" in refused.json()["detail"]


def test_sensitive_needs_permission_and_is_audited(fed, client_for):
    wish = make_wish(fed.grassroots, Status.CLAIMED)
    assert (
        client_for(fed.province_admin).get(f"/api/v1/wishes/{wish.pk}/sensitive").status_code == 403
    )
    body = client_for(fed.officer).get(f"/api/v1/wishes/{wish.pk}/sensitive").json()
    assert body["worker_phone"] == "13912345678"
    assert AuditEntry.objects.filter(action=AuditEntry.Action.VIEW_SENSITIVE).count() == 1


def test_statistics(fed, client_for):
    make_wish(fed.grassroots, Status.CLAIMED)
    body = client_for(fed.province_admin).get("/api/v1/wishes/statistics").json()
    assert body["totals"]["published"] == 1 and body["totals"]["claimed"] == 1
    assert body["rows"][0]["organization_name"] == "郑州市总工会"
    assert body["sentence"].startswith("目前全省困难职工已发布微心愿1个")


def test_anonymous_is_401(client, db):
    assert client.get("/api/v1/wishes/").status_code == 401
