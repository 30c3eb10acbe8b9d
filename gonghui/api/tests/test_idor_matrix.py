"""The IDOR matrix: every page route (walked from the URL resolver) and every API operation (read
from the OpenAPI), requested by an outsider (娄底, another province, with a role) and anonymously,
with every path parameter — and every id in a query or body — set to a record of the 河南 victim.

No URL is listed by hand: a new route is requested automatically, and the test fails when a route
has a parameter it does not know how to fill, so the parameter must be taught below (FILL)."""

import io
import re
import zipfile
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from gonghui.accounts.models import ApiToken
from gonghui.campaigns.tests.factories import png_bytes
from gonghui.testing import app_test_modules

from .world import MARK, SECRETS, build_world

pytestmark = [pytest.mark.django_db]

API_NAMESPACE = "api-1.0.0"

# A parameter is filled from the victim's records by its name, or — for a bare `pk`/`id` — by the
# literal path segment just before it (`people/<pk>/` → a person). Values are world kinds.
BY_NAME = {
    "org_id": "organization",
    "parent_pk": "organization",
    "person_id": "person",
    "campaign_id": "campaign",
    "campaign_pk": "campaign",
    "version_id": "version",
    "assignment_id": "assignment",
    "activity_id": "activity",
    "photo_pk": "activity_photo",
    "wish_id": "wish",
    "station_id": "station",
    "event_id": "event",
    "signup_id": "signup",
    "hours_id": "hours",
    "problem_id": "problem",
    "visit_id": "visit",
    "volunteer_id": "volunteer",
    "organization_id": "organization",
    "parent_id": "organization",
    "new_parent_id": "organization",
    "department_id": "department",
    "leader_id": "person",
    "liaison_id": "user",
    "indicator_id": "indicator",
    "type_id": None,  # activity types are shared reference data
    "activity_type_id": None,
}
BY_SEGMENT = {
    "orgs": "organization",
    "organizations": "organization",
    "people": "person",
    "tokens": "token",
    "campaigns": "campaign",
    "frameworks": "version",
    "nodes": "node",
    "tasks": "assignment",
    "items": "evidence",
    "files": "evidence_file",
    "links": "link",
    "reports": "monthly_report",
    "status": "export",
    "download": "export",
    "activities": "activity",
    "teams": "team",
    "volunteers": "volunteer",
    "events": "event",
    "signups": "signup",
    "hours": "hours",
    "visits": "visit",
    "problems": "problem",
    "public": "event",
    "wishes": "wish",
    "stations": "station",
    "ingest": "document",
    "documents": "document",
    "proposals": "proposal",
}
# Parameters that are not record ids: the values to try, by route name (page) or path (API).
VERBS = {
    "volunteering:event_action": ["close", "cancel"],
    "volunteering:signup_action": ["check_in", "withdraw"],
    "volunteering:hours_action": ["approve", "reject"],
    "wishes:transition": ["publish", "withdraw"],
    "/api/v1/wishes/{wish_id}/{verb}": ["publish"],
    "/api/v1/ledger/tasks/{assignment_id}/evidence/{verb}": ["submit", "approve"],
}

# Pages anyone may open, and what they show (each with its reason). Everything else must send an
# anonymous visitor to sign in (or answer 401/403/404/405).
PUBLIC_PAGES = {
    "accounts:login": "the sign-in page",
    "set_language": "the language switch",
    "admin:login": "the admin sign-in page",
    "admin:logout": "signing out of the admin (nothing to show)",
    "portal:home": "the public portal",
    "portal:wish_board": "the public wish board: published wishes, names masked",
    "portal:wish_detail": "a published wish on the public board (title public, names masked)",
    "volunteering:public_events": "the public list of open volunteer events",
    "stations:finder": "the public station finder: nearest open stations, public fields only",
    "stations:public_detail": "a station's public page (its QR code's target), no staff fields",
    "api-1.0.0:openapi-json": "the API description",
    "api-1.0.0:openapi-view": "the API docs page",
}
# Health probes for the process supervisor: public, and 503 is their way of saying "unhealthy".
HEALTH_PAGES = {"healthz": "liveness and readiness of the site, the worker and the scheduler"}
# Pages every signed-in user may read whatever their organisation, with the reason.
SHARED_PAGES = {
    "campaigns:framework_version": "测评体系 are national reference data, not an organisation's",
    "campaigns:framework_export": "测评体系 are national reference data, not an organisation's",
}
# API operations open without credentials (auth=None), with the reason.
PUBLIC_OPERATIONS = {
    "GET /api/v1/public/wishes": "the public wish board",
    "GET /api/v1/public/wishes/{wish_id}": "a published wish, as on the public board",
    "POST /api/v1/public/wishes/{wish_id}/claim": "anyone may claim a published wish",
    "GET /api/v1/volunteering/public/events": "open volunteer events",
    "GET /api/v1/stations/public/nearest": "the public station finder, public fields only",
    "GET /api/v1/stations/public/{station_id}": "a station's public record, public fields only",
    "POST /api/v1/volunteering/public/events/{event_id}/signups": "sign-up by volunteer number",
}
SHARED_OPERATIONS = {
    "GET /api/v1/campaigns/frameworks/{version_id}/yaml": "测评体系 are national reference data",
}
DENIED = {401, 403, 404, 405}


