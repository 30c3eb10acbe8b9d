"""The ingested documents' Excel export."""

from django.utils.translation import gettext_lazy as _

from gonghui.exports.lists import Column, ListExport

from . import selectors

DOCUMENTS = ListExport(
    key="ingest.documents",
    title=_("导入资料"),
    queryset=lambda user, params: selectors.documents_for_user(user).select_related("uploaded_by"),
    columns=[
        Column(_("标题"), str),
        Column(_("所属组织"), "organization.name"),
        Column(_("识别的组织"), "detected_org"),
        Column(_("报道日期"), "report_date"),
        Column(_("原文件"), "original_name"),
        Column(_("文件类型"), "kind"),
        Column(_("大小（字节）"), "size"),
        Column(_("上传人"), lambda d: str(d.uploaded_by) if d.uploaded_by_id else ""),
        Column(_("上传时间"), "created_at"),
    ],
)
