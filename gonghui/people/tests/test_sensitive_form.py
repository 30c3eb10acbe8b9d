"""The person form never renders a stored ID number or phone; typing a value replaces it."""

from gonghui.core.models import AuditEntry
from gonghui.people.models import Person
from gonghui.testing import make_person, valid_id_number

PHONE = "13912345678"


def edit_data(person, **overrides):
    data = {
        "name": person.name,
        "gender": person.gender,
        "id_number": "",
        "phone": "",
        "organization": person.organization_id,
        "is_active": "on",
    }
    data.update(overrides)
    return data


def test_edit_form_shows_masks_not_values_to_a_user_without_the_permission(fed, client_for):
    person = make_person(fed.grassroots, name="王芳", phone=PHONE)
    response = client_for(fed.city_admin).get(f"/people/{person.pk}/edit/")
    assert response.status_code == 200
    body = response.content.decode()
    assert person.id_number not in body
    assert PHONE not in body
    assert person.id_number_masked in body and person.phone_masked in body
    assert not AuditEntry.objects.filter(action="view_sensitive").exists()


def test_edit_form_hides_values_even_from_the_permission_holder(fed, client_for):
    # Seeing the values is the audited reveal on the detail page, never a form.
    person = make_person(fed.grassroots, phone=PHONE)
    body = client_for(fed.officer).get(f"/people/{person.pk}/edit/").content.decode()
    assert person.id_number not in body and PHONE not in body


def test_blank_sensitive_fields_keep_the_stored_values(fed, client_for):
    person = make_person(fed.grassroots, name="王芳", phone=PHONE)
    number = person.id_number
    response = client_for(fed.city_admin).post(
        f"/people/{person.pk}/edit/", edit_data(person, name="王芳芳")
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.name, person.id_number, person.phone) == ("王芳芳", number, PHONE)
    entry = AuditEntry.objects.get(action="update", target_id=str(person.pk))
    assert entry.details["fields"] == ["name"]


def test_typed_values_replace_and_the_clear_box_empties_the_phone(fed, client_for):
    person = make_person(fed.grassroots, phone=PHONE)
    new_number = valid_id_number()
    client = client_for(fed.city_admin)
    response = client.post(
        f"/people/{person.pk}/edit/", edit_data(person, id_number=new_number, phone="13800009999")
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.id_number, person.phone, person.phone_tail) == (
        new_number,
        "13800009999",
        "9999",
    )
    response = client.post(f"/people/{person.pk}/edit/", edit_data(person, clear_phone="on"))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.phone == "" and person.id_number == new_number


def test_an_invalid_edit_does_not_echo_the_stored_values(fed, client_for):
    person = make_person(fed.grassroots, phone=PHONE)
    response = client_for(fed.city_admin).post(
        f"/people/{person.pk}/edit/", edit_data(person, name="")
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "form" in body and person.id_number not in body and PHONE not in body
    assert Person.objects.get(pk=person.pk).name == person.name
