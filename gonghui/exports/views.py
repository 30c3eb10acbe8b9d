"""Pages: the person's own list exports, with the status of each and its download."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from gonghui.core.files import stored_file_response
from gonghui.core.spreadsheets import XLSX_MIME

from . import selectors
from .models import SpreadsheetExport


@login_required
def export_list(request):
    return render(
        request, "exports/list.html", {"exports": selectors.exports_for_user(request.user)}
    )


@login_required
def status(request, pk: int):
    job = selectors.get_export_for_user(request.user, pk)
    return render(request, "exports/_row.html", {"e": job})


@login_required
def download(request, pk: int):
    job = selectors.get_export_for_user(request.user, pk)
    if job.state != SpreadsheetExport.State.DONE:
        raise Http404(_("文件尚未生成"))
    return stored_file_response(
        job.file.name, download_name=f"{job.title}.xlsx", content_type=XLSX_MIME
    )
