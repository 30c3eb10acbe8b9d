"""The audit log."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import selectors


@login_required
def audit_log(request):
    if not request.user.has_perm("core.view_auditentry"):
        raise PermissionDenied(_("只有管理员可以查看审计日志"))
    filters = selectors.AuditFilter.from_query(request.GET)
    page = Paginator(selectors.audit_entries_for_user(request.user, filters), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "core/audit_log.html",
        {
            "page": page,
            "rows": selectors.audit_rows(page),
            "filters": filters,
            "actions": selectors.AUDIT_ACTIONS,
            "types": selectors.audited_types(),
        },
    )
