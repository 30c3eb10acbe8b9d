"""Report pages: the list, generating one, editing its draft text (the Word file follows),
regenerating it with its parameters, and permission-checked downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.exceptions import DomainError
from gonghui.core.files import stored_file_response
from gonghui.core.forms import create_page, save_form

from . import selectors, services
from .forms import ReportForm, ReportTextForm
from .models import GeneratedReport
from .renderers.pdf import soffice


@login_required
def report_list(request):
    if not request.user.has_perm("reports.view_generatedreport"):
        raise PermissionDenied(_("您无权查看报告"))
    kind = request.GET.get("kind", "")
    page = Paginator(selectors.reports_for_user(request.user, kind=kind), 20).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "reports/list.html",
        {
            "page": page,
            "kind": kind,
            "kinds": GeneratedReport.Kind.choices,
            "can_generate": request.user.has_perm("reports.add_generatedreport"),
        },
    )


create = create_page(
    ReportForm,
    services.generate_report,
    template="reports/create.html",
    permission="reports.add_generatedreport",
    denied=_("您无权生成报告"),
    message=_("报告已生成，请核对正文后下载"),
    success=lambda report: report.get_absolute_url(),
)


@login_required
def edit(request, report_id: int):
    report = selectors.get_report_for_user(request.user, report_id)
    can_edit = request.user.has_perm("reports.change_generatedreport")
    form = ReportTextForm(request.POST or None, versioned=report, initial={"text": report.text})
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied(_("您无权修改报告"))
        done = save_form(
            request,
            form,
            lambda: services.edit_report(
                by=request.user,
                report=report,
                text=form.cleaned_data["text"],
                version=form.cleaned_data.get("version"),
            ),
            message=_("正文已保存，Word 文件已按修改后的正文重新生成"),
            success=lambda saved: saved.get_absolute_url(),
        )
        if done:
            return done
    return render(
        request,
        "reports/edit.html",
        {
            "report": report,
            "form": form,
            "can_edit": can_edit,
            "has_soffice": soffice() is not None,
        },
    )


@login_required
@require_POST
def regenerate(request, report_id: int):
    report = selectors.get_report_for_user(request.user, report_id, for_write=True)
    try:
        services.regenerate_report(by=request.user, report=report)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已按原参数重新生成，正文为新的草稿"))
    return redirect(report.get_absolute_url())


FILES = {"docx": "file", "pdf": "pdf", "xlsx": "annex"}


def download(what: str):
    """The view sending one of a report's files, after resolving it through the scope."""

    @login_required
    def view(request, report_id: int):
        report = selectors.get_report_for_user(request.user, report_id)
        stored = getattr(report, FILES[what])
        if not stored:
            raise Http404(_("文件不存在"))
        return stored_file_response(stored.name, download_name=f"{report.title}.{what}")

    view.__name__ = view.__qualname__ = f"download_{what}"
    return view
