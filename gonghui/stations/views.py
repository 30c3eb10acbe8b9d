"""Pages: the staff station list with filters and export, the staff map, detail with its QR code,
placard, photos, monthly usage and 星级评定, register and edit; the stations not inspected this
year; the public finder (nearest open stations, works with no map) and a station's public page."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core import imports
from gonghui.core.exceptions import DomainError
from gonghui.core.files import stored_file_response
from gonghui.core.forms import add_domain_error, save_form
from gonghui.core.pagination import CappedPaginator
from gonghui.core.spreadsheets import xlsx_response

from . import districts, exports, maps, placards, qrcodes, selectors, services
from .forms import FinderForm, ImportForm, InspectionForm, PhotoForm, StationForm, UsageForm
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


def _year(request) -> int:
    text = request.GET.get("year", "")
    this_year = timezone.localdate().year
    return int(text) if text.isdigit() and 2000 <= int(text) <= this_year else this_year


@login_required
def statistics(request):
    filters = exports.filters(request.user, request.GET)
    stats = selectors.statistics(request.user, filters, year=_year(request))
    return render(
        request,
        "stations/statistics.html",
        {
            "stats": stats,
            "filters": filters,
            "years": range(timezone.localdate().year, timezone.localdate().year - 5, -1),
            "usage_max": max([m["n"] for m in stats["usage_months"]] + [1]),
        },
    )


def _layer_payload(layer: selectors.MapLayer, provider: maps.MapProvider) -> dict:
    """A map layer as the map script reads it: positions in the provider's system; each point's
    page from one URL pattern (the script puts the id in), not one reverse() per point."""
    return {
        "total": layer.total,
        "points": [
            {
                "id": p.id,
                "name": p.name,
                "pos": provider.point(p.latitude, p.longitude),
                "status": p.status,
            }
            for p in layer.points
        ],
        "clusters": [
            {"pos": provider.point(c.latitude, c.longitude), "n": c.count} for c in layer.clusters
        ],
    }


def _bbox(params) -> selectors.BoundingBox | None:
    """The view's box from bbox=south,west,north,east in the provider's system, as stored."""
    try:
        south, west, north, east = (float(v) for v in params.get("bbox", "").split(","))
    except ValueError:
        return None
    if not (-90 <= south <= north <= 90 and -180 <= west <= east <= 180):
        return None
    system = maps.provider().system
    # The offset between systems is under a kilometre: widen the box by it rather than convert
    # each corner (GCJ-02's inverse is iterative).
    pad = 0.01 if system != "wgs84" else 0.0
    return selectors.BoundingBox(south - pad, west - pad, north + pad, east + pad)


def _zoom(params) -> int | None:
    text = params.get("zoom", "")
    return int(text) if text.isdigit() and int(text) <= 20 else None


@login_required
def station_map(request):
    """The stations of the user's scope (or a city's, through the filters) on a map: every
    station when there are few, else clusters with their counts; moving or zooming the map asks
    map_layer for the stations in view."""
    filters = exports.filters(request.user, request.GET)
    provider = maps.provider()
    layer = selectors.map_layer(request.user, filters)
    return render(
        request,
        "stations/map.html",
        {
            "filters": filters,
            "total": layer.total,
            "clustered": bool(layer.clusters),
            "kinds": selectors.kinds(active_only=False),
            "statuses": selectors.Station.Status.choices,
            "map_config": provider.config()
            | {
                "detailUrl": reverse("stations:detail", args=[0]),
                "layerUrl": reverse("stations:map_layer"),
            },
            "map_layer": _layer_payload(layer, provider),
        },
    )


@login_required
def map_layer(request):
    """The stations in the map's view (bbox, zoom) as points or clusters, for the map script."""
    filters = exports.filters(request.user, request.GET)
    layer = selectors.map_layer(
        request.user, filters, bbox=_bbox(request.GET), zoom=_zoom(request.GET)
    )
    return JsonResponse(_layer_payload(layer, maps.provider()))


@login_required
def detail(request, pk: int):
    station = selectors.get_station_for_user(request.user, pk)
    can_change = request.user.has_perm(CHANGE_PERMISSION)
    return render(
        request,
        "stations/detail.html",
        {
            "station": station,
            "public_url": _public_url(request, station.pk),
            "can_change": can_change,
            "photos": selectors.station_photos(station),
            "usage": selectors.usage_of(station),
            "inspections": selectors.inspections_of(station),
            "photo_form": PhotoForm() if can_change else None,
            "usage_form": UsageForm() if can_change else None,
            "this_year": timezone.localdate().year,
        },
    )


@login_required
def photo(request, pk: int, photo_id: int):
    """A station's (or its inspection's) photo, only for users who may see the station."""
    station = selectors.get_station_for_user(request.user, pk)
    item = selectors.get_photo_of(station, photo_id)
    return stored_file_response(item.file.name, download_name=item.original_name, inline=True)


@login_required
@require_POST
def add_photos(request, pk: int):
    station = selectors.get_station_for_user(request.user, pk, for_write=True)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            photos = services.add_photos(
                by=request.user,
                station=station,
                uploads=form.cleaned_data["photos"],
                caption=form.cleaned_data["caption"],
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("已上传 %(n)s 张照片") % {"n": len(photos)})
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("stations:detail", pk=station.pk)


@login_required
@require_POST
def delete_photo(request, pk: int, photo_id: int):
    station = selectors.get_station_for_user(request.user, pk, for_write=True)
    item = selectors.get_photo_of(station, photo_id)
    try:
        services.delete_photo(by=request.user, photo=item)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已删除照片"))
    return redirect("stations:detail", pk=station.pk)


