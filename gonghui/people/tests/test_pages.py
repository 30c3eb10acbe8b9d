"""People pages: list with masking, detail, audited reveal, create with Chinese errors, export."""

import io

from openpyxl import load_workbook

from gonghui.core.models import AuditEntry
from gonghui.people.models import Person
from gonghui.testing import assert_constant_queries, make_org, make_person, valid_id_number


def test_list_masks_id_numbers(fed, client_for):
    person = make_person(fed.grassroots, name="张建华")
    html = client_for(fed.province_admin).get("/people/").content.decode()
    assert person.id_number not in html
    assert person.id_number_masked in html
    assert person.phone not in html


def test_list_query_count_is_constant(fed, client_for):
    def more(indices):
        return [make_person(org, name=f"职工{i}").name for i in indices for org in orgs]

    orgs = [fed.grassroots, fed.jinshui]
    assert_constant_queries(client_for(fed.province_admin), "/people/", more, most=8)


def test_outsider_list_is_empty_of_henan(fed, client_for):
    make_person(fed.grassroots, name="王建国")
    html = client_for(fed.outsider).get("/people/").content.decode()
    assert "王建国" not in html


def test_detail_of_other_scope_is_404(fed, client_for):
    person = make_person(fed.grassroots)
    assert client_for(fed.outsider).get(f"/people/{person.pk}/").status_code == 404


def test_reveal_requires_permission_and_is_audited(fed, client_for):
    person = make_person(fed.grassroots)
    assert client_for(fed.province_admin).post(f"/people/{person.pk}/reveal/").status_code == 403
    response = client_for(fed.officer).post(f"/people/{person.pk}/reveal/")
    assert person.id_number in response.content.decode()
    entry = AuditEntry.objects.get(action="view_sensitive", target_id=str(person.pk))
    assert entry.actor == fed.officer


def test_create_with_bad_id_number_shows_chinese_error(fed, client_for):
    response = client_for(fed.city_admin).post(
        "/people/new/",
        {"name": "王芳", "id_number": "410102198506154510", "organization": fed.grassroots.pk},
    )
    assert response.status_code == 200
    assert "身份证号校验码错误" in response.content.decode()
    assert not Person.objects.filter(name="王芳").exists()


def test_create_duplicate_id_refused(fed, client_for):
    existing = make_person(fed.grassroots)
    response = client_for(fed.city_admin).post(
        "/people/new/",
        {"name": "王芳", "id_number": existing.id_number, "organization": fed.grassroots.pk},
    )
    assert "身份证号已登记" in response.content.decode()


def test_create_in_other_scope_refused(fed, client_for):
    response = client_for(fed.city_admin).post(
        "/people/new/",
        {"name": "王芳", "id_number": valid_id_number(), "organization": fed.loudi_grassroots.pk},
    )
    assert "找不到该组织" in response.content.decode()
    assert not Person.objects.filter(name="王芳").exists()


def test_create_and_derive(fed, client_for):
    number = valid_id_number()
    response = client_for(fed.city_admin).post(
        "/people/new/",
        {
            "name": "王芳",
            "id_number": number,
            "phone": "13912345678",
            "organization": f"{fed.grassroots.name} #{fed.grassroots.pk}",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(id_number=number)
    assert person.name_initials == "wf"
    assert person.phone_tail == "5678"
    assert person.org_path == fed.grassroots.path


def test_export_masked_by_default_and_audited(fed, client_for):
    person = make_person(fed.grassroots)
    response = client_for(fed.province_admin).get("/people/export/")
    ws = load_workbook(io.BytesIO(response.content)).active
    values = [c for row in ws.iter_rows(values_only=True) for c in row]
    assert person.id_number_masked in values and person.id_number not in values
    assert AuditEntry.objects.filter(action="export").exists()


def test_unmasked_export_needs_permission(fed, client_for):
    make_person(fed.grassroots)
    assert client_for(fed.province_admin).get("/people/export/?unmasked=1").status_code == 403
    response = client_for(fed.officer).get("/people/export/?unmasked=1")
    assert response.status_code == 200
    assert AuditEntry.objects.filter(action="export_sensitive", actor=fed.officer).exists()


def test_edit_records_what_changed(fed, client_for):
    person = make_person(fed.grassroots, name="王芳", phone="13912345678")
    response = client_for(fed.city_admin).post(
        f"/people/{person.pk}/edit/",
        {
            "name": "王芳",
            "id_number": person.id_number,
            "gender": person.gender,
            "phone": "13987654321",
            "organization": fed.grassroots.pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.phone_tail == "4321"
    entry = AuditEntry.objects.get(action="update", target_id=str(person.pk))
    assert entry.details["fields"] == ["phone"]


def test_export_query_count_does_not_grow_with_organisations(fed, client_for):
    def more(indices):
        shown = []
        for i in indices:
            org = make_org(f"郑州第{i}基层工会", parent=fed.jinshui)
            shown += [org.name, make_person(org, name=f"职工{i}").name]
        return shown

    assert_constant_queries(client_for(fed.province_admin), "/people/export/", more, most=12)
