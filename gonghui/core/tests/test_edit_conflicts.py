"""Two editors of one record: the second save from a stale page is refused, never a silent overwrite.

The edit pages are found from the URL map (every route named `edit` or `*_edit`), so a new edit
page without a case here fails `test_every_edit_page_has_a_case` until it is covered.
"""

import pytest
from django import forms
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from gonghui.campaigns.models import FrameworkNode
from gonghui.core.concurrency import EditConflict, claim_version, version_of
from gonghui.organizations.models import Organization
from gonghui.people.models import Person
from gonghui.testing import app_test_modules, make_person

CONFLICT = "已被其他人修改"


def _organization(fed):
    return (
        fed.sysadmin,
        reverse("organizations:edit", args=[fed.grassroots.pk]),
        "name",
        (lambda: Organization.objects.get(pk=fed.grassroots.pk).name),
    )


def _person(fed):
    person = make_person(fed.grassroots, "张建华")
    return (
        fed.sysadmin,
        reverse("people:edit", args=[person.pk]),
        "name",
        (lambda: Person.objects.get(pk=person.pk).name),
    )


def _activity(fed):
    from gonghui.activities.models import Activity
    from gonghui.activities.tests.factories import make_activity

    activity = make_activity(fed.grassroots_admin, organization=fed.grassroots)
    return (
        fed.grassroots_admin,
        reverse("activities:edit", args=[activity.pk]),
        "title",
        (lambda: Activity.objects.get(pk=activity.pk).title),
    )


def _framework_node(fed):
    from gonghui.campaigns.tests.factories import make_version

    node = FrameworkNode.objects.get(version=make_version(), code="01.01")
    return (
        fed.sysadmin,
        reverse("campaigns:node_edit", args=[node.pk]),
        "name",
        (lambda: FrameworkNode.objects.get(pk=node.pk).name),
    )


def _station(fed):
    # Deferred: one case per app, each app's factories loaded only for its own case.
    from gonghui.stations.models import Station
    from gonghui.stations.tests.factories import make_station

    station = make_station(fed.grassroots)
    return (
        fed.grassroots_admin,
        reverse("stations:edit", args=[station.pk]),
        "name",
        (lambda: Station.objects.get(pk=station.pk).name),
    )


CASES = {
    "organizations:edit": _organization,
    "people:edit": _person,
    "activities:edit": _activity,
    "campaigns:node_edit": _framework_node,
    "stations:edit": _station,
}
# An app adds its own edit pages' cases in `<app>/tests/edit_cases.py` (CASES, same shape).
for _module in app_test_modules("edit_cases"):
    CASES.update(_module.CASES)


