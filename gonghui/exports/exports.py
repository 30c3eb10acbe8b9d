"""Exports of core's own lists, declared here because core imports no app: the audit log."""

from functools import cache

from django.apps import apps
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonghui.core import selectors as core_selectors
from gonghui.core.exceptions import PermissionDenied
from gonghui.exports.lists import Column, ListExport

AUDIT_PERMISSION = "core.view_auditentry"


def _audit_entries(user, params):
    if not user.has_perm(AUDIT_PERMISSION):
        raise PermissionDenied(_("只有管理员可以查看审计日志"))
    filters = core_selectors.AuditFilter.from_query(params)
    return core_selectors.audit_entries_for_user(user, filters)


@cache
def _type_name(label: str) -> str:
    try:
        return str(apps.get_model(label)._meta.verbose_name)
    except (LookupError, ValueError):
        return label


AUDIT_LOG = ListExport(
    key="core.audit_log",
    title=gettext_lazy("审计日志"),
    queryset=_audit_entries,
    columns=[
        Column(gettext_lazy("时间"), "at"),
        Column(gettext_lazy("操作人"), "actor_name"),
        Column(gettext_lazy("IP 地址"), "ip_address"),
        Column(gettext_lazy("操作"), "get_action_display"),
        Column(
            gettext_lazy("对象类型"), lambda e: _type_name(e.target_type) if e.target_type else ""
        ),
        Column(gettext_lazy("对象"), "target_repr"),
        Column(gettext_lazy("说明"), "summary"),
    ],
)
