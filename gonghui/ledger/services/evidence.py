"""Writes on evidence: content, files and links, versions, and the review workflow.

Every change of evidence pushes the assignment's progress to campaigns (one UPDATE) so that
the 回头看 table and the score never have to read the ledger.
"""

from urllib.parse import urlparse

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.campaigns import services as campaign_services
from gonghui.campaigns.models import Progress
from gonghui.core import audit, workflow
from gonghui.core.concurrency import claim_version
from gonghui.core.exceptions import PermissionDenied, ValidationFailed
from gonghui.core.files import IMAGE_KINDS, check_upload

from .. import permissions, selectors
from ..models import EvidenceFile, EvidenceItem, EvidenceLink, EvidenceTransition, EvidenceVersion
from ..rules import check_upload_rules
from ..workflow import EDITABLE, TRANSITIONS, Status

PROGRESS_BY_STATUS = {
    Status.SUBMITTED: Progress.SUBMITTED,
    Status.RESUBMITTED: Progress.SUBMITTED,
    Status.APPROVED: Progress.APPROVED,
    Status.RETURNED: Progress.RETURNED,
}


# --- item and versions -----------------------------------------------------------------


def ensure_item(*, assignment, by) -> EvidenceItem:
    """The assignment's ledger entry, created with an empty first version on first use."""
    item = EvidenceItem.objects.filter(assignment=assignment).first()
    if item is not None:
        return item
    item = EvidenceItem.objects.create(
        assignment=assignment,
        campaign_id=assignment.campaign_id,
        indicator_id=assignment.indicator_id,
        organization_id=assignment.organization_id,
        department_id=assignment.department_id,
        created_by=by,
    )
    version = EvidenceVersion.objects.create(item=item, number=1, created_by=by)
    item.current_version = version
    item.save(update_fields=["current_version"])
    return item


