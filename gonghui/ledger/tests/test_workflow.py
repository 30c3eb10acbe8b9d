"""Ledger entry review rules beyond the transition table (which test_transition_tables
checks): comments, permissions, versions, editing and the task's progress."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.campaigns.models import Assignment, Progress
from gonghui.campaigns.tests.factories import assign_basic_work, png_bytes
from gonghui.core.exceptions import PermissionDenied, ValidationFailed
from gonghui.ledger import services
from gonghui.ledger.workflow import Status

pytestmark = pytest.mark.django_db


def png(name="photo.png", seed=0):
    return SimpleUploadedFile(name, png_bytes(seed), content_type="image/png")


@pytest.fixture
def item(fed, campaign):
    assignment = assign_basic_work(fed, campaign, "01.02")
    item = services.ensure_item(assignment=assignment, by=fed.liaison)
    services.add_file(by=fed.liaison, item=item, upload=png("a.png", 1))
    services.add_file(by=fed.liaison, item=item, upload=png("b.png", 2))
    services.save_report(by=fed.liaison, item=item, report_text="五月开展活动")
    return item


def test_return_requires_a_comment(fed, item):
    services.submit(by=fed.liaison, item=item)
    with pytest.raises(ValidationFailed, match="必须填写点评"):
        services.return_item(by=fed.leader, item=item, comment="  ")
    item.refresh_from_db()
    assert item.status == Status.SUBMITTED


def test_liaison_cannot_approve_or_return(fed, item):
    services.submit(by=fed.liaison, item=item)
    with pytest.raises(PermissionDenied):
        services.approve(by=fed.liaison, item=item)
    with pytest.raises(PermissionDenied):
        services.return_item(by=fed.liaison, item=item, comment="自己退回")
    item.refresh_from_db()
    assert item.status == Status.SUBMITTED


def test_return_then_edit_makes_a_new_version_and_keeps_comments_per_version(fed, item):
    services.submit(by=fed.liaison, item=item)
    services.return_item(by=fed.leader, item=item, comment="补充一张现场照片")
    first = item.current_version
    services.add_file(by=fed.liaison, item=item, upload=png("c.png", 3))
    item.refresh_from_db()
    assert item.current_version.number == 2
    assert item.current_version.files.count() == 3
    assert first.files.count() == 2
    services.submit(by=fed.liaison, item=item)
    item.refresh_from_db()
    assert item.status == Status.RESUBMITTED
    services.approve(by=fed.leader, item=item, comment="很好")
    assert list(first.history.exclude(note="").values_list("note", flat=True)) == [
        "补充一张现场照片"
    ]
    assert item.current_version.history.filter(note="很好").exists()


def test_submitted_evidence_cannot_be_edited_until_withdrawn(fed, item):
    services.submit(by=fed.liaison, item=item)
    with pytest.raises(ValidationFailed, match="不能修改"):
        services.save_report(by=fed.liaison, item=item, report_text="改")
    services.withdraw(by=fed.liaison, item=item)
    services.save_report(by=fed.liaison, item=item, report_text="五月开展活动（修改）")


def test_progress_follows_the_evidence(fed, item):
    assignment = Assignment.objects.get(pk=item.assignment_id)
    assert assignment.status == Progress.IN_PROGRESS and assignment.is_complete
    services.submit(by=fed.liaison, item=item)
    assignment.refresh_from_db()
    assert assignment.status == Progress.SUBMITTED
    services.approve(by=fed.leader, item=item)
    assignment.refresh_from_db()
    assert assignment.status == Progress.APPROVED