def _teach_from_apps() -> None:
    """An app teaches the matrix its own routes in `<app>/tests/idor.py` (BY_NAME, BY_SEGMENT,
    VERBS, PUBLIC_PAGES, PUBLIC_OPERATIONS, SHARED_PAGES, SHARED_OPERATIONS: dicts merged into
    the ones above), and builds its victim records there with `build(world)` (see world.py)."""
    for module in app_test_modules("idor"):
        for table in (BY_NAME, BY_SEGMENT, VERBS, PUBLIC_PAGES, PUBLIC_OPERATIONS):
            table.update(getattr(module, _table_name(table), {}))
        SHARED_PAGES.update(getattr(module, "SHARED_PAGES", {}))
        SHARED_OPERATIONS.update(getattr(module, "SHARED_OPERATIONS", {}))


def _table_name(table: dict) -> str:
    return {
        id(BY_NAME): "BY_NAME",
        id(BY_SEGMENT): "BY_SEGMENT",
        id(VERBS): "VERBS",
        id(PUBLIC_PAGES): "PUBLIC_PAGES",
        id(PUBLIC_OPERATIONS): "PUBLIC_OPERATIONS",
    }[id(table)]


_teach_from_apps()
# Route parameters that name something other than a record (a verb, a picker's source).
NOT_RECORDS = {"verb", "name"}


@dataclass
class Page:
    route: str
    name: str
    params: list[str]
    pattern: URLPattern


def _pages(resolver=None, prefix="", namespaces=()):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            spaces = namespaces + ((entry.namespace,) if entry.namespace else ())
            yield from _pages(entry, prefix + str(entry.pattern), spaces)
        else:
            name = ":".join((*namespaces, entry.name or ""))
            params = list(entry.pattern.regex.groupindex)
            yield Page(prefix + str(entry.pattern), name, params, entry)


class CannotFill(Exception):
    pass


def _kind_id(world, kind):
    if kind not in world.ids:
        raise CannotFill(f"the world has no record of kind {kind!r}")
    return world.ids[kind]


# Where the segment before a `pk` is ambiguous, the route's name says what it is.
BY_ROUTE = {
    "exports:status": "spreadsheet_export",
    "exports:download": "spreadsheet_export",
}


def _segment_before(route: str, param: str) -> str:
    head = re.split(rf"<(?:\w+:)?{param}>|\{{{param}\}}|\(\?P<{param}>", route, maxsplit=1)[0]
    literals = [
        s for s in re.split(r"/", re.sub(r"<[^>]*>|\{[^}]*\}|\(\?P<[^)]*\)", "", head)) if s
    ]
    return literals[-1] if literals else ""


def _fill(world, route: str, name: str, param: str) -> list[str]:
    """The values to try for one parameter of a route; CannotFill when the test is not taught."""
    if param == "verb":
        if name in VERBS or route in VERBS:
            return VERBS.get(name) or VERBS[route]
        raise CannotFill("teach VERBS the verbs of this route")
    if name.startswith("admin:") or route.startswith("admin/"):
        return [_fill_admin(world, route, param)]
    if name == "core:picker" and param == "name":
        from django.utils.module_loading import autodiscover_modules

        from gonghui.core import pickers

        autodiscover_modules("pickers")
        return sorted(pickers._SOURCES)
    if BY_NAME.get(param):
        return [str(_kind_id(world, BY_NAME[param]))]
    if param in ("pk", "id") and name in BY_ROUTE:
        return [str(_kind_id(world, BY_ROUTE[name]))]
    if param in ("pk", "id"):
        segment = _segment_before(route, param)
        if segment in BY_SEGMENT:
            return [str(_kind_id(world, BY_SEGMENT[segment]))]
        raise CannotFill(f"teach BY_SEGMENT what a {param} after {segment!r}/ is")
    raise CannotFill(f"teach BY_NAME the parameter {param!r}")


