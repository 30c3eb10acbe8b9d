"""Pages: the ledger of a campaign, one task's evidence with review, downloads behind the
scope check, monthly reports, the monthly meeting and the inspector package."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from gonghui.campaigns import selectors as campaign_selectors
from gonghui.campaigns.models import Progress
from gonghui.campaigns.permissions import can_manage_campaign
from gonghui.core.concurrency import EditConflict, version_of
from gonghui.core.exceptions import DomainError, ValidationFailed
from gonghui.core.files import KINDS, stored_file_response
from gonghui.core.templatetags.cn import cn_month, month_name

from . import permissions, selectors, services
from .models import LedgerExport
from .rules import check_upload_rules, report_length
from .workflow import EDITABLE, ReportStatus, Status

EDITABLE_REPORTS = (ReportStatus.DRAFT, ReportStatus.RETURNED)


def _campaign_from(request):
    campaigns = list(campaign_selectors.campaigns_for_user(request.user)[:100])
    chosen = request.GET.get("campaign") or request.POST.get("campaign")
    campaign = None
    if chosen and str(chosen).isdigit():
        campaign = campaign_selectors.get_campaign_for_user(request.user, int(chosen))
    elif campaigns:
        campaign = campaigns[0]
    return campaign, campaigns


@login_required
def index(request):
    campaign, campaigns = _campaign_from(request)
    page = None
    if campaign is not None:
        dept = request.GET.get("dept", "")
        qs = selectors.ledger_entries(
            campaign,
            request.user,
            status=request.GET.get("status", ""),
            department_id=int(dept) if dept.isdigit() else None,
        )
        page = Paginator(campaign_selectors.KeyPaged(qs), 100).get_page(request.GET.get("page"))
    return render(
        request,
        "ledger/index.html",
        {
            "campaign": campaign,
            "campaigns": campaigns,
            "page": page,
            "statuses": Progress.choices,
            "choices": campaign_selectors.filter_choices(campaign, request.user)
            if campaign
            else {},
            "can_export": campaign is not None and can_manage_campaign(request.user, campaign),
        },
    )


@login_required
def item(request, pk: int):
    found = selectors.get_item_for_user(request.user, pk)
    return redirect("ledger:task", found.assignment_id)


@login_required
def task(request, pk: int, draft: dict | None = None):
    """One task's evidence; `draft` is an editor's refused report text, shown again to them."""
    assignment = campaign_selectors.get_assignment_for_user(request.user, pk)
    evidence = selectors.item_for_assignment(assignment)
    indicator = assignment.indicator
    versions = selectors.versions_of(evidence) if evidence else []
    current = next((v for v in versions if evidence.current_version_id == v.pk), None)
    files = list(current.files.all()) if current else []
    links = list(current.links.all()) if current else []
    status = evidence.status if evidence else Status.DRAFT
    return render(
        request,
        "ledger/task.html",
        {
            "assignment": assignment,
            "campaign": assignment.campaign,
            "indicator": indicator,
            "item": evidence,
            "status": status,
            "status_label": Status(status).label,
            "current": current,
            "files": files,
            "links": links,
            "versions": versions,
            "missing": check_upload_rules(indicator, current, files=files, links=links),
            "report_chars": report_length(current.report_text if current else ""),
            "draft": draft,
            "edit_version": draft["version"] if draft else version_of(evidence) if evidence else "",
            "can_edit": permissions.can_edit_assignment(request.user, assignment)
            and status in EDITABLE,
            "can_withdraw": permissions.can_edit_assignment(request.user, assignment)
            and status in (Status.SUBMITTED, Status.RESUBMITTED),
            "can_review": evidence is not None
            and permissions.can_review_item(request.user, evidence),
            "awaiting_review": status in (Status.SUBMITTED, Status.RESUBMITTED),
            "accept": ",".join(
                f".{ext}" for k in indicator.allowed_file_types for ext in KINDS[k][0]
            ),
            "activities": selectors.activities_for(indicator, request.user),
            "records": selectors.platform_records(assignment, request.user),
            "attached_paths": _paths_of(links, request.build_absolute_uri("/")),
        },
    )


def _paths_of(links, site_root: str) -> set[str]:
    """The platform paths already attached as links, to mark the records offered."""
    root = site_root.rstrip("/")
    return {link.url.removeprefix(root) for link in links if link.url.startswith(root)}


ACTIONS = {
    "save_report": lambda r, by, it: services.save_report(
        by=by,
        item=it,
        report_text=r.POST.get("report_text", ""),
        doc_number=r.POST.get("doc_number", ""),
        version=r.POST.get("version"),
    ),
    "add_file": lambda r, by, it: (
        [services.add_file(by=by, item=it, upload=f) for f in r.FILES.getlist("files")]
        or _nothing("请选择要上传的文件")
    ),
    "remove_file": lambda r, by, it: services.remove_file(
        by=by, item=it, file_id=int(r.POST.get("file_id", 0))
    ),
    "add_link": lambda r, by, it: services.add_link(
        by=by,
        item=it,
        url=r.POST.get("url", ""),
        title=r.POST.get("title", ""),
        screenshot=r.FILES.get("screenshot"),
    ),
    "attach_record": lambda r, by, it: services.attach_record(
        by=by,
        item=it,
        source_key=r.POST.get("source", ""),
        url=r.POST.get("record_url", ""),
        base_url=r.build_absolute_uri("/"),
    ),
    "remove_link": lambda r, by, it: services.remove_link(
        by=by, item=it, link_id=int(r.POST.get("link_id", 0))
    ),
    "submit": lambda r, by, it: services.submit(by=by, item=it),
    "withdraw": lambda r, by, it: services.withdraw(by=by, item=it),
    "approve": lambda r, by, it: services.approve(
        by=by, item=it, comment=r.POST.get("comment", "")
    ),
    "return": lambda r, by, it: services.return_item(
        by=by, item=it, comment=r.POST.get("comment", "")
    ),
    "comment": lambda r, by, it: services.comment(by=by, item=it, text=r.POST.get("comment", "")),
}
DONE_MESSAGES = {
    "save_report": "说明报告已保存",
    "add_file": "文件已上传",
    "remove_file": "文件已删除",
    "add_link": "链接已添加",
    "attach_record": "平台记录已附为资料",
    "remove_link": "链接已删除",
    "submit": "已提交审核",
    "withdraw": "已撤回",
    "approve": "已通过",
    "return": "已退回",
    "comment": "点评已保存",
}


def _nothing(message: str):
    raise ValidationFailed(message)


@login_required
@require_POST
def act(request, pk: int):
    assignment = campaign_selectors.get_assignment_for_user(request.user, pk)
    action = request.POST.get("action", "")
    if action not in ACTIONS:
        raise Http404(_("未知操作"))
    try:
        evidence = selectors.item_for_assignment(assignment)
        if evidence is None:
            if not permissions.can_edit_assignment(request.user, assignment):
                raise Http404(_("任务不存在或无权访问"))
            evidence = services.ensure_item(assignment=assignment, by=request.user)
        ACTIONS[action](request, request.user, evidence)
    except EditConflict as exc:
        # Someone saved the report meanwhile: show the page again with this editor's text kept.
        messages.error(request, exc.message)
        draft = {
            "report_text": request.POST.get("report_text", ""),
            "doc_number": request.POST.get("doc_number", ""),
            "version": exc.current_version,
        }
        response = task(request, assignment.pk, draft=draft)
        response.status_code = 409
        return response
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, DONE_MESSAGES[action])
    return redirect("ledger:task", assignment.pk)


def _attachment(name: str, stored: str, content_type: str):
    return stored_file_response(stored, download_name=name, content_type=content_type)


@login_required
def download(request, pk: int):
    found = selectors.get_file_for_user(request.user, pk)
    mime = next(iter(KINDS[found.kind][1])) if found.kind in KINDS else "application/octet-stream"
    return _attachment(found.original_name, found.file.name, mime)


@login_required
def screenshot(request, pk: int):
    link = selectors.get_link_for_user(request.user, pk)
    if not link.screenshot:
        raise Http404(_("截图不存在"))
    ext = link.screenshot.name.rsplit(".", 1)[-1]
    return _attachment(f"截图.{ext}", link.screenshot.name, f"image/{ext.replace('jpg', 'jpeg')}")


# --- monthly reports and the meeting ---------------------------------------------------


def _period(request) -> str:
    period = request.GET.get("period") or request.POST.get("period")
    if period:
        try:
            return services.check_period(period)
        except DomainError:
            pass
    return timezone.localdate().strftime("%Y-%m")


def _unit_from(request, campaign):
    """The unit a report is for: the liaison's own department, or one chosen by an admin."""
    units = campaign_selectors.responsible_units(campaign, request.user)
    key = request.GET.get("unit") or request.POST.get("unit") or ""
    if request.user.department_id and not key:
        key = f"{request.user.organization_id}-{request.user.department_id}"
    chosen = next((u for u in units if f"{u['organization_id']}-{u['department_id']}" == key), None)
    chosen = chosen or (units[0] if units else None)
    if chosen is None:
        return units, None, None, None
    org, dept = selectors.unit_records(chosen)
    return units, chosen, org, dept


