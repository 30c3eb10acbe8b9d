"""Reads of generated reports, scoped like every list."""

from django.http import Http404
from django.utils.translation import gettext as _

from .models import GeneratedReport


def reports_for_user(user, *, kind: str = ""):
    qs = GeneratedReport.objects.visible_to(user).select_related("organization", "generated_by")
    if kind in GeneratedReport.Kind.values:
        qs = qs.filter(kind=kind)
    return qs.order_by("-generated_at", "-pk")


def get_report_for_user(user, pk, *, for_write: bool = False) -> GeneratedReport:
    try:
        report = reports_for_user(user).get(pk=pk)
    except (GeneratedReport.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("报告不存在或无权访问")) from exc
    if for_write and not user.has_perm("reports.change_generatedreport"):
        raise Http404(_("报告不存在或无权访问"))
    return report
