"""The notice list's Excel export (public fields only: notices hold no personal data)."""

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.exports.lists import Column, ListExport

from . import selectors


def _local(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def filters(params: QueryDict) -> selectors.NoticeFilter:
    return selectors.NoticeFilter(q=params.get("q", "").strip(), status=params.get("status", ""))


NOTICES = ListExport(
    key="notices.notices",
    title=_("公示清单"),
    queryset=lambda user, params: selectors.notices_for_user(user, filters(params)),
    columns=[
        Column(_("公示标题"), "title"),
        Column(_("组织"), "organization.name"),
        Column(_("来源"), "source_label"),
        Column(_("状态"), lambda n: n.get_status_display()),
        Column(_("公示开始"), lambda n: _local(n.opens_at)),
        Column(_("公示结束"), lambda n: _local(n.closes_at)),
        Column(_("期限"), lambda n: f"{n.period_days}{n.get_period_kind_display()}"),
        Column(_("公示人数"), "num_entries"),
    ],
)
