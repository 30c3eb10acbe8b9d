"""Writes for ingestion: store a document with its extraction, confirm or discard proposals."""

import datetime as dt
import io
import re
from decimal import Decimal, InvalidOperation
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.activities.models import ActivityType
from gonghui.activities.services import create_activity
from gonghui.core import audit, workflow
from gonghui.core.exceptions import PermissionDenied, ValidationFailed
from gonghui.core.files import check_upload
from gonghui.ingest.textnorm import DocumentError
from gonghui.ledger import services as ledger_services
from gonghui.ledger.permissions import can_edit_assignment
from gonghui.organizations.models import Organization

from .models import IngestedDocument, Proposal
from .permissions import can_ingest_into, can_review
from .proposals import draft_proposals
from .readers import read_bytes
from .report import MAX_TEXT_CHARS, analyse_text
from .workflow import TRANSITIONS

ALLOWED_KINDS = {"docx", "txt", "html"}


@transaction.atomic
def ingest_document(*, by, upload, organization: Organization) -> IngestedDocument:
    """Keep the uploaded report as evidence, extract its facts and draft proposals."""
    if not can_ingest_into(by, organization):
        raise PermissionDenied(_("您无权为该组织导入资料"))
    checked = check_upload(upload, allowed=ALLOWED_KINDS)
    upload.seek(0)
    data = upload.read()
    try:
        # One character past the bound, so that the analysis knows (and says) it cut the text.
        original = read_bytes(
            data, name=checked.original_name or f"file.{checked.kind}", max_chars=MAX_TEXT_CHARS + 1
        )
    except DocumentError as exc:
        raise ValidationFailed(exc.message, field="file") from exc
    report = analyse_text(original)
    normalized = report.normalized
    facts = [fact.as_dict() for fact in report.facts]
    drafts = draft_proposals(normalized.text, facts, title=report.title)
    document = IngestedDocument(
        organization=organization,
        original_name=checked.original_name,
        kind=checked.kind,
        sha256=checked.sha256,
        size=checked.size,
        original_text=normalized.original,
        text=normalized.text,
        offsets=list(normalized.offsets),
        title=report.title[:200],
        detected_org=report.org[:200],
        report_date=dt.date.fromisoformat(report.date) if report.date else None,
        report={**report.as_dict(), "notices": report.notices + drafts.notices},
        uploaded_by=by,
    )
    document.file.save(checked.safe_name, ContentFile(data), save=False)
    document.save()
    for draft in drafts:
        Proposal.objects.create(
            document=document,
            organization=organization,
            kind=draft.kind,
            title=draft.title[:200],
            proposed_date=document.report_date,
            activity_type_code=draft.activity_type_code,
            metrics=draft.metrics,
            fact_indexes=draft.fact_indexes,
            excerpt=draft.excerpt,
        )
    audit.record(
        by=by,
        action=audit.Action.IMPORT,
        target=document,
        summary=_("导入资料“%(name)s”，提取 %(count)s 条数据")
        % {"name": checked.original_name, "count": len(document.facts)},
    )
    return document


EDITABLE = {
    "title",
    "proposed_date",
    "activity_type_code",
    "metrics",
    "organization",
    "department",
    "assignment",
}
# The columns the edits above may change (the organisation carries its path).
EDITED_FIELDS = [
    "title",
    "proposed_date",
    "activity_type_code",
    "metrics",
    "organization",
    "org_path",
    "department",
]
METRIC_NAMES = ("participants", "attendances", "sessions", "items", "reach", "awards")


def clean_metrics(metrics: dict) -> dict:
    """Metrics as stored on a proposal: counts as non-negative ints, money in 元 as a number
    (a string when it has fen, so JSON keeps it exact), the item unit as text."""
    cleaned: dict = {}
    for name in METRIC_NAMES:
        value = metrics.get(name)
        if value in (None, ""):
            continue
        try:
            number = int(value)
        except (TypeError, ValueError) as exc:
            raise ValidationFailed(_("“%(v)s”不是整数") % {"v": value}, field=name) from exc
        if number < 0:
            raise ValidationFailed(_("数量不能为负数"), field=name)
        cleaned[name] = number
    money = metrics.get("money")
    if money not in (None, ""):
        try:
            amount = Decimal(str(money))
        except InvalidOperation as exc:
            raise ValidationFailed(
                _("金额“%(v)s”不是有效数字") % {"v": money}, field="money"
            ) from exc
        if amount < 0:
            raise ValidationFailed(_("金额不能为负数"), field="money")
        cleaned["money"] = int(amount) if amount == amount.to_integral_value() else str(amount)
    if metrics.get("items_unit") and cleaned.get("items"):
        cleaned["items_unit"] = str(metrics["items_unit"])
    for name, value in metrics.items():
        if name not in cleaned and name not in (*METRIC_NAMES, "money", "items_unit"):
            cleaned[name] = value  # kept as drafted (the ledger proposal's fact count)
    return cleaned


