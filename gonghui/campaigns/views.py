"""Pages: campaigns and frameworks, task division, my tasks, 回头看 with 倒排工期, scoring."""

import copy
import datetime as dt
import io
from decimal import Decimal, InvalidOperation
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.exceptions import DomainError
from gonghui.core.forms import add_domain_error
from gonghui.core.spreadsheets import render_xlsx, xlsx_response

from . import frameworks, permissions, selectors, services
from .forms import AssignForm, CampaignForm, FrameworkImportForm, NodeForm
from .models import Progress


def _int(value) -> int | None:
    return int(value) if value and str(value).isdigit() else None


@login_required
def campaign_list(request):
    return render(
        request,
        "campaigns/list.html",
        {
            "campaigns": list(selectors.campaigns_for_user(request.user)[:200]),
            "frameworks": selectors.frameworks_for_user(request.user),
            "can_manage": request.user.has_perm(permissions.MANAGE_CAMPAIGN),
            "can_manage_frameworks": permissions.can_manage_frameworks(request.user),
        },
    )


@login_required
def create(request):
    if not request.user.has_perm(permissions.MANAGE_CAMPAIGN):
        raise PermissionDenied(_("您没有设立创建活动的权限"))
    form = CampaignForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            campaign = services.create_campaign(
                by=request.user,
                organization=data["organization"],
                version=data["version"],
                name=data["name"],
                kind=data["kind"],
                year=data["year"],
                assessment_date=data["assessment_date"],
                start_date=data["start_date"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("创建活动已设立，测评体系已复制到本活动"))
            return redirect("campaigns:detail", campaign.pk)
    return render(request, "campaigns/form.html", {"form": form, "title": _("设立创建活动")})


@login_required
def detail(request, pk: int):
    campaign = selectors.get_campaign_for_user(request.user, pk)
    summary = selectors.lookback_summary(campaign, request.user)
    return render(
        request,
        "campaigns/detail.html",
        {
            "campaign": campaign,
            "summary": summary,
            "partition": selectors.status_partition(summary),
            "units": selectors.progress_by_unit(campaign, request.user),
            "score": selectors.score_for(campaign, request.user, by_unit=False),
            "days_left": selectors.days_left(campaign),
            "can_manage": permissions.can_manage_campaign(request.user, campaign),
        },
    )


@login_required
def assign(request, pk: int):
    campaign = selectors.get_campaign_for_user(request.user, pk, for_write=True)
    indicators = selectors.indicator_tree(campaign)
    form = AssignForm(
        request.POST or None, user=request.user, campaign=campaign, indicators=indicators
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = [i for i in indicators if str(i.pk) in set(data["indicators"])]
        try:
            made = services.assign(
                by=request.user,
                campaign=campaign,
                indicators=chosen,
                departments=list(data["departments"]),
                organizations=list(data["organizations"]),
                leader=data["leader"],
                liaison=data["liaison"],
                deadline=data["deadline"],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("已分工 %(n)s 项任务") % {"n": len(made)})
            return redirect("campaigns:lookback", campaign.pk)
    return render(
        request,
        "campaigns/assign.html",
        {"campaign": campaign, "form": form, "indicators": indicators},
    )


@login_required
def my_tasks(request):
    tasks = selectors.my_tasks(request.user)
    page = Paginator(tasks, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "campaigns/my_tasks.html",
        {
            "page": page,
            "today": timezone.localdate(),
            "soon": timezone.localdate() + dt.timedelta(days=services.REMIND_DAYS),
            "notifications": selectors.unread_notifications(request.user),
        },
    )


@login_required
@require_POST
def read_notifications(request):
    services.mark_notifications_read(by=request.user)
    return redirect("campaigns:my_tasks")


def _lookback_filter(request) -> selectors.LookbackFilter:
    return selectors.LookbackFilter(
        department_id=_int(request.GET.get("dept")),
        organization_id=_int(request.GET.get("org")),
        leader_id=_int(request.GET.get("leader")),
        status=request.GET.get("status", ""),
        q=request.GET.get("q", "").strip(),
    )


@login_required
def lookback(request, pk: int):
    campaign = selectors.get_campaign_for_user(request.user, pk)
    filters = _lookback_filter(request)
    qs = selectors.lookback_queryset(campaign, request.user, filters)
    page = Paginator(selectors.KeyPaged(qs), 100).get_page(request.GET.get("page"))
    summary = selectors.lookback_summary(campaign, request.user)
    return render(
        request,
        "campaigns/lookback.html",
        {
            "campaign": campaign,
            "filters": filters,
            "page": page,
            "rows": selectors.lookback_rows(campaign, page.object_list),
            "summary": summary,
            "partition": selectors.status_partition(summary),
            "choices": selectors.filter_choices(campaign, request.user),
            "statuses": [*Progress.choices, ("overdue", _("已逾期"))],
        },
    )


@login_required
def lookback_export(request, pk: int):
    campaign = selectors.get_campaign_for_user(request.user, pk)
    content = render_xlsx(
        title="回头看",
        headers=selectors.LOOKBACK_HEADERS,
        rows=selectors.lookback_export_rows(campaign, request.user, _lookback_filter(request)),
        notes=[f"{campaign.name} 回头看（测评日期 {campaign.assessment_date:%Y-%m-%d}）"],
    )
    return xlsx_response(content, f"{campaign.name}_回头看.xlsx")


@login_required
def score(request, pk: int):
    campaign = selectors.get_campaign_for_user(request.user, pk)
    score = selectors.score_for(campaign, request.user)
    return render(
        request,
        "campaigns/score.html",
        {
            "campaign": campaign,
            "score": score,
            "grades": list((campaign.grade_map or {}).items()),
            # The rules and their occurrences belong to the campaign as a whole.
            "rules": [] if score.is_partial else selectors.campaign_rules(campaign),
            "can_manage": permissions.can_manage_campaign(request.user, campaign),
        },
    )


@login_required
@require_POST
def set_grade(request, pk: int):
    campaign = selectors.get_campaign_for_user(request.user, pk, for_write=True)
    indicator = selectors.get_campaign_indicator(campaign, request.POST.get("id"))
    try:
        services.set_self_grade(by=request.user, indicator=indicator, grade=request.POST["grade"])
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(reverse("campaigns:score", args=[campaign.pk]) + f"#i{indicator.pk}")


@login_required
@require_POST
def record_occurrence(request, pk: int):
    campaign = selectors.get_campaign_for_user(request.user, pk, for_write=True)
    rule = selectors.get_campaign_rule(campaign, request.POST.get("rule"))
    try:
        occurred = dt.date.fromisoformat(request.POST.get("occurred_date", ""))
        points = request.POST.get("points") or None
        services.record_rule_occurrence(
            by=request.user,
            rule=rule,
            occurred_date=occurred,
            occurrences=int(request.POST.get("occurrences") or 1),
            points=Decimal(points) if points else None,
            note=request.POST.get("note", ""),
        )
    except (ValueError, InvalidOperation):
        messages.error(request, _("请填写正确的日期和数字"))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("campaigns:score", campaign.pk)


# --- frameworks ------------------------------------------------------------------------


def _require_framework_admin(user):
    if not permissions.can_manage_frameworks(user):
        raise PermissionDenied(_("您没有维护测评体系的权限"))


@login_required
def framework_version(request, pk: int):
    version = selectors.get_version_for_user(request.user, pk)
    used_by = selectors.num_campaigns_using(version)
    return render(
        request,
        "campaigns/framework.html",
        {
            "version": version,
            "nodes": selectors.version_nodes(version),
            "rules": selectors.version_rules(version),
            "can_copy": permissions.can_manage_frameworks(request.user),
            "can_edit": permissions.can_manage_frameworks(request.user) and not used_by,
            "used_by": used_by,
        },
    )


@login_required
def framework_export(request, pk: int):
    version = selectors.get_version_for_user(request.user, pk)
    name = f"{version.framework.name}_{version.label}"
    if request.GET.get("format") == "xlsx":
        return xlsx_response(frameworks.export_excel(version), f"{name}.xlsx")
    response = HttpResponse(frameworks.export_yaml(version), content_type="application/x-yaml")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}.yaml"
    return response


@login_required
def framework_template(request):
    return xlsx_response(frameworks.excel_template(), "测评体系导入模板.xlsx")


@login_required
def framework_import(request):
    _require_framework_admin(request.user)
    form = FrameworkImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = form.cleaned_data
        try:
            if frameworks.check_framework_file(upload) == "yaml":
                spec = frameworks.parse_yaml(upload.read())
                source = "yaml"
            else:
                for key in ("code", "name", "label"):
                    if not data.get(key):
                        form.add_error(key, _("Excel 导入时必须填写"))
                if form.errors:
                    raise DomainError(_("请填写体系代码、名称和版本号"))
                spec = frameworks.parse_excel(
                    io.BytesIO(upload.read()),
                    framework={
                        "code": data["code"],
                        "name": data["name"],
                        "kind": data["kind"] or "unit",
                        "description": "",
                    },
                    version={"label": data["label"], "grade_map": form.grade_map_dict()},
                )
                source = "excel"
            version = frameworks.import_framework(spec=spec, by=request.user, source=source)
        except DomainError as exc:
            errors = list(getattr(exc, "errors", None) or [exc.message])
        else:
            messages.success(request, _("已导入 %(version)s") % {"version": version})
            return redirect("campaigns:framework_version", version.pk)
    return render(request, "campaigns/framework_import.html", {"form": form, "errors": errors})


@login_required
@require_POST
def load_examples(request):
    _require_framework_admin(request.user)
    versions = frameworks.load_examples(by=request.user)
    messages.success(request, _("已载入 %(n)s 个示例测评体系") % {"n": len(versions)})
    return redirect("campaigns:list")


@login_required
def node_edit(request, pk: int):
    _require_framework_admin(request.user)
    node = selectors.get_node_for_user(request.user, pk)
    if selectors.is_version_locked(node.version):
        raise Http404(_("该版本已被创建活动使用，请复制为新版本后修改"))
    form = NodeForm(
        request.POST or None,
        instance=copy.copy(node),
        versioned=node.version,
        initial={
            "methods_text": "、".join(node.methods),
            "file_types_text": "、".join(node.file_types),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_node(
                by=request.user,
                node=node,
                version=form.cleaned_data["version"],
                **_node_fields(form),
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("指标已保存"))
            return redirect("campaigns:framework_version", node.version_id)
    return render(request, "campaigns/form.html", {"form": form, "title": f"编辑指标 {node}"})


def _node_fields(form) -> dict:
    data = {f: form.cleaned_data[f] for f in form.Meta.fields}
    data["methods"] = frameworks.split_list(form.cleaned_data["methods_text"])
    data["file_types"] = frameworks.split_list(form.cleaned_data["file_types_text"])
    return data


@login_required
def node_add(request, pk: int):
    _require_framework_admin(request.user)
    version = selectors.get_version_for_user(request.user, pk)
    parent_id = _int(request.GET.get("parent") or request.POST.get("parent"))
    parent = selectors.get_node_of(version, parent_id) if parent_id else None
    form = NodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_node(by=request.user, version=version, parent=parent, **_node_fields(form))
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("指标已新增"))
            return redirect("campaigns:framework_version", version.pk)
    title = f"在 {parent} 下新增指标" if parent else f"新增测评项目（{version}）"
    return render(request, "campaigns/form.html", {"form": form, "title": title})


@login_required
@require_POST
def node_delete(request, pk: int):
    _require_framework_admin(request.user)
    node = selectors.get_node_for_user(request.user, pk)
    try:
        count = services.delete_node(by=request.user, node=node)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已删除 %(count)s 项指标") % {"count": count})
    return redirect("campaigns:framework_version", node.version_id)


@login_required
@require_POST
def framework_copy(request, pk: int):
    _require_framework_admin(request.user)
    version = selectors.get_version_for_user(request.user, pk)
    try:
        copy = services.copy_version(
            by=request.user, version=version, label=request.POST.get("label", "")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("campaigns:framework_version", version.pk)
    messages.success(request, _("已复制为新版本 %(label)s，可以修改") % {"label": copy.label})
    return redirect("campaigns:framework_version", copy.pk)