@login_required
def monthly(request):
    campaign, campaigns = _campaign_from(request)
    period = _period(request)
    if campaign is None:
        return render(request, "ledger/monthly.html", {"campaigns": campaigns})
    units, unit, org, dept = _unit_from(request, campaign)
    report = selectors.report_for_unit(campaign, period, org, dept) if unit else None
    if request.method == "POST" and unit and request.POST.get("withdraw"):
        try:
            if report is None:
                raise Http404(_("月度汇报不存在"))
            services.withdraw_monthly_report(by=request.user, report=report)
            messages.success(request, _("月度汇报已撤回，可以修改后重新提交"))
        except DomainError as exc:
            messages.error(request, exc.message)
        key = f"{org.pk}-{dept.pk if dept else 'None'}"
        return redirect(f"{request.path}?campaign={campaign.pk}&period={period}&unit={key}")
    if request.method == "POST" and unit:
        try:
            report = services.save_monthly_report(
                by=request.user,
                campaign=campaign,
                organization=org,
                department=dept,
                period=period,
                summary=request.POST.get("summary", ""),
                evidence_ids=[int(i) for i in request.POST.getlist("evidence") if i.isdigit()],
                activity_ids=[int(i) for i in request.POST.getlist("activity") if i.isdigit()],
                submit=bool(request.POST.get("submit")),
            )
            if request.POST.get("submit"):
                messages.success(request, _("月度汇报已提交"))
            else:
                messages.success(request, _("月度汇报已保存"))
        except DomainError as exc:
            messages.error(request, exc.message)
        key = f"{org.pk}-{dept.pk if dept else 'None'}"
        return redirect(f"{request.path}?campaign={campaign.pk}&period={period}&unit={key}")
    return render(
        request,
        "ledger/monthly.html",
        {
            "campaign": campaign,
            "campaigns": campaigns,
            "period": period,
            "units": units,
            "unit": unit,
            "report": report,
            "chosen_evidence": {e.pk for e in report.evidence.all()} if report else set(),
            "evidence": selectors.evidence_choices(campaign, request.user, org, dept)
            if unit
            else [],
            "chosen_activities": set(report.activity_ids) if report else set(),
            "activities": selectors.activity_choices(
                request.user, org, dept, period, chosen=report.activity_ids if report else ()
            )
            if unit
            else [],
            "can_report": unit is not None and permissions.can_report_for(request.user, org, dept),
            # Only a draft or a returned report is edited; a submitted one is withdrawn first.
            "is_editable": report is None or report.status in EDITABLE_REPORTS,
        },
    )


