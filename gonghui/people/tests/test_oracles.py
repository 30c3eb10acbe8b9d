"""Masked values cannot be recovered by asking: duplicate checks say only what the user may
see, exact lookups by a full phone need the permission, are rate-limited and audited."""

import json

import pytest

from gonghui.core.models import AuditEntry
from gonghui.people.services import check_import
from gonghui.testing import make_person, valid_id_number

HIDDEN_WORDS = ("已存在", "已登记", "重复")


def row(name, id_number, n, org="郑州市总工会"):
    return {"_row": n, "姓名": name, "身份证号": id_number, "所属组织": org}


def errors_by_row(report):
    return {r.number: " ".join(r.errors) for r in report.rows}


# --- the import preview -------------------------------------------------------------------


def test_preview_names_a_duplicate_in_scope_and_audits_the_check(fed):
    mine = make_person(fed.grassroots, name="赵敏")
    errors = errors_by_row(check_import(by=fed.city_admin, rows=[row("甲", mine.id_number, 2)]))
    assert "已登记" in errors[2] and "赵敏" in errors[2]
    entry = AuditEntry.objects.get(action="view_sensitive", actor=fed.city_admin)
    assert entry.details["lookup"] == "id_number"
    assert mine.id_number not in entry.summary and mine.id_number not in str(entry.details)


def test_preview_does_not_confirm_a_number_outside_the_scope(fed):
    theirs = make_person(fed.loudi_grassroots, name="周杰")
    free = valid_id_number()
    report = check_import(
        by=fed.city_admin, rows=[row("甲", theirs.id_number, 2), row("乙", free, 3)]
    )
    errors = errors_by_row(report)
    assert errors[3] == ""
    message = errors[2]
    assert message, "the number cannot be registered twice"
    assert not any(word in message for word in HIDDEN_WORDS)
    assert "周杰" not in message and fed.loudi_grassroots.name not in message
    entry = AuditEntry.objects.get(action="view_sensitive", actor=fed.city_admin)
    # The audit log of the user's own union does not point at the other record either.
    assert entry.target_id == "" and "周杰" not in entry.summary


def test_once_the_budget_is_spent_the_answer_no_longer_depends_on_existence(fed, settings):
    settings.GONGHUI_SENSITIVE_LOOKUPS_PER_WINDOW = 2
    taken = [make_person(fed.loudi_grassroots, name=f"职工{i}").id_number for i in range(4)]
    free = [valid_id_number() for _ in range(3)]
    numbers = [taken[0], free[0], taken[1], free[1], taken[2], free[2], taken[3]]
    report = check_import(
        by=fed.city_admin, rows=[row(f"人{i}", n, i + 2) for i, n in enumerate(numbers)]
    )
    errors = [e for _, e in sorted(errors_by_row(report).items())]
    assert errors[1] == ""  # a miss before the budget runs out is a plain miss
    after = errors[3:]  # the budget of 2 hits is spent at the third row
    assert len(set(after)) == 1 and after[0], "existing and new numbers get the same refusal"
    assert AuditEntry.objects.filter(action="view_sensitive").count() == 2
    # A second preview of the same file spends no more and answers the same.
    again = check_import(
        by=fed.city_admin, rows=[row(f"人{i}", n, i + 2) for i, n in enumerate(numbers)]
    )
    assert [e for _, e in sorted(errors_by_row(again).items())][3:] == after


def test_thousands_of_guesses_in_one_file_reveal_at_most_the_budget(fed, settings):
    settings.GONGHUI_SENSITIVE_LOOKUPS_PER_WINDOW = 3
    target = make_person(fed.loudi_grassroots)
    guesses = [valid_id_number() for _ in range(200)] + [target.id_number]
    for n in range(5):
        make_person(fed.loudi_grassroots, id_number=guesses[n * 30])
    report = check_import(
        by=fed.city_admin, rows=[row("甲", g, i + 2) for i, g in enumerate(guesses)]
    )
    distinct = {tuple(r.errors) for r in report.rows[-50:]}
    assert len(distinct) == 1  # the target's row reads like its innocent neighbours


# --- the API create -----------------------------------------------------------------------


