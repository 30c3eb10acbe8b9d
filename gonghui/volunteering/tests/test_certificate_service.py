"""The 志愿服务时长证明 is issued by a service that writes the audit entry, for the page and any
other caller; someone who cannot see the volunteer gets nothing and leaves no entry."""

import io

import pytest
from django.utils import timezone
from docx import Document

from gonghui.core.models import AuditEntry
from gonghui.volunteering import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(fed, world):
    volunteer = world.volunteers[0]
    record = services.record_hours(
        by=fed.city_admin,
        volunteer=volunteer,
        team=world.team,
        hours="3",
        service_date=timezone.localdate(),
    )
    services.approve_hours(by=world.leader, record=record)
    return volunteer


def test_issuing_a_certificate_renders_the_hours_and_is_audited(fed, approved):
    content = services.issue_certificate(by=fed.city_admin, volunteer=approved)
    text = "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    assert "志愿服务时长证明" in text and "3.0 小时" in text
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT, target_id=str(approved.pk))
    assert entry.actor == fed.city_admin and "时长证明" in entry.summary
    assert entry.org_path == approved.org_path


def test_the_page_issues_through_the_service(fed, approved, client_for):
    url = f"/volunteering/volunteers/{approved.pk}/certificate/"
    assert client_for(fed.outsider).get(url).status_code == 404
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).exists()
    response = client_for(fed.province_admin).get(url)
    assert response.status_code == 200
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.EXPORT, actor=fed.province_admin, target_id=str(approved.pk)
    ).exists()
