"""The view side of list exports: the file at once, or a queued job for a long list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from gonghui.core.exceptions import DomainError
from gonghui.core.spreadsheets import render_xlsx, xlsx_response

from . import services
from .lists import ListExport, inline_limit, list_params, row_count_exceeds


def export_response(request, export: ListExport):
    """The view of a list's export link: the file itself, or a queued job for a long list."""
    user = request.user
    if not user.is_authenticated:
        raise PermissionDenied(_("请先登录"))
    params = list_params(request.GET)
    unmasked = params.get("unmasked") == "1"
    try:
        services.authorize_export(by=user, export=export, unmasked=unmasked)
    except DomainError as exc:
        raise PermissionDenied(exc.message) from exc
    try:
        items = export.queryset(user, params)
    except DomainError as exc:  # a filter the person may not use (e.g. a full phone number)
        raise PermissionDenied(exc.message) from exc
    if row_count_exceeds(items, inline_limit()):
        services.request_export(by=user, export=export, params=params, unmasked=unmasked)
        messages.info(
            request,
            _("数据超过 %(n)s 行，已转入后台生成；生成后可在本页下载。") % {"n": inline_limit()},
        )
        return redirect("exports:list")
    content = render_xlsx(
        title=str(export.title),
        headers=export.header_row,
        rows=export.rows_of(items, unmasked=unmasked),
        notes=export.notes,
    )
    services.record_export(by=user, export=export, params=params, unmasked=unmasked)
    return xlsx_response(content, export.filename)


def export_view(export: ListExport):
    """The view of a list's export link, for its urls.py:
    `path("teams/export/", export_view(exports.TEAMS), name="teams_export")`."""

    @login_required
    def view(request):
        return export_response(request, export)

    view.__name__ = view.__qualname__ = f"export_{export.key.replace('.', '_')}"
    return view