def _edit_routes(resolver=None, namespace=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _edit_routes(entry, inner)
        elif (
            isinstance(entry, URLPattern)
            and entry.name
            and (entry.name == "edit" or entry.name.endswith("_edit"))
        ):
            yield f"{namespace}{entry.name}"


def test_every_edit_page_has_a_case():
    assert set(_edit_routes()) == set(CASES)


def _form_data(form) -> dict:
    """What a browser would send back for the form as rendered."""
    data = {}
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        value = form[name].value()
        if isinstance(field.widget, forms.CheckboxInput):
            if value:
                data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [str(getattr(v, "pk", v)) for v in value]
        elif value is not None:
            data[key] = str(getattr(value, "pk", value))
    return data


@pytest.mark.django_db
@pytest.mark.parametrize("route", sorted(CASES))
def test_stale_edit_is_refused_with_input_kept_then_saved_deliberately(route, fed, client):
    user, url, text_field, current = CASES[route](fed)
    client.force_login(user)
    page = client.get(url)
    assert page.status_code == 200
    loaded = _form_data(page.context["form"])
    assert loaded["version"], "the edit form carries the record's version"

    # Editor B saves first, from a page loaded at the same time.
    assert client.post(url, {**loaded, text_field: "乙的修改"}).status_code == 302
    assert current() == "乙的修改"

    # Editor A's save from the stale page is refused, their input kept on the form.
    response = client.post(url, {**loaded, text_field: "甲的修改"})
    assert response.status_code == 200
    html = response.content.decode()
    assert CONFLICT in html and "甲的修改" in html
    assert current() == "乙的修改"

    # The form now carries the current version: saving again is a deliberate overwrite.
    refreshed = _form_data(response.context["form"])
    assert refreshed["version"] != loaded["version"]
    assert refreshed[text_field] == "甲的修改"
    assert client.post(url, refreshed).status_code == 302
    assert current() == "甲的修改"


@pytest.mark.django_db
def test_claim_is_a_conditional_update(fed):
    org = Organization.objects.get(pk=fed.grassroots.pk)
    token = version_of(org)
    claim_version(org, token)
    assert version_of(org) != token
    assert version_of(Organization.objects.get(pk=org.pk)) == version_of(org)
    with pytest.raises(EditConflict) as exc:
        claim_version(Organization.objects.get(pk=org.pk), token)
    assert exc.value.status_code == 409 and exc.value.current_version == version_of(org)
    claim_version(org, None)  # no token, no check
    with pytest.raises(EditConflict):
        claim_version(org, "not-a-version")


# --- API updates: `version` in the body or If-Match, 409 when stale ---------------------------


@pytest.mark.django_db
def test_activity_api_update_refuses_a_stale_version(fed, client_for):
    from gonghui.activities.api import ActivityIn
    from gonghui.activities.tests.factories import make_activity

    activity = make_activity(fed.grassroots_admin, organization=fed.grassroots)
    client = client_for(fed.grassroots_admin)
    url = f"/api/v1/activities/{activity.pk}"
    read = client.get(url).json()
    body = {k: read[k] for k in ActivityIn.model_fields}

    def put(title, version=None, **headers):
        data = {**body, "title": title, "version": version}
        return client.put(url, data, content_type="application/json", **headers)

    first = put("乙的修改", read["version"])
    assert first.status_code == 200 and first.json()["version"] != read["version"]
    stale = put("甲的修改", read["version"])
    assert stale.status_code == 409 and CONFLICT in stale.json()["detail"]
    assert put("甲的修改", HTTP_IF_MATCH=f'"{read["version"]}"').status_code == 409
    assert client.get(url).json()["title"] == "乙的修改"
    assert put("甲的修改", HTTP_IF_MATCH=f'"{first.json()["version"]}"').status_code == 200


@pytest.mark.django_db
def test_evidence_report_api_refuses_a_stale_version(fed, client_for):
    from gonghui.campaigns.tests.factories import assign_basic_work, make_campaign

    assignment = assign_basic_work(fed, make_campaign(fed), "01.02")
    client = client_for(fed.liaison)
    url = f"/api/v1/ledger/tasks/{assignment.pk}/evidence"
    read = client.get(url).json()

    def put(text, token):
        body = {"report_text": text, "edit_version": token}
        return client.put(f"{url}/report", body, content_type="application/json")

    first = put("乙写的说明", read["edit_version"])
    assert first.status_code == 200 and first.json()["edit_version"] != read["edit_version"]
    stale = put("甲写的说明", read["edit_version"])
    assert stale.status_code == 409 and CONFLICT in stale.json()["detail"]
    assert client.get(url).json()["report_text"] == "乙写的说明"


@pytest.mark.django_db
def test_evidence_report_page_keeps_the_refused_text(fed, client_for):
    from gonghui.campaigns.tests.factories import assign_basic_work, make_campaign
    from gonghui.ledger import services

    assignment = assign_basic_work(fed, make_campaign(fed), "01.02")
    services.ensure_item(assignment=assignment, by=fed.liaison)
    client = client_for(fed.liaison)
    page = client.get(f"/ledger/tasks/{assignment.pk}/")
    token = page.context["edit_version"]
    assert f'name="version" value="{token}"' in page.content.decode()
    act = f"/ledger/tasks/{assignment.pk}/act/"
    post = {"action": "save_report", "version": token, "doc_number": ""}
    assert client.post(act, {**post, "report_text": "乙写的说明"}).status_code == 302
    response = client.post(act, {**post, "report_text": "甲写的说明"})
    assert response.status_code == 409
    html = response.content.decode()
    assert CONFLICT in html and "甲写的说明" in html
    item = services.ensure_item(assignment=assignment, by=fed.liaison)
    assert item.current_version.report_text == "乙写的说明"
    assert f'name="version" value="{version_of(item)}"' in html
