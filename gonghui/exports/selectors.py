"""Reads of list exports: a person sees and downloads only the exports they asked for."""

from django.http import Http404
from django.utils.translation import gettext as _

from .models import SpreadsheetExport


def exports_for_user(user, *, limit: int = 20):
    return SpreadsheetExport.objects.filter(requested_by=user)[:limit]


def get_export_for_user(user, pk: int) -> SpreadsheetExport:
    """The export if the user asked for it; 404 otherwise (the file holds their scope's rows)."""
    job = SpreadsheetExport.objects.filter(pk=pk, requested_by=user).first()
    if job is None:
        raise Http404(_("导出不存在"))
    return job
