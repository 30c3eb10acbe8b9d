"""Pages: activity list with filters, statistics with charts, record/edit, photos, Excel I/O."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from gonghui.campaigns import selectors as campaign_selectors
from gonghui.core import imports
from gonghui.core.exceptions import DomainError
from gonghui.core.files import stored_file_response
from gonghui.core.forms import save_form
from gonghui.core.spreadsheets import xlsx_response
from gonghui.organizations.selectors import departments_of

from . import exports, selectors, services
from .forms import ActivityForm, ImportForm
from .permissions import ADD_PERMISSION, CHANGE_PERMISSION, DELETE_PERMISSION


def _filters(request) -> selectors.ActivityFilter:
    return exports.filters(request.user, request.GET)


def _filter_context(request, filters) -> dict:
    org = filters.organization or request.user.organization
    departments = list(departments_of(org)) if org else []
    return {
        "filters": filters,
        "types": selectors.activity_types(active_only=False),
        "departments": departments,
    }


class _ListPaginator(Paginator):
    """Pages of an ActivityList; a keyword search's count stops at its cap ("1 000+")."""

    @property
    def is_capped(self) -> bool:
        return self.object_list.capped


@login_required
def activity_list(request):
    filters = _filters(request)
    page = _ListPaginator(selectors.ActivityList(request.user, filters), 20).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "activities/list.html",
        {
            "page": page,
            "can_add": request.user.has_perm(ADD_PERMISSION),
            **_filter_context(request, filters),
        },
    )


@login_required
def statistics(request):
    filters = _filters(request)
    stats = selectors.activity_statistics(request.user, filters)
    chart = {
        "types": [r["label"] for r in stats.by_type],
        "type_counts": [r["num_activities"] for r in stats.by_type],
        "months": [r["label"] for r in stats.by_month],
        "month_counts": [r["num_activities"] for r in stats.by_month],
        "month_attendances": [r["attendances"] for r in stats.by_month],
    }
    return render(
        request,
        "activities/statistics.html",
        {
            "stats": stats,
            "chart": chart,
            **_filter_context(request, filters),
        },
    )


@login_required
def detail(request, pk: int):
    activity = selectors.get_activity_for_user(request.user, pk)
    return render(
        request,
        "activities/detail.html",
        {
            "activity": activity,
            "photos": list(activity.photos.all()),
            "metrics": selectors.METRIC_LABELS,
            "can_change": request.user.has_perm(CHANGE_PERMISSION),
            "can_delete": request.user.has_perm(DELETE_PERMISSION),
            "indicators": selectors.indicators_of(activity, request.user),
            "campaigns": campaign_selectors.campaigns_for_user(request.user),
        },
    )


@login_required
def indicator_options(request, pk: int):
    """<option>s of a campaign's indicators for the tagging form (htmx)."""
    selectors.get_activity_for_user(request.user, pk)
    campaign_id = request.GET.get("campaign", "")
    options = []
    if campaign_id.isdigit():
        campaign = campaign_selectors.get_campaign_for_user(request.user, int(campaign_id))
        options = campaign_selectors.indicator_tree(campaign)
    return render(request, "activities/_indicator_options.html", {"options": options})


@login_required
@require_POST
def tag_indicator(request, pk: int):
    activity = selectors.get_activity_for_user(request.user, pk, for_write=True)
    indicator_id = request.POST.get("indicator", "")
    if not indicator_id.isdigit():
        messages.error(request, _("请选择测评指标"))
        return redirect("activities:detail", pk=pk)
    indicator = campaign_selectors.get_indicator_for_user(request.user, int(indicator_id))
    try:
        services.tag_indicator(
            by=request.user,
            activity=activity,
            indicator=indicator,
            remove=request.POST.get("remove") == "1",
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已更新关联的测评指标"))
    return redirect("activities:detail", pk=pk)


@login_required
def photo(request, pk: int, photo_pk: int):
    """Photos are served only to users who may see the activity."""
    activity = selectors.get_activity_for_user(request.user, pk)
    item = selectors.get_photo_of(activity, photo_pk)
    return stored_file_response(item.file.name, download_name=item.original_name, inline=True)


@login_required
def create(request):
    if not request.user.has_perm(ADD_PERMISSION):
        raise PermissionDenied(_("您无权登记活动"))
    form = ActivityForm(request.POST or None, request.FILES or None, user=request.user)
    done = save_form(
        request,
        form,
        lambda: services.create_activity(
            by=request.user, photos=form.cleaned_data["photos"], **form.service_data()
        ),
        message=lambda activity: _("已登记活动：%(title)s") % {"title": activity.title},
        success=lambda activity: reverse("activities:detail", args=[activity.pk]),
    )
    return done or render(request, "activities/form.html", {"form": form})


@login_required
def edit(request, pk: int):
    activity = selectors.get_activity_for_user(request.user, pk, for_write=True)
    # The form validates a copy: the service compares against the unchanged record.
    form = ActivityForm(request.POST or None, instance=copy.copy(activity), user=request.user)
    done = save_form(
        request,
        form,
        lambda: services.update_activity(by=request.user, activity=activity, **form.service_data()),
        message=_("已保存"),
        success=reverse("activities:detail", args=[activity.pk]),
    )
    return done or render(request, "activities/form.html", {"form": form, "activity": activity})


@login_required
@require_POST
def add_photos(request, pk: int):
    activity = selectors.get_activity_for_user(request.user, pk, for_write=True)
    try:
        services.add_photos(
            by=request.user, activity=activity, uploads=request.FILES.getlist("photos")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("照片已上传"))
    return redirect("activities:detail", pk=activity.pk)


@login_required
@require_POST
def delete(request, pk: int):
    activity = selectors.get_activity_for_user(request.user, pk, for_write=True)
    try:
        services.delete_activity(by=request.user, activity=activity)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("activities:detail", pk=pk)
    messages.success(request, _("活动已删除"))
    return redirect("activities:list")


@login_required
def import_template(request):
    return xlsx_response(services.ACTIVITY_IMPORT.template(), "活动导入模板.xlsx")


@login_required
def import_activities(request):
    if not request.user.has_perm(ADD_PERMISSION):
        raise PermissionDenied(_("您无权导入活动"))
    return imports.import_page(
        request,
        services.ACTIVITY_IMPORT,
        form=ImportForm(request.POST or None, request.FILES or None),
        heading=_("活动 Excel 导入"),
        template_url=reverse("activities:import_template"),
        done_url=reverse("activities:list"),
        done_message=_("已导入 %(n)s 项活动"),
    )
