"""Confirming or discarding a proposal is a workflow verb: one history row, the audit entry,
and of two reviewers confirming one proposal at once only the first succeeds."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.activities.models import Activity
from gonghui.core.exceptions import InvalidTransition
from gonghui.core.models import AuditEntry
from gonghui.ingest import services
from gonghui.ingest.models import Proposal, ProposalTransition

REPORT = (
    "省总工会机关召开5月份争创全国文明单位工作汇报会\n时间:2020-06-03\n"
    "女职工部组织开展春季运动会,设7个比赛项目,参与干部职工422人次。"
)


@pytest.fixture
def proposal(fed):
    upload = SimpleUploadedFile("r.txt", REPORT.encode(), content_type="text/plain")
    document = services.ingest_document(
        by=fed.province_admin, upload=upload, organization=fed.henan
    )
    return document.proposals.get(activity_type_code="sports")


def history(proposal):
    return [
        (r.verb, r.from_status, r.to_status, r.by)
        for r in ProposalTransition.objects.filter(proposal=proposal)
    ]


def test_confirming_writes_one_history_row_and_the_audit_entry(fed, proposal):
    services.confirm_proposal(by=fed.province_admin, proposal=proposal, title="春季运动会")
    assert history(proposal) == [("confirm", "proposed", "confirmed", fed.province_admin)]
    stored = Proposal.objects.get(pk=proposal.pk)
    assert (stored.status, stored.title, stored.decided_by) == (
        "confirmed",
        "春季运动会",
        fed.province_admin,
    )
    assert stored.activity is not None and stored.decided_at is not None
    entry = AuditEntry.objects.get(action="transition", target_type="ingest.proposal")
    assert "确认" in entry.summary and "待确认 → 已确认" in entry.summary


def test_discarding_writes_one_history_row(fed, proposal):
    services.discard_proposal(by=fed.province_admin, proposal=proposal)
    assert history(proposal) == [("discard", "proposed", "discarded", fed.province_admin)]
    with pytest.raises(InvalidTransition, match="当前状态为“已舍弃”，不能执行“确认”"):
        services.confirm_proposal(by=fed.province_admin, proposal=proposal)


def test_a_stale_copy_cannot_confirm_a_second_time(fed, proposal):
    stale = Proposal.objects.get(pk=proposal.pk)
    services.confirm_proposal(by=fed.province_admin, proposal=proposal)
    with pytest.raises(InvalidTransition, match="状态已变为“已确认”"):
        services.confirm_proposal(by=fed.province_admin, proposal=stale)
    assert Activity.objects.count() == 1
    assert [row[0] for row in history(proposal)] == ["confirm"]
