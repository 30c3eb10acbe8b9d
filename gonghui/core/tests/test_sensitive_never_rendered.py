"""Stored sensitive values never leave the server unmasked without the permission: every page,
form, export and API operation of the project is walked (no hand-kept list, a new route is
covered automatically) as users without the permission and as the public."""

import contextlib
import datetime as dt
import io
import json
import zipfile

import pytest
from django.core.cache import cache
from django.db.models import Max
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from gonghui.api.router import api
from gonghui.core.models import AuditEntry
from gonghui.testing import make_person, valid_id_number
from gonghui.volunteering.models import Volunteer
from gonghui.wishes.models import Wish

PK = 90_001  # every seeded record takes this id, so any <int:…> in a route points at one
PHONE = "13987650001"
WORKER_PHONE = "13987650002"
CLAIMANT_PHONE = "13987650003"
SECRETS = {
    "phone": PHONE,
    "worker_phone": WORKER_PHONE,
    "claimant_phone": CLAIMANT_PHONE,
    "worker_name": "司马相如",
    "worker_address": "幸福路九九九号七栋",
    "hardship": "罕见病需要长期透析治疗",
    "claimant_name": "诸葛孔明",
}


@pytest.fixture
def world(fed):
    cache.clear()
    id_number = valid_id_number()
    person = make_person(fed.grassroots, name="王芳", phone=PHONE, id_number=id_number, pk=PK)
    Volunteer.objects.create(
        pk=PK,
        person=person,
        organization=fed.grassroots,
        code="ZY90001",
        registered_date=dt.date(2024, 1, 2),
    )
    Wish.objects.create(
        pk=PK,
        organization=fed.grassroots,
        title="给孩子买一套学习桌椅",
        category=Wish.Category.STUDY,
        amount_band=Wish.AmountBand.UP_TO_300,
        status="claimed",
        worker_name=SECRETS["worker_name"],
        worker_phone=WORKER_PHONE,
        worker_address=SECRETS["worker_address"],
        hardship=SECRETS["hardship"],
        collected_date=dt.date(2024, 5, 1),
        published_at=dt.datetime(2024, 5, 2, tzinfo=dt.UTC),
        claimed_at=dt.datetime(2024, 5, 3, tzinfo=dt.UTC),
        claimant_kind=Wish.ClaimantKind.PUBLIC,
        claimant_name=SECRETS["claimant_name"],
        claimant_phone=CLAIMANT_PHONE,
    )
    yield {**SECRETS, "id_number": id_number}
    cache.clear()


def _routes(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _routes(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def _page_urls() -> list[str]:
    urls = set()
    for route, _pattern in _routes():
        if route.startswith(("api/", "admin/", "^")) or "(?P" in route:
            continue
        path = route
        for converter, value in (("int", str(PK)), ("str", "x"), ("slug", "x"), ("path", "x")):
            while f"<{converter}:" in path:
                start = path.index(f"<{converter}:")
                path = path[:start] + value + path[path.index(">", start) + 1 :]
        while "<" in path:  # converters without a type
            start = path.index("<")
            path = path[:start] + str(PK) + path[path.index(">", start) + 1 :]
        urls.add("/" + path)
    return sorted(urls)


def _api_urls() -> list[str]:
    schema = api.get_openapi_schema()
    urls = []
    for path, operations in schema["paths"].items():
        if "get" not in operations:
            continue
        url = path
        while "{" in url:
            start = url.index("{")
            url = url[:start] + str(PK) + url[url.index("}", start) + 1 :]
        urls.append(url)
    return sorted(urls)


def _text(response) -> str:
    """Everything a person could read in the response, whatever its format."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":  # xlsx, docx, zip packages
        parts = []
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            for name in package.namelist():
                parts.append(package.read(name).decode("utf-8", "ignore"))
        return "\n".join(parts)
    text = content.decode("utf-8", "ignore")
    if response.get("Content-Type", "").startswith("application/json"):
        with contextlib.suppress(ValueError):
            text += json.dumps(json.loads(content), ensure_ascii=False)
    return text


def _leaks(text: str, secrets: dict) -> list[str]:
    return [name for name, value in secrets.items() if value in text]


def _clients(fed):
    clients = {"public": Client()}
    for user in (fed.city_admin, fed.leader):
        client = Client()
        client.force_login(user)
        clients[user.username] = client
    return clients


def test_the_walk_reaches_the_pages_and_operations_that_hold_sensitive_fields():
    pages, operations = _page_urls(), _api_urls()
    for url in (f"/people/{PK}/edit/", f"/people/{PK}/", "/people/export/", f"/wishes/{PK}/"):
        assert url in pages
    for url in (f"/api/v1/people/{PK}", f"/api/v1/wishes/{PK}", "/api/v1/people/"):
        assert url in operations


def test_the_walk_sees_the_pages_as_their_users_do(fed, world):
    client = _clients(fed)["city_admin"]
    for url in (f"/people/{PK}/edit/", f"/people/{PK}/", f"/wishes/{PK}/", "/people/export/"):
        assert client.get(url).status_code == 200, url
    assert client.get(f"/api/v1/people/{PK}").json()["phone"] == "139****0001"


def _unaudited_leaks(client, method: str, url: str, world: dict) -> list[str]:
    """The sensitive values in the response that no audited reveal of this request covers
    (a reveal the user is entitled to writes one view_sensitive entry naming its fields)."""
    before = AuditEntry.objects.filter(action="view_sensitive").aggregate(m=Max("pk"))["m"] or 0
    response = getattr(client, method)(url, {"name": ""} if method == "post" else None)
    found = _leaks(_text(response), world)
    if not found:
        return []
    audited = set()
    for entry in AuditEntry.objects.filter(action="view_sensitive", pk__gt=before):
        audited.update(entry.details.get("fields", []))
    return [name for name in found if name not in audited]


def test_no_page_form_export_or_api_response_carries_a_stored_sensitive_value(fed, world):
    leaks = []
    pages, operations = _page_urls(), _api_urls()
    for who, client in _clients(fed).items():
        for url in pages + operations:
            for query in ("", "?unmasked=1") if "export" in url else ("",):
                if found := _unaudited_leaks(client, "get", url + query, world):
                    leaks.append((who, "GET", url + query, found))
        # Forms sent back with errors render what was stored no more than the empty form does.
        for url in (f"/people/{PK}/edit/", "/people/new/", "/wishes/new/"):
            if found := _unaudited_leaks(client, "post", url, world):
                leaks.append((who, "POST", url, found))
    assert not leaks, leaks


def test_the_walk_does_see_the_values_through_the_audited_reveal(fed, world, client_for):
    """The check above is not vacuous: the values are in the data and reachable with the
    permission, through the reveal."""
    response = client_for(fed.officer).post(f"/people/{PK}/reveal/")
    assert world["id_number"] in _text(response)
    response = client_for(fed.officer).post(f"/wishes/{PK}/reveal/")
    assert _leaks(_text(response), world) != []