def _create_activity(*, by, proposal: Proposal):
    """The confirmed activity, recorded through the activities app's own service."""
    activity_type = ActivityType.objects.filter(code=proposal.activity_type_code).first()
    if activity_type is None:
        raise ValidationFailed(_("请选择活动类型"), field="activity_type_code")
    if proposal.proposed_date is None:
        raise ValidationFailed(_("请填写活动日期"), field="proposed_date")
    metrics = dict(proposal.metrics)
    fields = {name: int(metrics.get(name) or 0) for name in METRIC_NAMES}
    return create_activity(
        by=by,
        organization=proposal.organization,
        department=proposal.department,
        activity_type=activity_type,
        title=proposal.title,
        start_date=proposal.proposed_date,
        description=proposal.excerpt[:2000],
        items_unit=metrics.get("items_unit", "") if fields["items"] else "",
        money=str(metrics.get("money") or 0),
        **fields,
    )


def _evidence_upload(document: IngestedDocument, *, title: str, allowed: set[str]) -> ContentFile:
    """The document as a ledger file named by the reviewer's title: the uploaded file itself
    when the indicator accepts its kind, else its normalised text as a Word document."""
    stem = (
        re.sub(r"[\\/:*?\"<>|\s]+", " ", title).strip()[:80]
        or PurePath(document.original_name).stem
    )
    if document.kind in allowed:
        with document.file.open("rb") as fh:
            return ContentFile(fh.read(), name=f"{stem}.{document.kind}")
    if "docx" not in allowed:
        raise ValidationFailed(
            _("该台账任务不接受 %(kind)s 文件，也不接受 Word 文件；请改选其他任务")
            % {"kind": document.kind},
            field="assignment",
        )
    # python-docx only when a Word file is filed (start-up cost).
    import docx

    word = docx.Document()
    word.add_heading(title, level=1)
    for line in document.text.split("\n"):
        if line.strip():
            word.add_paragraph(line)
    buffer = io.BytesIO()
    word.save(buffer)
    return ContentFile(buffer.getvalue(), name=f"{stem}.docx")


def _create_evidence(*, by, proposal: Proposal, assignment):
    """The ledger entry the proposal files the document under, through the ledger's services."""
    if assignment is None:
        raise ValidationFailed(_("请选择要归入的台账任务"), field="assignment")
    if assignment.organization_id != proposal.organization_id or not can_edit_assignment(
        by, assignment
    ):
        raise PermissionDenied(_("您无权为该台账任务上传资料"))
    item = ledger_services.ensure_item(assignment=assignment, by=by)
    upload = _evidence_upload(
        proposal.document, title=proposal.title, allowed=set(item.indicator.allowed_file_types)
    )
    ledger_services.add_file(by=by, item=item, upload=upload)
    return item


@transaction.atomic
def confirm_proposal(*, by, proposal: Proposal, **edits) -> Proposal:
    """Apply the reviewer's edits and save the entry: an activity through the activities
    app's service, a ledger entry (the document filed as evidence) through the ledger's."""
    if not can_review(by, proposal):
        raise PermissionDenied(_("您无权确认该建议"))
    TRANSITIONS.target("confirm", proposal.status)  # before any edit or entry is made
    unknown = set(edits) - EDITABLE
    if unknown:
        raise ValidationFailed(_("不能修改这些字段：%(f)s") % {"f": "、".join(sorted(unknown))})
    if "organization" in edits and not can_ingest_into(by, edits["organization"]):
        raise PermissionDenied(_("您无权为该组织登记"))
    assignment = edits.pop("assignment", None)
    if "metrics" in edits:
        edits["metrics"] = clean_metrics(edits["metrics"] or {})
    for name, value in edits.items():
        setattr(proposal, name, value)
    department = proposal.department
    if department is not None and department.organization_id != proposal.organization_id:
        raise ValidationFailed(_("部门不属于该组织"), field="department")
    if proposal.kind == Proposal.Kind.ACTIVITY:
        proposal.activity = _create_activity(by=by, proposal=proposal)
    else:
        proposal.evidence_item = _create_evidence(by=by, proposal=proposal, assignment=assignment)
    # The edits and the entry made are saved; the status moves only through the kernel's
    # conditional update, so two reviewers confirming at once cannot both succeed.
    proposal.save(update_fields=[*EDITED_FIELDS, "activity", "evidence_item"])
    return _decide(proposal, "confirm", by=by)


@transaction.atomic
def discard_proposal(*, by, proposal: Proposal) -> Proposal:
    if not can_review(by, proposal):
        raise PermissionDenied(_("您无权处理该建议"))
    return _decide(proposal, "discard", by=by)


def _decide(proposal: Proposal, verb: str, *, by) -> Proposal:
    fields = {"decided_by": by, "decided_at": timezone.now()}
    return workflow.apply(proposal, table=TRANSITIONS, verb=verb, by=by, fields=fields)
