"""The list of generated reports to Excel."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.exports.lists import Column, ListExport

from . import selectors


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


REPORTS = ListExport(
    key="reports.reports",
    title=_("生成的报告"),
    queryset=lambda user, params: selectors.reports_for_user(user, kind=params.get("kind", "")),
    columns=[
        Column(_("标题"), "title"),
        Column(_("类型"), "get_kind_display"),
        Column(_("单位"), "organization.name"),
        Column(_("生成时间"), lambda r: _when(r.generated_at)),
        Column(_("生成人"), lambda r: str(r.generated_by or "")),
        Column(_("修改时间"), lambda r: _when(r.edited_at)),
    ],
)
