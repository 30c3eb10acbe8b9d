"""The OpenAPI says what the API does: every status code an operation answers is documented, no
two schemas share a name, and a caller without credentials is always told to sign in (401)."""

import typing

import pytest
from pydantic import BaseModel

from gonghui.api.router import api

pytestmark = pytest.mark.django_db


def _operations():
    for bound in api._get_bound_routers():
        for path, view in bound.path_operations.items():
            for operation in view.operations:
                yield f"{bound.prefix}{path}", operation


def _models(annotation, seen):
    """Every pydantic model reachable from an annotation (fields, lists, unions, aliases)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return
        seen.add(annotation)
        for field in annotation.model_fields.values():
            _models(field.annotation, seen)
        return
    for arg in typing.get_args(annotation):
        _models(arg, seen)


def schema_models() -> set[type[BaseModel]]:
    seen: set[type[BaseModel]] = set()
    for _path, operation in _operations():
        for model in operation.response_models.values():
            if model not in (None, Ellipsis) and hasattr(model, "model_fields"):
                _models(model, seen)
        for model in operation.models:
            _models(model, seen)
    # Ninja's per-operation wrappers are not components of the schema.
    return {m for m in seen if not m.__name__.startswith("Ninja") and m.__module__ != "ninja"}


def test_no_two_schemas_share_a_name():
    by_name: dict[str, set[str]] = {}
    for model in schema_models():
        by_name.setdefault(model.__name__, set()).add(f"{model.__module__}.{model.__qualname__}")
    clashes = {name: places for name, places in by_name.items() if len(places) > 1}
    assert not clashes, f"schema names used by more than one class: {clashes}"


def test_the_schemas_that_used_to_clash_are_distinct(client):
    components = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert {"ActivityStatisticsOut", "WishStatisticsOut"} <= set(components)
    assert {"ActivityIndicatorOut", "CampaignIndicatorOut"} <= set(components)
    assert "StatisticsOut" not in components and "IndicatorOut" not in components
    assert "rows" in components["WishStatisticsOut"]["properties"]
    assert "by_type" in components["ActivityStatisticsOut"]["properties"]


def test_every_operation_documents_the_shared_answers(client):
    spec = client.get("/api/v1/openapi.json").json()
    missing = []
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            codes = set(operation["responses"])
            expected = set()
            if operation.get("security"):
                expected.add("401")
            if operation.get("parameters") or operation.get("requestBody"):
                expected |= {"400", "404", "422"}
            for code in expected - codes:
                missing.append(f"{method.upper()} {path}: {code}")
            for code, response in operation["responses"].items():
                if code.startswith(("2", "4")) and code != "204" and "content" not in response:
                    missing.append(f"{method.upper()} {path}: {code} without a schema")
    assert not missing, "\n".join(missing)


def test_anonymous_writes_answer_401_whatever_the_path_accepts(client, fed):
    # a path that only reads
    assert client.post("/api/v1/people/1", {}, content_type="application/json").status_code == 401
    assert client.delete("/api/v1/campaigns/").status_code == 401
    # a write with an invalid body is still a question of who is asking first
    assert client.post("/api/v1/people/", "[]", content_type="application/json").status_code == 401


def test_anonymous_write_with_a_stray_session_cookie_is_401_not_a_csrf_403(fed):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.cookies["sessionid"] = "stale"
    client.cookies["csrftoken"] = "x" * 32
    response = client.post("/api/v1/people/", {}, content_type="application/json")
    assert response.status_code == 401


def test_a_signed_in_user_still_gets_405_and_needs_csrf(client_for, fed):
    from django.test import Client

    assert client_for(fed.province_admin).delete("/api/v1/campaigns/").status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(fed.province_admin)
    response = strict.post("/api/v1/people/", {}, content_type="application/json")
    assert response.status_code == 403
