"""An export of full sensitive values passes one service that checks the list's permission and
writes the audit entry, whoever calls it (the export link, the queue, a command)."""

import pytest
from django.http import QueryDict

from gonghui.core.exceptions import PermissionDenied
from gonghui.core.models import AuditEntry
from gonghui.exports import services
from gonghui.exports.lists import declared
from gonghui.exports.models import SpreadsheetExport

pytestmark = pytest.mark.django_db


@pytest.fixture
def people_export():
    return declared("people.people")


def test_a_full_value_export_without_the_permission_is_refused_and_not_audited(fed, people_export):
    with pytest.raises(PermissionDenied):
        services.record_export(
            by=fed.province_admin, export=people_export, params=QueryDict(), unmasked=True
        )
    assert not AuditEntry.objects.exists()


def test_a_full_value_export_with_the_permission_is_audited_as_sensitive(fed, people_export):
    services.record_export(by=fed.officer, export=people_export, params=QueryDict(), unmasked=True)
    entry = AuditEntry.objects.get()
    assert entry.action == AuditEntry.Action.EXPORT_SENSITIVE and entry.actor == fed.officer
    assert "身份证号" in entry.summary


def test_a_masked_export_needs_no_sensitive_permission(fed, people_export):
    services.record_export(
        by=fed.province_admin, export=people_export, params=QueryDict(), unmasked=False
    )
    assert AuditEntry.objects.get().action == AuditEntry.Action.EXPORT


def test_queueing_a_full_value_export_without_the_permission_leaves_no_job(fed, people_export):
    with pytest.raises(PermissionDenied):
        services.request_export(
            by=fed.province_admin, export=people_export, params=QueryDict(), unmasked=True
        )
    assert not SpreadsheetExport.objects.exists() and not AuditEntry.objects.exists()


def test_the_export_link_answers_403_without_the_permission(fed, client_for):
    response = client_for(fed.province_admin).get("/people/export/", {"unmasked": "1"})
    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT_SENSITIVE).exists()
