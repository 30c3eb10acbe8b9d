"""REST endpoints for ingestion: analyse text, upload documents, review and confirm proposals."""

import datetime as dt

from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from gonghui.api.fields import Date, Id
from gonghui.core.exceptions import ValidationFailed
from gonghui.organizations.selectors import get_organization_for_user

from . import selectors, services
from .report import analyse_text

router = Router()


class AnalyseIn(Schema):
    text: str


class FactOut(Schema):
    quote: str
    value: float
    value_max: float | None = None
    unit: str
    subject: str
    qualifier: str
    per: str | None = None
    start: int
    end: int
    original_start: int | None = None
    original_end: int | None = None
    # A round figure in words (上万, 数万, 数以千计): `value` is its magnitude.
    approximate: bool = False


class ReportOut(Schema):
    title: str
    org: str
    date: str | None
    text: str
    facts: list[FactOut]
    notices: list[str] = []


class ProposalOut(Schema):
    id: int
    kind: str
    status: str
    title: str
    organization_id: int
    proposed_date: dt.date | None
    activity_type_code: str
    department_id: int | None
    metrics: dict
    fact_indexes: list[int]
    activity_id: int | None
    evidence_item_id: int | None


class DocumentOut(Schema):
    id: int
    title: str
    organization_id: int
    original_name: str
    kind: str
    report_date: dt.date | None
    detected_org: str
    created_at: dt.datetime


class DocumentDetailOut(DocumentOut):
    text: str
    facts: list[FactOut]
    notices: list[str]
    proposals: list[ProposalOut]

    @staticmethod
    def resolve_proposals(obj):
        return selectors.proposals_for_document(obj)


class ConfirmIn(Schema):
    title: str | None = None
    proposed_date: Date | None = None
    activity_type_code: str | None = None
    metrics: dict | None = None
    department_id: Id | None = None
    assignment_id: Id | None = None


@router.post("/analyse", response=ReportOut)
def analyse(request, payload: AnalyseIn):
    """Normalise a text and extract its facts without saving anything; a text past the
    bound is read up to it, and `notices` says what was cut."""
    return analyse_text(payload.text).as_dict(with_text=True)


@router.get("/documents", response=list[DocumentOut])
def list_documents(request):
    return list(selectors.documents_for_user(request.user)[:200])


@router.post("/documents", response={201: DocumentDetailOut})
def upload_document(request, organization_id: Form[Id], file: File[UploadedFile]):
    organization = get_organization_for_user(request.user, organization_id)
    document = services.ingest_document(by=request.user, upload=file, organization=organization)
    return Status(201, document)


@router.get("/documents/{pk}", response=DocumentDetailOut)
def get_document(request, pk: Id):
    return selectors.get_document_for_user(request.user, pk)


@router.post("/proposals/{pk}/confirm", response=ProposalOut)
def confirm(request, pk: Id, payload: ConfirmIn):
    proposal = selectors.get_proposal_for_user(request.user, pk)
    edits = payload.dict(exclude_none=True)
    # Ids in the body are resolved through the user's scope, like ids in the URL.
    if "department_id" in edits:
        department_id = edits.pop("department_id")
        department = selectors.department_for(request.user, proposal.organization, department_id)
        if department is None:
            raise ValidationFailed(_("找不到该部门，或不在您的管理范围内"), field="department_id")
        edits["department"] = department
    if "assignment_id" in edits:
        assignment_id = edits.pop("assignment_id")
        assignment = selectors.ledger_task_for(request.user, proposal.organization, assignment_id)
        if assignment is None:
            raise ValidationFailed(
                _("找不到该台账任务，或不在您的管理范围内"), field="assignment_id"
            )
        edits["assignment"] = assignment
    return services.confirm_proposal(by=request.user, proposal=proposal, **edits)


@router.post("/proposals/{pk}/discard", response=ProposalOut)
def discard(request, pk: Id):
    proposal = selectors.get_proposal_for_user(request.user, pk)
    return services.discard_proposal(by=request.user, proposal=proposal)
