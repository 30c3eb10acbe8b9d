"""Pages: the staff station list with filters and export, detail with its QR code, register and
edit; the public finder (nearest open stations, works with no map) and a station's public page."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from gonghui.core import imports
from gonghui.core.exceptions import DomainError
from gonghui.core.forms import add_domain_error
from gonghui.core.pagination import CappedPaginator
from gonghui.core.spreadsheets import xlsx_response

from . import exports, qrcodes, selectors, services
from .forms import FinderForm, ImportForm, StationForm
from .permissions import ADD_PERMISSION, CHANGE_PERMISSION


@login_required
def station_list(request):
    filters = exports.filters(request.user, request.GET)
    page = CappedPaginator(selectors.stations_for_user(request.user, filters), 20).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "stations/list.html",
        {
            "page": page,
            "filters": filters,
            "kinds": selectors.kinds(active_only=False),
            "services": selectors.services(active_only=False),
            "statuses": selectors.Station.Status.choices,
            "can_add": request.user.has_perm(ADD_PERMISSION),
        },
    )


@login_required
def statistics(request):
    filters = exports.filters(request.user, request.GET)
    return render(
        request,
        "stations/statistics.html",
        {"stats": selectors.statistics(request.user, filters), "filters": filters},
    )


@login_required
def detail(request, pk: int):
    station = selectors.get_station_for_user(request.user, pk)
    return render(
        request,
        "stations/detail.html",
        {
            "station": station,
            "public_url": _public_url(request, station.pk),
            "can_change": request.user.has_perm(CHANGE_PERMISSION),
        },
    )


def _public_url(request, pk: int) -> str:
    return request.build_absolute_uri(reverse("stations:public_detail", args=[pk]))


@login_required
def qr_code(request, pk: int):
    station = selectors.get_station_for_user(request.user, pk)
    if request.GET.get("format") == "png":
        response = HttpResponse(qrcodes.qr_png(_public_url(request, station.pk)), "image/png")
        response["Content-Disposition"] = f'attachment; filename="station-{station.pk}.png"'
        return response
    return HttpResponse(qrcodes.qr_svg(_public_url(request, station.pk)), "image/svg+xml")


@login_required
def create(request):
    if not request.user.has_perm(ADD_PERMISSION):
        raise PermissionDenied(_("您无权登记驿站"))
    form = StationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            station = services.create_station(by=request.user, **form.service_data())
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("已登记驿站：%(name)s") % {"name": station.name})
            return redirect("stations:detail", pk=station.pk)
    return render(request, "stations/form.html", {"form": form})


@login_required
def edit(request, pk: int):
    station = selectors.get_station_for_user(request.user, pk, for_write=True)
    # The form validates a copy: the service compares against the unchanged record.
    form = StationForm(
        request.POST or None, instance=copy.copy(station), user=request.user, versioned=station
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_station(by=request.user, station=station, **form.service_data())
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("已保存"))
            return redirect("stations:detail", pk=station.pk)
    return render(request, "stations/form.html", {"form": form, "station": station})


@login_required
def import_template(request):
    return xlsx_response(services.STATION_IMPORT.template(), "驿站导入模板.xlsx")


@login_required
def import_stations(request):
    if not request.user.has_perm(ADD_PERMISSION):
        raise PermissionDenied(_("您无权导入驿站"))
    return imports.import_page(
        request,
        services.STATION_IMPORT,
        form=ImportForm(request.POST or None, request.FILES or None),
        heading=_("驿站 Excel 导入"),
        template_url=reverse("stations:import_template"),
        done_url=reverse("stations:list"),
        done_message=_("已导入 %(n)s 个驿站"),
    )


# --- Public pages (no login) ---------------------------------------------------------------


def finder(request):
    """Nearest open stations from the browser's position or a typed district, as a list."""
    form = FinderForm(request.GET or None)
    results, origin, district_unknown = [], None, False
    if form.is_valid():
        data = form.cleaned_data
        if data["lat"] is not None and data["lon"] is not None:
            origin = (data["lat"], data["lon"])
        elif data["district"]:
            origin = selectors.district_centre(data["district"])
            district_unknown = origin is None
        if origin is not None:
            results = selectors.nearest_public(
                selectors.NearestQuery(
                    latitude=origin[0],
                    longitude=origin[1],
                    limit=10,
                    service_ids=[data["service"].pk] if data["service"] else [],
                    open_now=data["open_now"],
                )
            )
    return render(
        request,
        "stations/finder.html",
        {
            "form": form,
            "results": results,
            "searched": origin is not None,
            "district_unknown": district_unknown,
            "districts": selectors.districts(),
        },
    )


def public_detail(request, pk: int):
    return render(
        request, "stations/public_detail.html", {"station": selectors.get_public_station(pk)}
    )
