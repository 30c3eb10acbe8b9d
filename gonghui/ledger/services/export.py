"""The inspector package: a zip with a numbered folder per indicator (approved files, the
说明报告 as .docx) and an index .xlsx, built in the background with bounded memory.

Files are copied from storage into the zip in chunks, and the zip is written to a temporary
file on disk, so memory does not grow with the number or size of files.
"""

import io
import re
import shutil
import tempfile
import uuid
import zipfile

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.campaigns.permissions import can_manage_campaign
from gonghui.core import audit
from gonghui.core.exceptions import PermissionDenied
from gonghui.core.spreadsheets import render_xlsx

from ..models import EvidenceFile, EvidenceItem, LedgerExport
from ..workflow import Status

CHUNK = 1024 * 1024
# Evidence formats that are compressed already (PDF streams, OOXML packages, JPEG, PNG) are
# stored as they are: deflating them again costs most of the export's time and saves little.
STORED_KINDS = {"pdf", "docx", "xlsx", "jpg", "png"}
PROGRESS_EVERY = 50
INDEX_HEADERS = [
    "序号",
    "指标编号",
    "指标",
    "责任部门",
    "文号",
    "资料",
    "包内路径",
    "大小(字节)",
    "SHA-256",
]
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def _folder_name(number: int, code: str, name: str) -> str:
    return f"{number:03d}_{_UNSAFE.sub('_', code)}_{_UNSAFE.sub('_', name)[:40]}"


@transaction.atomic
def request_export(*, by, campaign) -> LedgerExport:
    if not can_manage_campaign(by, campaign):
        raise PermissionDenied(_("您没有导出该创建活动台账的权限"))
    export = LedgerExport.objects.create(campaign=campaign, requested_by=by)
    audit.record(by=by, action=audit.Action.EXPORT, target=campaign, summary="导出台账资料包")
    # Cycle: tasks.py imports this module for the task body.
    from ..tasks import build_ledger_export

    transaction.on_commit(lambda: build_ledger_export.enqueue(export.pk))
    return export


def _blank(doc):
    """Empty the document's body (keeping its section settings) so that one parsed template
    serves every indicator: parsing the default template is most of the cost of a report."""
    # python-docx only when a package is built (start-up cost).
    from docx.oxml.ns import qn

    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return doc


def _report_docx(indicator, items, doc=None) -> bytes:
    # python-docx only when a package is built (start-up cost).
    from docx import Document

    doc = _blank(doc) if doc is not None else Document()
    doc.add_heading(f"{indicator.code} {indicator.name}", level=1)
    doc.add_paragraph(f"分值：{indicator.full_score}　测评方法：{'、'.join(indicator.methods)}")
    for item in items:
        version = item.current_version
        doc.add_heading(f"{item.assignment.unit_name}　说明报告", level=2)
        if version.doc_number:
            doc.add_paragraph(f"文号：{version.doc_number}")
        doc.add_paragraph(version.report_text or "（无）")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _approved_items(campaign):
    return (
        EvidenceItem.objects.filter(campaign=campaign, status=Status.APPROVED)
        .select_related(
            "indicator",
            "current_version",
            "assignment__department",
            "assignment__organization",
        )
        .order_by("indicator__position", "org_path", "department_id", "pk")
    )


def _entry(arcname: str, kind: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(arcname, date_time=timezone.localtime().timetuple()[:6])
    info.compress_type = zipfile.ZIP_STORED if kind in STORED_KINDS else zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16  # what ZipFile.open(name) gives an entry
    return info


def build_export(*, export_id: int) -> LedgerExport:
    export = LedgerExport.objects.select_related("campaign").get(pk=export_id)
    campaign = export.campaign
    items = list(_approved_items(campaign))
    file_count = EvidenceFile.objects.filter(
        version_id__in=[i.current_version_id for i in items]
    ).count()
    export.state = LedgerExport.State.RUNNING
    export.num_total = file_count
    export.save(update_fields=["state", "num_total", "updated_at"])
    index_rows = []
    done = 0
    try:
        with tempfile.TemporaryFile(dir=settings.VAR_DIR) as tmp:
            with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
                # python-docx only when a package is built (start-up cost).
                from docx import Document

                report = Document()
                by_indicator: dict[int, list] = {}
                for item in items:
                    by_indicator.setdefault(item.indicator_id, []).append(item)
                for number, group in enumerate(by_indicator.values(), start=1):
                    indicator = group[0].indicator
                    folder = _folder_name(number, indicator.code, indicator.name)
                    zf.writestr(
                        _entry(f"{folder}/说明报告.docx", "docx"),
                        _report_docx(indicator, group, report),
                    )
                    files = EvidenceFile.objects.filter(
                        version_id__in=[i.current_version_id for i in group]
                    ).order_by("version_id", "pk")
                    unit_of = {i.current_version_id: i for i in group}
                    for seq, f in enumerate(files.iterator(chunk_size=500), start=1):
                        item = unit_of[f.version_id]
                        arcname = f"{folder}/{seq:03d}_{_UNSAFE.sub('_', f.original_name)}"
                        with (
                            default_storage.open(f.file.name, "rb") as src,
                            zf.open(_entry(arcname, f.kind), "w", force_zip64=True) as dest,
                        ):
                            shutil.copyfileobj(src, dest, CHUNK)
                        index_rows.append(
                            [
                                len(index_rows) + 1,
                                indicator.code,
                                indicator.name,
                                item.assignment.unit_name,
                                item.current_version.doc_number,
                                f.original_name,
                                arcname,
                                f.size,
                                f.sha256,
                            ]
                        )
                        done += 1
                        if done % PROGRESS_EVERY == 0:
                            LedgerExport.objects.filter(pk=export.pk).update(num_done=done)
                zf.writestr(
                    _entry("000_台账资料索引.xlsx", "xlsx"),
                    render_xlsx(
                        title="台账资料索引",
                        headers=INDEX_HEADERS,
                        rows=index_rows,
                        notes=[f"{campaign.name}　导出时间 {timezone.localtime():%Y-%m-%d %H:%M}"],
                    ),
                )
            size = tmp.tell()
            tmp.seek(0)
            # An unguessable stored name: the package is only ever served by the scoped view,
            # and a name that cannot be enumerated keeps it private even if storage leaks.
            name = default_storage.save(
                f"ledger/exports/{campaign.pk}/{uuid.uuid4().hex}.zip", File(tmp)
            )
    except Exception as exc:
        export.state = LedgerExport.State.FAILED
        export.error = str(exc)[:500]
        export.finished_at = timezone.now()
        export.save(update_fields=["state", "error", "finished_at", "updated_at"])
        raise
    export.file = name
    export.size = size
    export.num_done = done
    export.state = LedgerExport.State.DONE
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "size", "num_done", "state", "finished_at", "updated_at"])
    return export