def _working_version(item: EvidenceItem, by) -> EvidenceVersion:
    """The version edits go into: the current one, or a copy of it once it was submitted."""
    if item.status not in EDITABLE:
        label = Status(item.status).label
        raise ValidationFailed(
            _("资料当前状态为“%(label)s”，不能修改；如需修改请先撤回") % {"label": label}
        )
    current = item.current_version
    if current is not None and not current.is_frozen:
        return current
    number = (item.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = EvidenceVersion.objects.create(
        item=item,
        number=number,
        report_text=current.report_text if current else "",
        doc_number=current.doc_number if current else "",
        created_by=by,
    )
    if current is not None:
        # File rows are copied; the stored files are shared, never duplicated.
        EvidenceFile.objects.bulk_create(
            EvidenceFile(
                version=version,
                file=f.file.name,
                original_name=f.original_name,
                kind=f.kind,
                size=f.size,
                sha256=f.sha256,
                uploaded_by=f.uploaded_by,
            )
            for f in current.files.all()
        )
        EvidenceLink.objects.bulk_create(
            EvidenceLink(
                version=version,
                url=link.url,
                title=link.title,
                screenshot=link.screenshot.name,
                screenshot_sha256=link.screenshot_sha256,
            )
            for link in current.links.all()
        )
    item.current_version = version
    item.save(update_fields=["current_version", "updated_at"])
    return version


def _check_can_edit(by, item: EvidenceItem) -> None:
    if not permissions.can_edit_item(by, item):
        raise PermissionDenied(_("您没有编辑该台账资料的权限"))


def sync_progress(item: EvidenceItem) -> None:
    version = item.current_version
    files = list(version.files.all()) if version else []
    links = list(version.links.all()) if version else []
    missing = check_upload_rules(item.indicator, version, files=files, links=links)
    status = PROGRESS_BY_STATUS.get(item.status)
    if status is None:
        has_content = bool(files or links or (version and version.report_text.strip()))
        status = Progress.IN_PROGRESS if has_content else Progress.NOT_STARTED
    campaign_services.record_progress(
        assignment_id=item.assignment_id,
        status=status,
        is_complete=not missing,
        missing="；".join(missing),
        num_files=len(files) + len(links),
        submitted_at=version.submitted_at if version else None,
    )


@transaction.atomic
def save_report(
    *, by, item: EvidenceItem, report_text: str, doc_number: str = "", version: str | None = None
) -> None:
    _check_can_edit(by, item)
    # The report lives on the working version; the item's own version guards it against
    # two editors overwriting each other's text.
    claim_version(item, version, touch=True)
    version = _working_version(item, by)
    version.report_text = report_text.strip()
    version.doc_number = doc_number.strip()
    version.save(update_fields=["report_text", "doc_number"])
    sync_progress(item)


def _store(upload, checked, folder: str) -> str:
    return default_storage.save(f"{folder}/{checked.sha256[:2]}/{checked.safe_name}", upload)


@transaction.atomic
def add_file(*, by, item: EvidenceItem, upload) -> EvidenceFile:
    _check_can_edit(by, item)
    allowed = set(item.indicator.allowed_file_types)
    checked = check_upload(upload, allowed=allowed)
    version = _working_version(item, by)
    if version.files.filter(sha256=checked.sha256).exists():
        raise ValidationFailed(
            _("文件“%(original_name)s”已上传过（内容相同）")
            % {"original_name": checked.original_name},
            field="file",
        )
    stored = _store(upload, checked, f"ledger/{item.campaign_id}")
    evidence_file = EvidenceFile.objects.create(
        version=version,
        file=stored,
        original_name=checked.original_name,
        kind=checked.kind,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=by,
    )
    audit.record(
        by=by,
        action=audit.Action.CREATE,
        target=item,
        summary=f"上传文件 {checked.original_name}（{checked.kind}，sha256 {checked.sha256[:12]}…）",
    )
    sync_progress(item)
    return evidence_file


@transaction.atomic
def remove_file(*, by, item: EvidenceItem, file_id: int) -> None:
    _check_can_edit(by, item)
    version = _working_version(item, by)
    found = version.files.filter(pk=file_id).first()
    if found is None:
        # The id may name the row of the version before the copy: match by content.
        old = EvidenceFile.objects.filter(pk=file_id, version__item=item).first()
        found = version.files.filter(sha256=old.sha256).first() if old else None
    if found is None:
        raise ValidationFailed(_("文件不存在"))
    found.delete()
    audit.record(by=by, action=audit.Action.DELETE, target=item, summary=f"删除文件 {found}")
    sync_progress(item)


@transaction.atomic
def add_link(*, by, item: EvidenceItem, url: str, title: str = "", screenshot=None):
    _check_can_edit(by, item)
    parsed = urlparse(url.strip())
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ValidationFailed(_("链接须以 http:// 或 https:// 开头"), field="url")
    version = _working_version(item, by)
    link = EvidenceLink(version=version, url=url.strip(), title=title.strip()[:200])
    if screenshot:
        checked = check_upload(screenshot, allowed=IMAGE_KINDS)
        link.screenshot = _store(screenshot, checked, "ledger/screenshots")
        link.screenshot_sha256 = checked.sha256
    link.save()
    audit.record(by=by, action=audit.Action.CREATE, target=item, summary=f"添加链接 {link.url}")
    sync_progress(item)
    return link


@transaction.atomic
def attach_record(*, by, item: EvidenceItem, source_key: str, url: str, base_url: str):
    """A record another app keeps (see ledger.sources) attached as a link: looked up again in
    the actor's scope, addressed absolutely from `base_url`, attached once per version."""
    _check_can_edit(by, item)
    row = selectors.find_record(item.assignment, by, source_key=source_key, url=url)
    if row is None:
        raise ValidationFailed(_("该记录不存在、不在本任务的期间内或不在您的管理范围内"))
    address = base_url.rstrip("/") + row.url
    version = item.current_version
    if version is not None and version.links.filter(url=address).exists():
        raise ValidationFailed(_("该记录已附为资料"))
    return add_link(by=by, item=item, url=address, title=row.link_title)


@transaction.atomic
def remove_link(*, by, item: EvidenceItem, link_id: int) -> None:
    _check_can_edit(by, item)
    version = _working_version(item, by)
    old = EvidenceLink.objects.filter(pk=link_id, version__item=item).first()
    found = version.links.filter(pk=link_id).first() or (
        version.links.filter(url=old.url).first() if old else None
    )
    if found is None:
        raise ValidationFailed(_("链接不存在"))
    found.delete()
    sync_progress(item)


# --- workflow --------------------------------------------------------------------------


def _apply(*, by, item: EvidenceItem, verb: str, comment: str = "", notify=None):
    """One verb through the workflow kernel; the history row is kept with the current version."""
    workflow.apply(
        item,
        table=TRANSITIONS,
        verb=verb,
        by=by,
        note=comment,
        record={"version": item.current_version},
        on_commit=notify,
    )
    sync_progress(item)
    return item


def _lock(item: EvidenceItem) -> EvidenceItem:
    fresh = (
        # Only the entry's own row is locked: PostgreSQL refuses FOR UPDATE on the nullable
        # side of the outer join to the current version.
        EvidenceItem.objects.select_for_update(of=("self",))
        .select_related("indicator", "current_version", "campaign")
        .get(pk=item.pk)
    )
    item.status = fresh.status
    item.current_version = fresh.current_version
    return item


@transaction.atomic
def submit(*, by, item: EvidenceItem, verb: str | None = None) -> EvidenceItem:
    """submit (from draft) or resubmit (from returned), after checking the upload rules."""
    _check_can_edit(by, item)
    item = _lock(item)
    verb = verb or ("resubmit" if item.status == Status.RETURNED else "submit")
    if verb not in ("submit", "resubmit"):
        raise ValueError(verb)
    TRANSITIONS.target(verb, item.status)  # the state is checked before the upload rules
    version = item.current_version
    missing = check_upload_rules(
        item.indicator, version, files=list(version.files.all()), links=list(version.links.all())
    )
    if missing:
        raise ValidationFailed(_("不能提交：") + "；".join(missing), errors=missing)
    version.is_frozen = True
    version.submitted_at = timezone.now()
    version.submitted_by = by
    version.save(update_fields=["is_frozen", "submitted_at", "submitted_by"])
    return _apply(by=by, item=item, verb=verb, notify=_reviewers_notice(item))


@transaction.atomic
def withdraw(*, by, item: EvidenceItem) -> EvidenceItem:
    _check_can_edit(by, item)
    item = _lock(item)
    return _apply(by=by, item=item, verb="withdraw")


def _check_can_review(by, item: EvidenceItem) -> None:
    if not permissions.can_review_item(by, item):
        raise PermissionDenied(_("您没有审核台账资料的权限（联络员只能上传和提交）"))


@transaction.atomic
def approve(*, by, item: EvidenceItem, comment: str = "") -> EvidenceItem:
    _check_can_review(by, item)
    item = _lock(item)
    notice = _submitter_notice(item, f"已通过：{item.indicator.code} {item.indicator.name}")
    return _apply(by=by, item=item, verb="approve", comment=comment.strip(), notify=notice)


@transaction.atomic
def return_item(*, by, item: EvidenceItem, comment: str) -> EvidenceItem:
    _check_can_review(by, item)
    if not comment or not comment.strip():
        raise ValidationFailed(
            _("退回时必须填写点评意见，说明需要补充或修改的内容"), field="comment"
        )
    item = _lock(item)
    notice = _submitter_notice(
        item, f"已退回：{item.indicator.code} {item.indicator.name}。意见：{comment.strip()}"
    )
    return _apply(by=by, item=item, verb="return", comment=comment.strip(), notify=notice)


@transaction.atomic
def comment(*, by, item: EvidenceItem, text: str) -> EvidenceTransition:
    """A reviewer's 点评 without a status change, kept with the current version."""
    _check_can_review(by, item)
    if not text.strip():
        raise ValidationFailed(_("点评内容不能为空"), field="comment")
    transition = workflow.log(
        item,
        table=TRANSITIONS,
        verb="comment",
        by=by,
        note=text.strip(),
        record={"version": item.current_version},
    )
    audit.record(by=by, action=audit.Action.UPDATE, target=item, summary=f"点评：{text[:100]}")
    return transition


def _item_url(item) -> str:
    return reverse("ledger:item", args=[item.pk])


def _submitter_notice(item, text: str):
    """The notification to the submitter and the liaison, to send once the verb is committed."""
    version = item.current_version
    users = [version.submitted_by] if version and version.submitted_by_id else []
    if item.assignment.liaison_id and item.assignment.liaison not in users:
        users.append(item.assignment.liaison)
    url = _item_url(item)
    return lambda: campaign_services.notify(users=users, text=text, url=url)


def _reviewers_notice(item):
    """The notification to the unit's leaders, to send once the submission is committed."""
    reviewers = list(
        User.objects.filter(
            role__code="leader", organization_id=item.campaign.organization_id, is_active=True
        )[:20]
    )
    text = f"待审核：{item.indicator.code} {item.indicator.name}"
    url = _item_url(item)
    return lambda: campaign_services.notify(users=reviewers, text=text, url=url)
