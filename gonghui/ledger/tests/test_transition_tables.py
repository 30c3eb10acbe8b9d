"""Every verb from every state of a ledger entry and of a monthly report, through the services,
against tables written here rather than read from ledger.workflow."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.campaigns.tests.factories import assign_basic_work, png_bytes
from gonghui.ledger import services
from gonghui.ledger.models import EvidenceItem, EvidenceTransition, MonthlyReport
from gonghui.testing import assert_verb

pytestmark = pytest.mark.django_db

# Where each verb takes a ledger entry from each state; a missing verb is refused.
EVIDENCE = {
    "draft": {"submit": "submitted"},
    "submitted": {"withdraw": "draft", "approve": "approved", "return": "returned"},
    "resubmitted": {"withdraw": "draft", "approve": "approved", "return": "returned"},
    "returned": {"resubmit": "resubmitted"},
    "approved": {},
}
EVIDENCE_VERBS = ["submit", "resubmit", "withdraw", "approve", "return"]

# The same for a unit's monthly report: a returned report is submitted again as it was.
REPORT = {
    "draft": {"submit": "submitted"},
    "submitted": {"withdraw": "draft", "approve": "approved", "return": "returned"},
    "returned": {"submit": "submitted"},
    "approved": {},
}
REPORT_VERBS = ["submit", "withdraw", "approve", "return"]


def states_of(model) -> set[str]:
    return {value for value, _label in model._meta.get_field("status").choices}


def test_the_tables_name_every_state():
    assert set(EVIDENCE) == states_of(EvidenceItem)
    assert set(REPORT) == states_of(MonthlyReport)


@pytest.fixture
def item(fed, campaign):
    """A ledger entry that meets its upload rules (two photos), so only the state decides."""
    assignment = assign_basic_work(fed, campaign, "01.02")
    item = services.ensure_item(assignment=assignment, by=fed.liaison)
    for seed in (1, 2):
        upload = SimpleUploadedFile(f"{seed}.png", png_bytes(seed), content_type="image/png")
        services.add_file(by=fed.liaison, item=item, upload=upload)
    return item


@pytest.fixture
def report(fed, campaign):
    return services.save_monthly_report(
        by=fed.liaison,
        campaign=campaign,
        organization=fed.henan,
        department=fed.basic_work_dept,
        period="2020-05",
        summary="组织开展爱心捐书志愿服务活动。",
    )


def run_on_item(verb, fed, item):
    if verb in ("submit", "resubmit"):
        return lambda: services.submit(by=fed.liaison, item=item, verb=verb)
    if verb == "withdraw":
        return lambda: services.withdraw(by=fed.liaison, item=item)
    if verb == "approve":
        return lambda: services.approve(by=fed.leader, item=item)
    assert verb == "return"
    return lambda: services.return_item(by=fed.leader, item=item, comment="照片看不清单位名称")


def run_on_report(verb, fed, report):
    if verb == "submit":
        return lambda: services.submit_monthly_report(by=fed.liaison, report=report)
    if verb == "withdraw":
        return lambda: services.withdraw_monthly_report(by=fed.liaison, report=report)
    return lambda: services.review_monthly_report(
        by=fed.leader, report=report, comment="请补充活动照片", verb=verb
    )


def put_in(obj, state):
    type(obj).objects.filter(pk=obj.pk).update(status=state)
    obj.refresh_from_db()
    return obj


@pytest.mark.parametrize(
    ("source", "verb"), [(state, verb) for state in EVIDENCE for verb in EVIDENCE_VERBS]
)
def test_every_evidence_verb_from_every_state(fed, item, source, verb):
    put_in(item, source)
    target = EVIDENCE[source].get(verb)
    assert_verb(run_on_item(verb, fed, item), item, source=source, target=target)
    moves = EvidenceTransition.objects.filter(item=item, verb=verb)
    assert list(moves.values_list("from_status", "to_status")) == (
        [(source, target)] if target else []
    )


@pytest.mark.parametrize(
    ("source", "verb"), [(state, verb) for state in REPORT for verb in REPORT_VERBS]
)
def test_every_report_verb_from_every_state(fed, report, source, verb):
    put_in(report, source)
    target = REPORT[source].get(verb)
    assert_verb(run_on_report(verb, fed, report), report, source=source, target=target)
