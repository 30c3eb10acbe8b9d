"""One export helper for every list: formatted workbook, audit, masking, and a background job
with an owner-only download once the list is longer than the inline limit."""

import io

import pytest
from django.http import QueryDict
from openpyxl import load_workbook

from gonghui.core.models import AuditEntry
from gonghui.exports.lists import Column, ListExport, declared
from gonghui.exports.models import SpreadsheetExport
from gonghui.exports.testing import sheet_rows
from gonghui.testing import make_person


@pytest.fixture
def people(fed):
    return [make_person(fed.grassroots, name=f"职工{i}") for i in range(3)]


def test_a_short_list_is_served_at_once_with_the_shared_layout(fed, people, client_for):
    response = client_for(fed.province_admin).get("/people/export/")
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert ws.freeze_panes == "A2"
    assert ws["A1"].value == "姓名" and ws["A1"].font.b
    assert not SpreadsheetExport.objects.exists()
    entry = AuditEntry.objects.get(action="export")
    assert entry.details["list"] == "people.people" and entry.summary == "导出人员名单"


def test_a_long_list_is_queued_and_only_its_owner_downloads_it(
    fed, people, client_for, settings, django_capture_on_commit_callbacks
):
    settings.GONGHUI_EXPORT_INLINE_ROWS = 2
    client = client_for(fed.province_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get("/people/export/", {"q": "", "page": "3"})
    assert response.status_code == 302 and response["Location"] == "/exports/"
    job = SpreadsheetExport.objects.get()
    assert job.state == "done" and job.num_rows == job.num_total == 3
    assert job.params == {"q": [""]}
    page = client.get("/exports/").content.decode()
    assert "人员名单" in page and f"/exports/{job.pk}/download/" in page
    rows = sheet_rows(client.get(f"/exports/{job.pk}/download/"))
    assert rows[0][0] == "姓名" and sorted(r[0] for r in rows[1:]) == ["职工0", "职工1", "职工2"]
    assert all(people[0].id_number != r[2] for r in rows[1:])  # masked
    assert AuditEntry.objects.filter(action="export", actor=fed.province_admin).count() == 1

    other = client_for(fed.city_admin)
    assert other.get(f"/exports/{job.pk}/download/").status_code == 404
    assert other.get(f"/exports/{job.pk}/status/").status_code == 404
    assert "人员名单" not in other.get("/exports/").content.decode()


def test_the_background_job_uses_the_scope_of_its_owner(
    fed, client_for, settings, django_capture_on_commit_callbacks
):
    settings.GONGHUI_EXPORT_INLINE_ROWS = 0
    make_person(fed.grassroots, name="郑州职工")
    make_person(fed.loudi_grassroots, name="娄底职工")
    client = client_for(fed.outsider)
    with django_capture_on_commit_callbacks(execute=True):
        client.get("/people/export/")
    job = SpreadsheetExport.objects.get(requested_by=fed.outsider)
    names = [r[0] for r in sheet_rows(client.get(f"/exports/{job.pk}/download/"))[1:]]
    assert "郑州职工" not in names


def test_an_unmasked_job_fails_when_the_permission_is_gone_before_it_runs(
    fed, people, client_for, settings, django_capture_on_commit_callbacks
):
    settings.GONGHUI_EXPORT_INLINE_ROWS = 1
    client = client_for(fed.officer)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.get("/people/export/", {"unmasked": "1"})
    job = SpreadsheetExport.objects.get()
    assert job.is_unmasked
    assert AuditEntry.objects.filter(action="export_sensitive", actor=fed.officer).exists()
    fed.officer.role.permissions.clear()
    fed.officer.user_permissions.clear()
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    assert job.state == "failed" and not job.file


def test_unmasking_needs_the_declared_permission(fed, people, client_for):
    assert client_for(fed.province_admin).get("/people/export/?unmasked=1").status_code == 403
    assert not AuditEntry.objects.filter(action__startswith="export").exists()


def test_columns_read_paths_and_choice_labels_and_mask_unless_asked(fed, people):
    export = ListExport(
        key="tests.people",
        title="测试",
        queryset=lambda user, params: [],
        columns=[
            Column("姓名", "name"),
            Column("组织", "organization.name"),
            Column("部门", "department.name"),
            Column("性别", "get_gender_display"),
            Column("电话", "phone", mask=lambda v: "***"),
            Column("长度", lambda p: len(p.name)),
        ],
    )
    person = people[0]
    masked = next(iter(export.rows_of([person], unmasked=False)))
    assert masked == [
        "职工0",
        "郑州宏达机械有限公司工会",
        "",
        person.get_gender_display(),
        "***",
        3,
    ]
    full = next(iter(export.rows_of([person], unmasked=True)))
    assert full[4] == person.phone
    assert declared("tests.people") is export


def test_a_declaration_is_found_by_key_in_a_fresh_process(fed):
    # A worker imports no view: the key alone must lead to the declaration.
    export = declared("people.people")
    assert export.title == "人员名单"
    assert export.queryset(fed.province_admin, QueryDict("")).model.__name__ == "Person"


def test_a_declaration_needs_columns_or_rows():
    with pytest.raises(ValueError):
        ListExport(key="tests.none", title="x", queryset=lambda u, p: [])


def test_a_running_job_shows_how_far_it_has_got(fed, client_for):
    job = SpreadsheetExport.objects.create(
        key="people.people",
        title="人员名单",
        requested_by=fed.province_admin,
        state=SpreadsheetExport.State.RUNNING,
        num_rows=20000,
        num_total=50000,
    )
    row = client_for(fed.province_admin).get(f"/exports/{job.pk}/status/").content.decode()
    assert '<progress value="20000" max="50000">' in row and "hx-get" in row
