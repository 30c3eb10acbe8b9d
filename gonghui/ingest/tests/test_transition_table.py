"""Every verb from every state of an import proposal, through the services, against a table
written here rather than read from the ingest workflow."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.ingest import services
from gonghui.ingest.models import Proposal
from gonghui.testing import assert_verb

# Where each verb takes a proposal from each state; a missing verb is refused. A decided
# proposal stays decided: neither confirmed nor discarded ones can be confirmed or discarded.
EXPECTED = {
    "proposed": {"confirm": "confirmed", "discard": "discarded"},
    "confirmed": {},
    "discarded": {},
}
VERBS = ["confirm", "discard"]
REPORT = (
    "省总工会机关召开5月份争创全国文明单位工作汇报会\n时间:2020-06-03\n"
    "女职工部组织开展春季运动会,设7个比赛项目,参与干部职工422人次。"
)


def test_the_table_names_every_state():
    assert set(EXPECTED) == {value for value, _label in Proposal.Status.choices}


@pytest.mark.parametrize(("source", "verb"), [(s, v) for s in EXPECTED for v in VERBS])
def test_every_verb_from_every_state(fed, source, verb):
    upload = SimpleUploadedFile("report.txt", REPORT.encode(), content_type="text/plain")
    document = services.ingest_document(
        by=fed.province_admin, upload=upload, organization=fed.henan
    )
    proposal = document.proposals.get(kind=Proposal.Kind.ACTIVITY)
    Proposal.objects.filter(pk=proposal.pk).update(status=source)
    proposal.refresh_from_db()
    service = {"confirm": services.confirm_proposal, "discard": services.discard_proposal}[verb]

    def run():
        service(by=fed.province_admin, proposal=proposal)

    assert_verb(run, proposal, source=source, target=EXPECTED[source].get(verb))