@login_required
def meeting(request):
    campaign, campaigns = _campaign_from(request)
    period = _period(request)
    if campaign and not (request.GET.get("period") or request.POST.get("period")):
        # Opening the meeting without a month shows the latest month anyone reported for.
        period = selectors.latest_report_period(campaign) or period
    rows = selectors.meeting(campaign, period, request.user) if campaign else []
    year, month = (int(x) for x in period.split("-"))
    return render(
        request,
        "ledger/meeting.html",
        {
            "campaign": campaign,
            "campaigns": campaigns,
            "period": period,
            "period_label": cn_month(dt.date(year, month, 1)),
            "rows": rows,
            "num_submitted": sum(1 for r in rows if r.is_submitted),
            "num_approved": sum(1 for r in rows if r.report and r.report.status == "approved"),
            "activity_titles": selectors.activity_titles(rows, request.user),
            "can_review": permissions.can_review_reports(request.user),
            "months": [
                (dt.date(year, m, 1).strftime("%Y-%m"), month_name(m)) for m in range(1, 13)
            ],
            "print": request.GET.get("print") == "1",
        },
    )


# What each of the meeting's three buttons did, said back to the leader.
REVIEW_MESSAGES = {
    "comment": _("点评已保存"),
    "approve": _("月度汇报已审阅通过"),
    "return": _("月度汇报已退回，联络员修改后可重新提交"),
}


@login_required
@require_POST
def review_report(request, pk: int):
    report = selectors.get_report_for_user(request.user, pk)
    verb = request.POST.get("verb", "comment")
    if verb not in REVIEW_MESSAGES:
        raise Http404(_("未知操作"))
    try:
        services.review_monthly_report(
            by=request.user,
            report=report,
            comment=request.POST.get("comment", ""),
            verb=verb,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, REVIEW_MESSAGES[verb])
    return redirect(
        f"{redirect('ledger:meeting').url}?campaign={report.campaign_id}&period={report.period}#r{report.pk}"
    )


# --- inspector package -----------------------------------------------------------------


@login_required
def exports(request, campaign_pk: int):
    campaign = campaign_selectors.get_campaign_for_user(request.user, campaign_pk, for_write=True)
    if request.method == "POST":
        try:
            export = services.request_export(by=request.user, campaign=campaign)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("已开始生成台账资料包"))
            return redirect("ledger:exports", campaign.pk) if export else None
    recent = selectors.recent_exports(campaign)
    return render(request, "ledger/exports.html", {"campaign": campaign, "exports": recent})


@login_required
def export_status(request, pk: int):
    export = selectors.get_export_for_user(request.user, pk)
    return render(request, "ledger/_export_row.html", {"e": export})


@login_required
def export_download(request, pk: int):
    export = selectors.get_export_for_user(request.user, pk)
    if export.state != LedgerExport.State.DONE:
        raise Http404(_("资料包尚未生成"))
    return _attachment(
        f"{export.campaign.name}_台账资料包.zip", export.file.name, "application/zip"
    )
