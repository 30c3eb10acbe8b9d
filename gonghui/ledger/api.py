"""REST endpoints: evidence (content, upload, transitions) and monthly reports."""

import datetime as dt

from django.utils.translation import gettext as _
from ninja import Field, File, Router, Schema, Status
from ninja.files import UploadedFile

from gonghui.api.fields import Id
from gonghui.campaigns import selectors as campaign_selectors
from gonghui.core.concurrency import request_version, version_of
from gonghui.core.exceptions import PermissionDenied, ValidationFailed
from gonghui.organizations.selectors import get_organization_for_user

from . import permissions, selectors, services

router = Router()


class FileOut(Schema):
    id: int
    original_name: str
    kind: str
    size: int
    sha256: str


class LinkOut(Schema):
    id: int
    url: str
    title: str


class EvidenceOut(Schema):
    id: int
    assignment_id: int
    indicator_id: int
    status: str
    version: int
    edit_version: str = Field(
        description="Send back as `edit_version` (or `If-Match`) when saving the report."
    )
    report_text: str
    doc_number: str
    files: list[FileOut]
    links: list[LinkOut]


class ReportIn(Schema):
    report_text: str
    doc_number: str = ""
    edit_version: str | None = Field(
        None, description="The `edit_version` read; a stale one is refused with 409."
    )


class LinkIn(Schema):
    url: str
    title: str = ""


class CommentIn(Schema):
    comment: str = ""


class MonthlyIn(Schema):
    campaign_id: Id
    organization_id: Id
    department_id: Id | None = None
    period: str
    summary: str
    evidence_ids: list[Id] = []
    activity_ids: list[Id] = []
    submit: bool = False


class MonthlyOut(Schema):
    id: int
    campaign_id: int
    organization_id: int
    department_id: int | None
    period: str
    summary: str
    status: str
    review_comment: str
    submitted_at: dt.datetime | None


def _out(item) -> dict:
    item.refresh_from_db()
    version = item.current_version
    return {
        "id": item.pk,
        "assignment_id": item.assignment_id,
        "indicator_id": item.indicator_id,
        "status": item.status,
        "version": version.number,
        "edit_version": version_of(item),
        "report_text": version.report_text,
        "doc_number": version.doc_number,
        "files": list(version.files.all()),
        "links": list(version.links.all()),
    }


def _item_for_task(request, assignment_id: Id):
    assignment = campaign_selectors.get_assignment_for_user(request.auth, assignment_id)
    found = selectors.item_for_assignment(assignment)
    if found is None:
        if not permissions.can_edit_assignment(request.auth, assignment):
            raise PermissionDenied(_("您没有编辑该任务台账的权限"))
        found = services.ensure_item(assignment=assignment, by=request.auth)
    return found


@router.get("/tasks/{assignment_id}/evidence", response=EvidenceOut)
def get_evidence(request, assignment_id: Id):
    return _out(_item_for_task(request, assignment_id))


@router.put("/tasks/{assignment_id}/evidence/report", response=EvidenceOut)
def save_report(request, assignment_id: Id, payload: ReportIn):
    item = _item_for_task(request, assignment_id)
    services.save_report(
        by=request.auth,
        item=item,
        report_text=payload.report_text,
        doc_number=payload.doc_number,
        version=request_version(request, payload.edit_version),
    )
    return _out(item)


@router.post("/tasks/{assignment_id}/evidence/files", response={201: FileOut})
def upload_file(request, assignment_id: Id, file: UploadedFile = File(...)):  # noqa: B008
    """Upload one file; its type is judged from its content, never its name."""
    item = _item_for_task(request, assignment_id)
    return Status(201, services.add_file(by=request.auth, item=item, upload=file))


@router.post("/tasks/{assignment_id}/evidence/links", response={201: LinkOut})
def add_link(request, assignment_id: Id, payload: LinkIn):
    item = _item_for_task(request, assignment_id)
    return Status(
        201, services.add_link(by=request.auth, item=item, url=payload.url, title=payload.title)
    )


VERBS = {
    "submit": lambda by, item, c: services.submit(by=by, item=item),
    "withdraw": lambda by, item, c: services.withdraw(by=by, item=item),
    "approve": lambda by, item, c: services.approve(by=by, item=item, comment=c),
    "return": lambda by, item, c: services.return_item(by=by, item=item, comment=c),
    "comment": lambda by, item, c: services.comment(by=by, item=item, text=c),
}


@router.post("/tasks/{assignment_id}/evidence/{verb}", response=EvidenceOut)
def transition(request, assignment_id: Id, verb: str, payload: CommentIn):
    """submit / withdraw / approve / return (comment required) / comment."""
    if verb not in VERBS:
        raise ValidationFailed(_("未知操作：%(verb)s") % {"verb": verb})
    item = _item_for_task(request, assignment_id)
    VERBS[verb](request.auth, item, payload.comment)
    return _out(item)


@router.get("/monthly-reports", response=list[MonthlyOut])
def list_monthly_reports(request, campaign_id: Id, period: str):
    campaign = campaign_selectors.get_campaign_for_user(request.auth, campaign_id)
    rows = selectors.meeting(campaign, services.check_period(period), request.auth)
    return [r.report for r in rows if r.report is not None]


@router.post("/monthly-reports", response={201: MonthlyOut})
def save_monthly_report(request, payload: MonthlyIn):
    campaign = campaign_selectors.get_campaign_for_user(request.auth, payload.campaign_id)
    org = get_organization_for_user(request.auth, payload.organization_id)
    dept = selectors.department_of(org, payload.department_id)
    report = services.save_monthly_report(
        by=request.auth,
        campaign=campaign,
        organization=org,
        department=dept,
        period=payload.period,
        summary=payload.summary,
        evidence_ids=payload.evidence_ids,
        activity_ids=payload.activity_ids,
        submit=payload.submit,
    )
    return Status(201, report)