def _fill_admin(world, route: str, param: str) -> str:
    if param == "app_label":
        return re.search(r"\(\?P<app_label>(\w+)", route).group(1)
    if param == "url":
        return "people/"
    if param == "content_type_id":
        return str(ContentType.objects.get_for_model(apps.get_model("people", "Person")).pk)
    parts = [p for p in route.split("/") if p and "<" not in p and "(" not in p]
    if param == "object_id" and route.startswith("admin/r/"):
        return str(world.ids["person"])
    model = apps.get_model(parts[1], parts[2])
    first = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
    return str(first or 1)


def _urls(world, route: str, name: str, params: list[str]) -> list[str]:
    combos = [{}]
    for param in params:
        combos = [dict(c, **{param: v}) for c in combos for v in _fill(world, route, name, param)]
    urls = []
    for values in combos:
        path = route.replace("^", "").replace("$", "")
        for param, value in values.items():
            path = re.sub(rf"<(?:\w+:)?{param}>|\(\?P<{param}>[^)]*\)", value, path)
        urls.append("/" + path)
    return urls


def _text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":  # xlsx / docx / zip: look inside
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                return "".join(
                    archive.read(n).decode("utf-8", "replace") for n in archive.namelist()
                )
        except zipfile.BadZipFile:
            pass
    return content.decode("utf-8", "replace")


def _is_login_redirect(response) -> bool:
    if response.status_code not in (301, 302):
        return False
    location = response.get("Location", "")
    return location.startswith((reverse("accounts:login"), reverse("admin:login")))


