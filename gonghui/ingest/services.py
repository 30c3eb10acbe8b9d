"""Writes for ingestion: store a document with its extraction, confirm or discard proposals."""

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core import audit
from gonghui.core.exceptions import InvalidTransition, PermissionDenied, ValidationFailed
from gonghui.core.files import check_upload
from gonghui.core.textnorm import DocumentError
from gonghui.organizations.models import Organization

from .models import IngestedDocument, Proposal
from .permissions import can_ingest_into, can_review
from .proposals import draft_proposals
from .readers import read_bytes
from .report import analyse_text

ALLOWED_KINDS = {"docx", "txt", "html"}
TRANSITIONS = {
    Proposal.Status.PROPOSED: {Proposal.Status.CONFIRMED, Proposal.Status.DISCARDED},
    Proposal.Status.CONFIRMED: set(),
    Proposal.Status.DISCARDED: {Proposal.Status.PROPOSED},
}


def _check_transition(proposal: Proposal, target: str) -> None:
    if target not in TRANSITIONS[proposal.status]:
        raise InvalidTransition(
            _("建议当前状态为“%(status)s”，不能执行该操作")
            % {"status": proposal.get_status_display()}
        )


@transaction.atomic
def ingest_document(*, by, upload, organization: Organization) -> IngestedDocument:
    """Keep the uploaded report as evidence, extract its facts and draft proposals."""
    if not can_ingest_into(by, organization):
        raise PermissionDenied(_("您无权为该组织导入资料"))
    checked = check_upload(upload, allowed=ALLOWED_KINDS)
    upload.seek(0)
    data = upload.read()
    try:
        original = read_bytes(data, name=checked.original_name or f"file.{checked.kind}")
    except DocumentError as exc:
        raise ValidationFailed(exc.message, field="file") from exc
    report = analyse_text(original)
    normalized = report.normalized
    document = IngestedDocument(
        organization=organization,
        original_name=checked.original_name,
        kind=checked.kind,
        sha256=checked.sha256,
        size=checked.size,
        original_text=original,
        text=normalized.text,
        offsets=list(normalized.offsets),
        title=report.title[:200],
        detected_org=report.org[:200],
        report_date=dt.date.fromisoformat(report.date) if report.date else None,
        report=report.as_dict(),
        uploaded_by=by,
    )
    document.file.save(checked.safe_name, ContentFile(data), save=False)
    document.save()
    for draft in draft_proposals(normalized.text, document.facts, title=report.title):
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


EDITABLE = {"title", "proposed_date", "activity_type_code", "metrics", "organization"}


def _create_activity(*, by, proposal: Proposal):
    """The confirmed activity, recorded through the activities app's own service."""
    from gonghui.activities.models import ActivityType
    from gonghui.activities.services import create_activity

    activity_type = ActivityType.objects.filter(code=proposal.activity_type_code).first()
    if activity_type is None:
        raise ValidationFailed(_("请选择活动类型"), field="activity_type_code")
    if proposal.proposed_date is None:
        raise ValidationFailed(_("请填写活动日期"), field="proposed_date")
    metrics = dict(proposal.metrics)
    fields = {
        name: int(metrics.get(name) or 0)
        for name in ("participants", "attendances", "sessions", "items", "reach", "awards")
    }
    return create_activity(
        by=by,
        organization=proposal.organization,
        department=None,
        activity_type=activity_type,
        title=proposal.title,
        start_date=proposal.proposed_date,
        description=proposal.excerpt[:2000],
        items_unit=metrics.get("items_unit", "") if fields["items"] else "",
        money=str(metrics.get("money") or 0),
        **fields,
    )


@transaction.atomic
def confirm_proposal(*, by, proposal: Proposal, **edits) -> Proposal:
    """Apply the reviewer's edits and save the entry; an activity goes through its service."""
    if not can_review(by, proposal):
        raise PermissionDenied(_("您无权确认该建议"))
    _check_transition(proposal, Proposal.Status.CONFIRMED)
    unknown = set(edits) - EDITABLE
    if unknown:
        raise ValidationFailed(_("不能修改这些字段：%(f)s") % {"f": "、".join(sorted(unknown))})
    if "organization" in edits and not can_ingest_into(by, edits["organization"]):
        raise PermissionDenied(_("您无权为该组织登记"))
    for name, value in edits.items():
        setattr(proposal, name, value)
    if proposal.kind == Proposal.Kind.ACTIVITY:
        proposal.activity = _create_activity(by=by, proposal=proposal)
    proposal.status = Proposal.Status.CONFIRMED
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    proposal.save()
    audit.record(
        by=by,
        action=audit.Action.TRANSITION,
        target=proposal,
        summary=_("确认导入建议“%(title)s”") % {"title": proposal.title},
    )
    return proposal


@transaction.atomic
def discard_proposal(*, by, proposal: Proposal) -> Proposal:
    if not can_review(by, proposal):
        raise PermissionDenied(_("您无权处理该建议"))
    _check_transition(proposal, Proposal.Status.DISCARDED)
    proposal.status = Proposal.Status.DISCARDED
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    audit.record(
        by=by,
        action=audit.Action.TRANSITION,
        target=proposal,
        summary=_("舍弃导入建议“%(title)s”") % {"title": proposal.title},
    )
    return proposal