def test_api_create_does_not_confirm_a_number_outside_the_scope(fed, client_for):
    theirs = make_person(fed.loudi_grassroots, name="周杰")
    response = client_for(fed.city_admin).post(
        "/api/v1/people/",
        {"name": "王芳", "id_number": theirs.id_number, "organization_id": fed.grassroots.pk},
        content_type="application/json",
    )
    assert response.status_code == 400
    body = json.dumps(response.json(), ensure_ascii=False)
    assert not any(word in body for word in HIDDEN_WORDS)
    assert "周杰" not in body and "娄底" not in body
    assert AuditEntry.objects.filter(action="view_sensitive", actor=fed.city_admin).exists()


def test_api_create_names_a_duplicate_in_scope(fed, client_for):
    mine = make_person(fed.grassroots, name="赵敏")
    response = client_for(fed.city_admin).post(
        "/api/v1/people/",
        {"name": "王芳", "id_number": mine.id_number, "organization_id": fed.grassroots.pk},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "赵敏" in response.json()["errors"]["id_number"]


def test_create_page_does_not_confirm_a_number_outside_the_scope(fed, client_for):
    theirs = make_person(fed.loudi_grassroots, name="周杰")
    response = client_for(fed.city_admin).post(
        "/people/new/",
        {"name": "王芳", "id_number": theirs.id_number, "organization": fed.grassroots.pk},
    )
    body = response.content.decode()
    assert response.status_code == 200 and "省总工会管理员" in body
    assert "已存在" not in body and "已登记" not in body and "周杰" not in body


# --- exact phone search -------------------------------------------------------------------


@pytest.fixture
def owner(fed):
    return make_person(fed.grassroots, name="张建华", phone="13803711234")


def test_full_phone_search_needs_the_permission(fed, client_for, owner):
    client = client_for(fed.city_admin)
    page = client.get("/people/", {"q": "13803711234"})
    assert page.status_code == 200
    assert "需要查看敏感个人信息的权限" in page.content.decode()
    assert client.get("/api/v1/people/", {"q": "13803711234"}).status_code == 403
    # The wrong guess and the right one are refused alike.
    assert client.get("/api/v1/people/", {"q": "13803719999"}).status_code == 403
    assert not AuditEntry.objects.filter(action="view_sensitive").exists()
    # The tail the mask already shows still finds people.
    assert client.get("/api/v1/people/", {"q": "1234"}).json()["count"] == 1


def test_full_phone_search_is_audited_with_the_masked_value(fed, client_for, owner):
    body = client_for(fed.officer).get("/api/v1/people/", {"q": "13803711234"}).json()
    assert [p["name"] for p in body["items"]] == ["张建华"]
    entry = AuditEntry.objects.get(action="view_sensitive", actor=fed.officer)
    assert entry.details == {"lookup": "phone", "value": "138****1234"}
    assert "13803711234" not in entry.summary


def test_full_phone_search_is_rate_limited_per_user(fed, client_for, owner, settings):
    settings.GONGHUI_SENSITIVE_LOOKUPS_PER_WINDOW = 5
    client = client_for(fed.officer)
    statuses = [
        client.get("/api/v1/people/", {"q": f"1380371{n:04d}"}).status_code for n in range(8)
    ]
    assert statuses == [200] * 5 + [429] * 3
    page = client.get("/people/", {"q": "13803711234"}).content.decode()
    assert "过于频繁" in page
    # Another user has their own budget.
    assert client_for(fed.sysadmin).get("/api/v1/people/", {"q": "13803711234"}).status_code == 200


# --- identifying a person by the full ID number (volunteer registration) ---------------


def test_registering_a_volunteer_by_id_number_is_audited_and_budgeted(fed, client_for, settings):
    settings.GONGHUI_SENSITIVE_LOOKUPS_PER_WINDOW = 1
    first, second = make_person(fed.grassroots), make_person(fed.grassroots, name="李强")
    client = client_for(fed.city_admin)
    response = client.post("/volunteering/volunteers/new/", {"id_number": first.id_number})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="view_sensitive", target_id=str(first.pk))
    assert first.id_number not in entry.summary
    # The budget is spent: an existing and an unknown number now get the same refusal.
    answers = [
        client.post("/volunteering/volunteers/new/", {"id_number": number}).content.decode()
        for number in (second.id_number, valid_id_number())
    ]
    assert all("过于频繁" in a for a in answers)
    assert "李强" not in answers[0]
    assert AuditEntry.objects.filter(action="view_sensitive").count() == 1