@pytest.fixture
def world(fed, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_world(fed)


def test_every_page_route_refuses_the_outsider_and_the_anonymous(world, client):
    fed = world.fed
    problems, seen = [], 0
    for page in _pages():
        if page.name.startswith(f"{API_NAMESPACE}:") and page.name not in PUBLIC_PAGES:
            continue  # every API operation is requested below, with its method and body
        try:
            urls = _urls(world, page.route, page.name, page.params)
        except CannotFill as exc:
            problems.append(f"{page.name or page.route}: cannot fill {page.params}: {exc}")
            continue
        for url in urls:
            match = resolve(url.split("?")[0])
            assert match.func == page.pattern.callback or page.name.startswith("admin:"), url
            for persona in ("anonymous", "outsider"):
                for method in ("get", "post"):
                    client.logout()
                    if persona == "outsider":
                        client.force_login(fed.outsider)
                    response = getattr(client, method)(url)
                    seen += 1
                    problems += _page_problems(page, url, persona, method, response)
    assert seen > 200
    assert not problems, "\n".join(problems)


def _page_problems(page, url, persona, method, response) -> list[str]:
    where = f"{persona} {method.upper()} {url} ({page.name}) → {response.status_code}"
    status = response.status_code
    if status >= 500 and not (status == 503 and page.name in HEALTH_PAGES):
        return [f"{where}: server error"]
    body = _text(response)
    found = [s for s in SECRETS if s in body]
    if found:
        return [f"{where}: shows sensitive values {found}"]
    public = PUBLIC_PAGES.keys() | HEALTH_PAGES.keys()
    if page.name in public or (persona == "outsider" and page.name in SHARED_PAGES):
        return []
    if MARK in body:
        return [f"{where}: shows the victim's records"]
    if persona == "anonymous":
        if status in DENIED or _is_login_redirect(response):
            return []
        return [f"{where}: anonymous visitors must be sent to sign in"]
    records = [p for p in page.params if p not in NOT_RECORDS]
    if records and status not in DENIED and not _is_login_redirect(response):
        return [f"{where}: a victim's record must answer 403/404"]
    return []


# --- API operations, from the OpenAPI -------------------------------------------------------


def _operations(client):
    spec = client.get("/api/v1/openapi.json").json()
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            yield spec, path, method.upper(), operation


def _resolve_ref(spec, schema):
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _example(spec, world, name, schema, victim: list):
    """A valid value for one field: ids of the victim's records, plain values otherwise."""
    schema = _resolve_ref(spec, schema)
    if "anyOf" in schema:
        options = [s for s in schema["anyOf"] if s.get("type") != "null"]
        return _example(spec, world, name, options[0], victim) if options else None
    kind = schema.get("type")
    if name in BY_NAME and kind in ("integer", "array"):
        if BY_NAME[name] is None:
            from gonghui.activities.models import ActivityType

            return ActivityType.objects.values_list("pk", flat=True).first()
        victim.append(name)
        return world.ids[BY_NAME[name]]
    if name.endswith("_ids") and kind == "array":
        single = name[:-1]
        victim.append(name)
        return [world.ids[BY_NAME[single]]] if BY_NAME.get(single) else []
    if "enum" in schema:
        return schema["enum"][0]
    if schema.get("format") == "date":
        return "2020-05-01"
    if schema.get("format") == "date-time":
        return "2020-05-01T09:00:00+08:00"
    if schema.get("format") == "binary":
        return "file"
    if name == "period":
        return "2020-05"
    if name == "phone":
        return "13800001111"
    if name == "url":
        return "https://example.org/a"
    return {
        "integer": max(schema.get("minimum", 1), 2020) if name == "year" else 1,
        "number": 1,
        "string": "测试",
        "boolean": False,
        "array": [],
        "object": {},
    }.get(kind, "测试")


def _request(spec, world, path, method, operation):
    """(url, kwargs, names of fields holding victim ids) for one operation."""
    victim = []
    url = path
    for name in re.findall(r"{(\w+)}", path):
        value = _fill(world, path, name, name)[0]
        url = url.replace("{" + name + "}", value)
        victim.append(name)
    query = {}
    for parameter in operation.get("parameters", []):
        if parameter["in"] != "query":
            continue
        name = parameter["name"]
        if parameter.get("required") or (name.endswith("_id") and BY_NAME.get(name)):
            query[name] = _example(spec, world, name, parameter["schema"], victim)
    kwargs = {"data": query} if method == "GET" else {}
    if query and method != "GET":
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    body = operation.get("requestBody", {}).get("content", {})
    if "application/json" in body:
        schema = _resolve_ref(spec, body["application/json"]["schema"])
        data = {
            name: _example(spec, world, name, field, victim)
            for name, field in schema.get("properties", {}).items()
            if name in schema.get("required", []) or name in BY_NAME or name.endswith("_ids")
        }
        kwargs = {"data": data, "content_type": "application/json"}
    elif "multipart/form-data" in body:
        schema = _resolve_ref(spec, body["multipart/form-data"]["schema"])
        data = {}
        for name, field in schema.get("properties", {}).items():
            value = _example(spec, world, name, field, victim)
            if value == "file":
                value = io.BytesIO(png_bytes(3))
                value.name = "证明.png"
            data[name] = value
        kwargs = {"data": data}
    return url, kwargs, victim


def test_every_api_operation_refuses_the_outsider_and_the_anonymous(world, client):
    _token, key = ApiToken.generate(user=world.fed.outsider, name="outsider")
    outsider = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    problems, seen = [], 0
    for spec, path, method, operation in list(_operations(client)):
        label = f"{method} {path}"
        try:
            url, kwargs, victim = _request(spec, world, path, method, operation)
        except CannotFill as exc:
            problems.append(f"{label}: cannot fill: {exc}")
            continue
        for persona, headers in (("anonymous", {}), ("outsider", outsider)):
            response = getattr(client, method.lower())(url, **kwargs, **headers)
            seen += 1
            where = f"{persona} {label} {url} ({', '.join(victim) or 'no victim ids'})"
            where += f" → {response.status_code}"
            status, body = response.status_code, _text(response)
            if status >= 500:
                problems.append(f"{where}: server error")
            elif any(s in body for s in SECRETS):
                problems.append(f"{where}: shows sensitive values")
            elif label in PUBLIC_OPERATIONS or (
                persona == "outsider" and label in SHARED_OPERATIONS
            ):
                continue
            elif persona == "anonymous" and status != 401:
                problems.append(f"{where}: anonymous calls must answer 401")
            elif MARK in body:
                problems.append(f"{where}: shows the victim's records")
            elif (
                victim
                and status not in DENIED
                and not (status == 200 and set(victim) <= set(_optional_filters(operation)))
            ):
                problems.append(f"{where}: a victim's record must answer 403/404")
    assert seen > 100
    assert not problems, "\n".join(problems)


def _optional_filters(operation) -> list[str]:
    """Optional query filters: a list filtered by the victim's id may answer 200 with nothing of
    the victim in it (checked above by MARK)."""
    return [
        p["name"]
        for p in operation.get("parameters", [])
        if p["in"] == "query" and not p.get("required")
    ]


def test_a_route_with_an_unknown_parameter_must_be_taught(world):
    with pytest.raises(CannotFill):
        _urls(world, "things/<int:thing_id>/", "things:detail", ["thing_id"])
    with pytest.raises(CannotFill):
        _urls(world, "things/<int:pk>/", "things:detail", ["pk"])
