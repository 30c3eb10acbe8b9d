"""Importing a document keeps it as evidence and drafts proposals; confirming records them."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.core.exceptions import InvalidTransition, PermissionDenied, ValidationFailed
from gonghui.core.models import AuditEntry
from gonghui.ingest import services
from gonghui.ingest.models import IngestedDocument, Proposal

REPORT = (
    "省总工会机关召开5月份争创全国文明单位工作汇报会\n时间:2020-06-03\n"
    "基层工作部组织开展爱心捐书志愿服务活动,共计收到捐款5880元、捐书672本;"
    "女职工部组织开展春季运动会,设7个比赛项目,参与干部职工422人次。"
)


def upload(text=REPORT, name="report.txt"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


@pytest.fixture
def document(fed):
    return services.ingest_document(by=fed.province_admin, upload=upload(), organization=fed.henan)


def test_ingest_keeps_file_text_facts_and_drafts_proposals(fed, document):
    assert document.kind == "txt"
    assert document.file.read().decode() == REPORT
    assert document.report_date == dt.date(2020, 6, 3)
    assert [f["value"] for f in document.facts] == [5880, 672, 7, 422]
    kinds = sorted(document.proposals.values_list("kind", "activity_type_code"))
    assert kinds == [("activity", "reading"), ("activity", "sports"), ("ledger", "")]
    assert AuditEntry.objects.filter(action="import", target_id=str(document.pk)).exists()


def test_nothing_but_proposals_is_saved_before_confirmation(fed, document):
    from gonghui.activities.models import Activity

    assert not Activity.objects.exists()
    assert set(document.proposals.values_list("status", flat=True)) == {"proposed"}


def test_confirming_an_activity_proposal_records_the_activity(fed, document):
    proposal = document.proposals.get(activity_type_code="reading")
    assert proposal.metrics == {"money": 5880, "items": 672, "items_unit": "本"}
    services.confirm_proposal(by=fed.province_admin, proposal=proposal, title="爱心捐书活动")
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.CONFIRMED
    activity = proposal.activity
    assert activity.title == "爱心捐书活动"
    assert activity.money_fen == 588000
    assert (activity.items, activity.items_unit) == (672, "本")
    assert activity.start_date == dt.date(2020, 6, 3)


def test_confirming_twice_is_refused(fed, document):
    proposal = document.proposals.get(activity_type_code="sports")
    services.confirm_proposal(by=fed.province_admin, proposal=proposal)
    with pytest.raises(InvalidTransition):
        services.confirm_proposal(by=fed.province_admin, proposal=proposal)


def test_discarded_proposal_cannot_be_confirmed(fed, document):
    proposal = document.proposals.get(activity_type_code="sports")
    services.discard_proposal(by=fed.province_admin, proposal=proposal)
    with pytest.raises(InvalidTransition):
        services.confirm_proposal(by=fed.province_admin, proposal=proposal)


def test_activity_without_date_asks_for_one(fed):
    document = services.ingest_document(
        by=fed.province_admin,
        upload=upload("标题在这里\n组织读书活动,参与职工30人。"),
        organization=fed.henan,
    )
    proposal = document.proposals.get(kind="activity")
    with pytest.raises(ValidationFailed, match="日期"):
        services.confirm_proposal(by=fed.province_admin, proposal=proposal)


def test_outsider_cannot_import_into_another_subtree(fed):
    with pytest.raises(PermissionDenied):
        services.ingest_document(by=fed.outsider, upload=upload(), organization=fed.henan)


def test_outsider_cannot_confirm(fed, document):
    with pytest.raises(PermissionDenied):
        services.confirm_proposal(by=fed.outsider, proposal=document.proposals.first())


def test_binary_and_empty_uploads_are_refused_with_a_message(fed):
    with pytest.raises(ValidationFailed):
        services.ingest_document(
            by=fed.province_admin, upload=upload("", name="a.txt"), organization=fed.henan
        )
    binary = SimpleUploadedFile("a.txt", b"\x00\x01\x02" * 100)
    with pytest.raises(ValidationFailed):
        services.ingest_document(by=fed.province_admin, upload=binary, organization=fed.henan)
    assert not IngestedDocument.objects.exists()


@pytest.mark.seeds
def test_demo_loader_ingests_each_seed_once(fed):
    from gonghui.ingest.demo import SEEDS, load_demo_documents

    documents = load_demo_documents(by=fed.province_admin, organization=fed.henan)
    assert len(documents) == len(list(SEEDS.glob("*.txt")))
    assert load_demo_documents(by=fed.province_admin, organization=fed.henan) == []