@login_required
def placard(request, pk: int):
    """The A4 placard (.docx) with the name, services, hours and the QR code."""
    station = selectors.get_station_for_user(request.user, pk)
    content = placards.placard_docx(
        name=station.name,
        kind=station.kind.name,
        address=f"{station.district}{station.address}",
        services=[s.name for s in station.services.all()],
        hours=station.hours_label,
        url=_public_url(request, station.pk),
        host_unit=station.host_unit,
    )
    response = HttpResponse(
        content,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="station-{station.pk}-placard.docx"'
    return response


@login_required
def usage(request, pk: int):
    """Enter one month's 人次 (the detail page's form posts here)."""
    station = selectors.get_station_for_user(request.user, pk, for_write=True)
    form = UsageForm(request.POST or None)
    saved = save_form(
        request,
        form,
        lambda: services.record_usage(
            by=request.user,
            station=station,
            month=form.cleaned_data["month"],
            visits=form.cleaned_data["visits"],
            note=form.cleaned_data["note"],
        ),
        message=lambda u: (
            _("已填报 %(month)s 服务人次 %(n)s") % {"month": f"{u.month:%Y-%m}", "n": u.visits}
        ),
        success=reverse("stations:detail", args=[station.pk]),
    )
    if saved is not None:
        return saved
    return render(
        request,
        "stations/usage_form.html",
        {"form": form, "station": station, "usage": selectors.usage_of(station)},
    )


@login_required
def inspection(request, pk: int):
    """Record (or correct) the 星级评定 of the year the inspection date falls in."""
    station = selectors.get_station_for_user(request.user, pk, for_write=True)
    year = _year(request)
    current = next((i for i in selectors.inspections_of(station) if i.year == year), None)
    form = InspectionForm(
        request.POST or None,
        request.FILES or None,
        items=selectors.inspection_items(),
        inspection=current,
    )
    saved = save_form(
        request,
        form,
        lambda: services.record_inspection(by=request.user, station=station, **form.service_data()),
        message=lambda i: (
            _("已保存 %(year)s 年星级评定：%(score)s 分，%(stars)s 星")
            % {"year": i.year, "score": i.score, "stars": i.stars}
        ),
        success=reverse("stations:detail", args=[station.pk]),
    )
    if saved is not None:
        return saved
    return render(
        request,
        "stations/inspection_form.html",
        {"form": form, "station": station, "year": year, "current": current},
    )


@login_required
def not_inspected(request):
    """Stations in operation with no 星级评定 this year (or the chosen year)."""
    filters = exports.filters(request.user, request.GET)
    year = _year(request)
    page = CappedPaginator(selectors.not_inspected(request.user, year, filters), 20).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "stations/not_inspected.html",
        {
            "page": page,
            "filters": filters,
            "year": year,
            "years": range(timezone.localdate().year, timezone.localdate().year - 5, -1),
        },
    )


@login_required
def usage_import_template(request):
    return xlsx_response(services.USAGE_IMPORT.template(), "驿站服务人次导入模板.xlsx")


@login_required
def usage_import(request):
    if not request.user.has_perm(CHANGE_PERMISSION):
        raise PermissionDenied(_("您无权填报驿站服务人次"))
    return imports.import_page(
        request,
        services.USAGE_IMPORT,
        form=ImportForm(request.POST or None, request.FILES or None),
        heading=_("驿站服务人次 Excel 导入"),
        template_url=reverse("stations:usage_import_template"),
        done_url=reverse("stations:statistics"),
        done_message=_("已导入 %(n)s 条服务人次"),
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
    """Nearest open stations from the browser's position or a typed address or district, as a
    list that works with no map at all; the map layer draws the same results."""
    form = FinderForm(request.GET or None)
    results, origin, district_unknown, place = [], None, False, None
    if form.is_valid():
        data = form.cleaned_data
        if data["lat"] is not None and data["lon"] is not None:
            origin = (data["lat"], data["lon"])
        elif data["district"]:
            origin, place = _place(data["district"])
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
    provider = maps.provider()
    return render(
        request,
        "stations/finder.html",
        {
            "form": form,
            "results": results,
            "searched": origin is not None,
            "district_unknown": district_unknown,
            "place": place,
            "districts": selectors.districts(),
            "map_config": provider.config(),
            "map_points": [
                {
                    "id": s.id,
                    "name": s.name,
                    "pos": provider.point(s.latitude, s.longitude),
                    "status": "open" if s.is_open_now else "closed",
                    "url": reverse("stations:public_detail", args=[s.id]),
                }
                for s in results
            ],
            "map_origin": provider.point(*origin) if origin else None,
        },
    )


def _place(text: str) -> tuple[tuple[float, float] | None, str]:
    """A typed address or district: a county, city or province centre from the division list,
    else the centre of the stations registered under that district name."""
    found = districts.resolve(text)
    if found is not None:
        return (found.latitude, found.longitude), found.label
    centre = selectors.district_centre(text.strip())
    return centre, (text.strip() if centre else "")


def public_detail(request, pk: int):
    station = selectors.get_public_station(pk)
    provider = maps.provider()
    return render(
        request,
        "stations/public_detail.html",
        {
            "station": station,
            "map_config": provider.config(),
            "map_points": [
                {
                    "id": station.id,
                    "name": station.name,
                    "pos": provider.point(station.latitude, station.longitude),
                    "status": "open" if station.is_open_now else "closed",
                    "url": "",
                }
            ],
        },
    )


def public_photo(request, station_id: int, photo_id: int):
    """A photo of a publicly listed station, as on its public page (never an inspection's)."""
    item = selectors.get_public_photo(station_id, photo_id)
    return stored_file_response(item.file.name, download_name=item.original_name, inline=True)
