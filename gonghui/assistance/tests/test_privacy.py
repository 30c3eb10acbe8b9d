"""Sensitive data: encrypted at rest, masked by default, unmasked only with the permission and a
stated reason, every unmasking and sensitive file written to the audit log per household."""

import pytest
from django.db import connection

from gonghui.assistance import encryption, services
from gonghui.assistance.models import Archive, ArchiveMember
from gonghui.assistance.selectors import sensitive_reads_of
from gonghui.assistance.workflow import Status
from gonghui.core.exceptions import PermissionDenied, ValidationFailed
from gonghui.core.models import AuditEntry
from gonghui.testing import valid_id_number

from .factories import make_archive

pytestmark = pytest.mark.django_db

SECRET_ID = valid_id_number(4242)
MEMBER_ID = valid_id_number(4243)


def _raw_row(table: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [pk])
        return " ".join(str(v) for v in cursor.fetchone())


def _victim(fed):
    return make_archive(
        fed.grassroots_admin,
        fed.grassroots,
        id_number=SECRET_ID,
        phone="13911112222",
        address="纬五路绝密小区",
        health="罕见病记录",
        bank_account="6222020000111122223",
        monthly_income_fen=123456,
        members=[{"name": "李秀英", "relation": "配偶", "id_number": MEMBER_ID, "health": "残疾"}],
    )


def test_the_raw_database_rows_hold_no_sensitive_plaintext(fed):
    archive = _victim(fed)
    row = _raw_row("assistance_archive", archive.pk)
    for secret in (
        SECRET_ID,
        "13911112222",
        "纬五路绝密小区",
        "罕见病记录",
        "6222020000111122223",
        "123456",
    ):
        assert secret not in row
    assert encryption.PREFIX in row
    member = ArchiveMember.objects.get(archive=archive)
    member_row = _raw_row("assistance_archivemember", member.pk)
    assert MEMBER_ID not in member_row and "残疾" not in member_row
    # Read back through the model, the values are whole again.
    again = Archive.objects.get(pk=archive.pk)
    assert (again.id_number, again.phone, again.monthly_income) == (
        SECRET_ID,
        "13911112222",
        "123456",
    )


def test_the_blind_index_finds_the_number_without_storing_it(fed):
    archive = _victim(fed)
    assert archive.id_hash == encryption.blind_index(SECRET_ID) != SECRET_ID
    assert (
        Archive.objects.filter(id_hash=encryption.blind_index(SECRET_ID.lower())).get() == archive
    )


def test_rotation_re_encrypts_under_the_newest_key(fed, monkeypatch):
    from cryptography.fernet import Fernet
    from django.core.management import call_command

    archive = _victim(fed)
    before = _raw_row("assistance_archive", archive.pk)
    new_key = Fernet.generate_key().decode()
    monkeypatch.setenv(encryption.KEYS_ENV, f"{new_key},{encryption._DEV_KEY}")
    call_command("rotate_assistance_keys", verbosity=0)
    after = _raw_row("assistance_archive", archive.pk)
    assert before != after
    monkeypatch.setenv(encryption.KEYS_ENV, new_key)  # the old key is gone: still readable
    assert Archive.objects.get(pk=archive.pk).id_number == SECRET_ID


def test_without_keys_outside_development_nothing_is_encrypted(settings, monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.delenv(encryption.KEYS_ENV, raising=False)
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "config.settings.base")
    settings.DEBUG = False
    with pytest.raises(ImproperlyConfigured):
        encryption.encrypt("410102198001010018")


def test_unmasking_without_a_reason_is_refused_and_not_audited(fed):
    archive = _victim(fed)
    with pytest.raises(ValidationFailed, match="事由"):
        services.reveal_archive(by=fed.officer, archive=archive, reason=" ")
    assert not sensitive_reads_of(archive).exists()


def test_unmasking_without_the_permission_is_refused(fed):
    archive = _victim(fed)
    with pytest.raises(PermissionDenied):
        services.reveal_archive(by=fed.grassroots_admin, archive=archive, reason="核实收入")


def test_each_unmasking_is_listed_on_the_household_with_its_reason(fed):
    archive = _victim(fed)
    values = services.reveal_archive(by=fed.officer, archive=archive, reason="发放前核实账号")
    assert values["id_number"] == SECRET_ID
    assert values["members"][0]["id_number"] == MEMBER_ID
    services.reveal_archive(by=fed.officer, archive=archive, reason="复核家庭收入")
    reads = list(sensitive_reads_of(archive))
    assert len(reads) == 2
    assert "复核家庭收入" in reads[0].summary and reads[0].actor == fed.officer
    assert SECRET_ID not in reads[0].summary


def test_the_page_shows_masked_values_and_the_reveal_needs_a_reason(fed, client_for):
    archive = _victim(fed)
    client = client_for(fed.officer)
    html = client.get(f"/assistance/{archive.pk}/").content.decode()
    assert SECRET_ID not in html and "13911112222" not in html and "罕见病记录" not in html
    assert archive.id_number_masked in html
    refused = client.post(f"/assistance/{archive.pk}/reveal/", {"reason": ""})
    assert refused.status_code == 400 and SECRET_ID not in refused.content.decode()
    shown = client.post(f"/assistance/{archive.pk}/reveal/", {"reason": "入户核查"})
    assert SECRET_ID in shown.content.decode()
    assert sensitive_reads_of(archive).count() == 1
    # A user without the permission gets no reveal at all.
    denied = client_for(fed.grassroots_admin).post(
        f"/assistance/{archive.pk}/reveal/", {"reason": "入户核查"}
    )
    assert denied.status_code == 403


def test_the_bank_file_needs_a_reason_and_audits_each_household(fed, client_for):
    archive = _victim(fed)
    Archive.objects.filter(pk=archive.pk).update(status=Status.ACTIVE, tier="deep")
    batch = services.plan_batch(
        by=fed.officer, organization=fed.grassroots, name="春节送温暖", fund_source="upper",
        budget_fen=100000, planned_date=archive.created_at.date(),
    )  # fmt: skip
    services.add_to_batch(by=fed.officer, batch=batch, archive_ids=[archive.pk], amount_fen=50000)
    services.approve_batch(by=fed.officer, batch=batch)
    client = client_for(fed.officer)
    url = f"/assistance/batches/{batch.pk}/bank-file/"
    assert client.get(url).status_code == 200  # the reason form, no file
    assert client.post(url, {"reason": ""}).get("Content-Type", "").startswith("text/html")
    response = client.post(url, {"reason": "转银行代发"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    reads = list(sensitive_reads_of(archive))
    assert len(reads) == 1 and "转银行代发" in reads[0].summary
    assert AuditEntry.objects.filter(action="export_sensitive", target_id="").exists()
    assert client_for(fed.grassroots_admin).post(url, {"reason": "看看"}).status_code == 403


def test_the_api_reveal_needs_the_reason(fed, client_for):
    archive = _victim(fed)
    client = client_for(fed.officer)
    url = f"/api/v1/assistance/archives/{archive.pk}/reveal"
    assert client.post(url, {"reason": ""}, content_type="application/json").status_code == 400
    ok = client.post(url, {"reason": "电话回访"}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["id_number"] == SECRET_ID
    listed = client.get("/api/v1/assistance/archives").json()
    assert SECRET_ID not in str(listed)
