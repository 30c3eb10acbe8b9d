"""Writes of list exports: the audit entry of every export, and the background job of a long one."""

import datetime as dt
import tempfile
import uuid

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core import audit, privacy
from gonghui.core.exceptions import PermissionDenied
from gonghui.core.spreadsheets import write_xlsx

from .lists import declared, params_from_json
from .models import SpreadsheetExport

# Built files are kept this long, then removed the next time their owner asks for an export.
KEEP_FOR = dt.timedelta(days=7)
PROGRESS_EVERY = 10_000
UNMASKED_EXPORT_ACTION = audit.Action.EXPORT_SENSITIVE  # for readers of the audit log


def authorize_export(
    *,
    by,
    export=None,
    unmasked: bool,
    permission: str | None = None,
    message: str | None = None,
) -> None:
    """The one permission check of an export: the full values of masked columns go only to a
    holder of the list's sensitive permission (core.privacy), checked when the export is asked
    for and again when a queued one is built. A file outside the declared lists (`export` None)
    names its `permission` instead."""
    if not unmasked:
        return
    if export is None:
        privacy.require_sensitive(
            by,
            permission or privacy.SENSITIVE_PERMISSION,
            message or _("您没有导出敏感个人信息的权限"),
        )
    elif not export.may_unmask(by):
        raise PermissionDenied(message or _("您没有导出敏感个人信息的权限"))


def record_unmasked_file(
    *,
    by,
    summary: str,
    org_path: str,
    permission: str,
    message: str | None = None,
    detail: dict | None = None,
    target_type: str = "",
    target_paths: dict | None = None,
) -> None:
    """A file with full values built outside the declared lists (an app's own export, a bank
    transfer file): the permission checked here, one audit entry for the file and one per record
    it holds (`target_paths`: {pk: org_path}) so each record's list of readers is complete."""
    authorize_export(by=by, unmasked=True, permission=permission, message=message)
    audit.record(
        by=by,
        action=UNMASKED_EXPORT_ACTION,
        summary=summary,
        details=detail or {},
        org_path=org_path,
    )
    if not target_paths:
        return
    from gonghui.core.middleware import current_request_context
    from gonghui.core.models import AuditEntry

    ctx = current_request_context()
    items = list(target_paths.items())
    for start in range(0, len(items), 2000):  # a chunk of entries in memory at a time
        AuditEntry.objects.bulk_create(
            [
                AuditEntry(
                    actor=by,
                    actor_name=by.username,
                    ip_address=ctx.ip_address if ctx else None,
                    action=UNMASKED_EXPORT_ACTION,
                    target_type=target_type,
                    target_id=str(pk),
                    target_repr="",
                    org_path=path or "",
                    summary=summary[:500],
                    details=detail or {},
                )
                for pk, path in items[start : start + 2000]
            ]
        )


def record_export(*, by, export, params, unmasked: bool) -> None:
    """One audit entry per export, with its filters; a full-value export is marked as such and
    refused without the permission, whoever calls."""
    authorize_export(by=by, export=export, unmasked=unmasked)
    summary = _("导出%(title)s") % {"title": export.title}
    if unmasked:
        summary += _("（含%(what)s）") % {"what": export.sensitive_what or _("敏感信息")}
    audit.record(
        by=by,
        action=UNMASKED_EXPORT_ACTION if unmasked else audit.Action.EXPORT,
        summary=summary,
        details={"list": export.key, "query": params.dict()},
        org_path=export.org_path_for(by, params),
    )


@transaction.atomic
def request_export(*, by, export, params, unmasked: bool) -> SpreadsheetExport:
    """Queue the export of a long list; the file is built by a task with the person's scope."""
    # Deferred import: tasks.py imports this module for build_export.
    from .tasks import build_spreadsheet_export

    _drop_expired(by)
    job = SpreadsheetExport.objects.create(
        key=export.key,
        title=str(export.title)[:100],
        params=dict(params.lists()),
        is_unmasked=unmasked,
        requested_by=by,
    )
    record_export(by=by, export=export, params=params, unmasked=unmasked)
    transaction.on_commit(lambda: build_spreadsheet_export.enqueue(job.pk))
    return job


def _drop_expired(user) -> None:
    old = SpreadsheetExport.objects.filter(
        requested_by=user, created_at__lt=timezone.now() - KEEP_FOR
    )
    for job in old:
        if job.file:
            default_storage.delete(job.file.name)
        job.delete()


def _counted(rows, job):
    done = 0
    for row in rows:
        yield row
        done += 1
        if done % PROGRESS_EVERY == 0:
            SpreadsheetExport.objects.filter(pk=job.pk).update(num_rows=done)
    job.num_rows = done


def build_export(*, export_id: int) -> SpreadsheetExport:
    """Build the file with the scope and permissions the person holds now, not when they asked."""
    job = SpreadsheetExport.objects.select_related("requested_by").get(pk=export_id)
    job.state = SpreadsheetExport.State.RUNNING
    job.save(update_fields=["state", "updated_at"])
    user = job.requested_by
    try:
        export = declared(job.key)
        authorize_export(by=user, export=export, unmasked=job.is_unmasked)
        params = params_from_json(job.params)
        items = export.queryset(user, params)
        if isinstance(items, QuerySet):
            job.num_total = items.count()
            job.save(update_fields=["num_total", "updated_at"])
        with tempfile.TemporaryFile(dir=settings.VAR_DIR) as tmp:
            write_xlsx(
                tmp,
                title=job.title,
                headers=export.header_row,
                rows=_counted(export.rows_of(items, unmasked=job.is_unmasked), job),
                notes=export.notes,
            )
            size = tmp.tell()
            tmp.seek(0)
            # An unguessable stored name: the file is only served by the owner's download view.
            name = default_storage.save(f"exports/{uuid.uuid4().hex}.xlsx", File(tmp))
    except Exception as exc:
        job.state = SpreadsheetExport.State.FAILED
        job.error = str(getattr(exc, "message", exc))[:500]
        job.finished_at = timezone.now()
        job.save(update_fields=["state", "error", "finished_at", "updated_at"])
        raise
    job.file = name
    job.size = size
    job.state = SpreadsheetExport.State.DONE
    job.finished_at = timezone.now()
    job.save(
        update_fields=[
            "file",
            "size",
            "num_rows",
            "num_total",
            "state",
            "finished_at",
            "updated_at",
        ]
    )
    return job
