"""Writes of stations: register and edit (version-checked), with coordinates accepted in any
supported system and stored as WGS-84; the Excel import's row schema."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gonghui.core import audit
from gonghui.core.chinese import to_simplified
from gonghui.core.concurrency import claim_version
from gonghui.core.exceptions import PermissionDenied, ValidationFailed

from . import coords, hours
from .models import Station
from .permissions import can_change, can_register_in

EDITABLE = [
    "organization",
    "kind",
    "code",
    "name",
    "host_unit",
    "district",
    "address",
    "latitude",
    "longitude",
    "opening_hours",
    "contact_name",
    "contact_phone",
    "status",
    "opened_date",
    "note",
]
TEXT_FIELDS = ["code", "name", "host_unit", "district", "address", "contact_name", "note"]


def province_path_of(org_path: str) -> str:
    """The province's path: the first two segments (the national federation, then the
    province); a national record keeps its own path."""
    return org_path[:16]


def _clean(data: dict) -> dict:
    data = dict(data)
    for name in TEXT_FIELDS:
        if name in data:
            data[name] = to_simplified((data[name] or "").strip())
    errors = {}
    if "hours_text" in data:
        try:
            data["opening_hours"] = hours.parse_hours(data.pop("hours_text") or "")
        except hours.HoursError as exc:
            errors["hours_text"] = str(exc)
    system = data.pop("coord_system", coords.System.WGS84) or coords.System.WGS84
    lat, lon = data.get("latitude"), data.get("longitude")
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        errors["latitude"] = _("请填写有效的经纬度")
    else:
        data["latitude"], data["longitude"] = (
            round(v, 7) for v in coords.to_wgs84(float(lat), float(lon), system)
        )
    if not data.get("code"):
        errors["code"] = _("请填写编号")
    if not data.get("name"):
        errors["name"] = _("请填写名称")
    if errors:
        raise ValidationFailed(_("驿站信息有误"), errors=errors)
    return data


def _check_code(station: Station) -> None:
    clash = Station.objects.filter(province_path=station.province_path, code=station.code)
    if station.pk:
        clash = clash.exclude(pk=station.pk)
    if clash.exists():
        # Said without naming the other station, which may be outside the user's scope.
        raise ValidationFailed(
            _("该编号在本省已被使用"), errors={"code": _("该编号在本省已被使用")}
        )


def _save(station: Station) -> None:
    station.province_path = province_path_of(station.organization.path)
    _check_code(station)
    try:
        with transaction.atomic():
            station.save()
    except IntegrityError as exc:
        raise ValidationFailed(
            _("该编号在本省已被使用"), errors={"code": _("该编号在本省已被使用")}
        ) from exc


@transaction.atomic
def create_station(*, by, services=(), **data) -> Station:
    data = _clean(data)
    if not can_register_in(by, data["organization"]):
        raise PermissionDenied(_("您无权为该组织登记驿站"))
    station = Station(created_by=by, **{k: v for k, v in data.items() if k in EDITABLE})
    _save(station)
    station.services.set(services)
    audit.record(by=by, action=audit.Action.CREATE, target=station, summary=f"登记驿站 {station}")
    return station


@transaction.atomic
def update_station(
    *, by, station: Station, version: str | None = None, services=None, **data
) -> Station:
    if not can_change(by, station):
        raise PermissionDenied(_("您无权修改该驿站"))
    data = _clean({k: getattr(station, k) for k in EDITABLE} | data)
    if not can_register_in(by, data["organization"]):
        raise PermissionDenied(_("您无权为该组织登记驿站"))
    claim_version(station, version)
    station = Station.objects.select_for_update().select_related("organization").get(pk=station.pk)
    changed = [k for k in EDITABLE if getattr(station, k) != data[k]]
    for key in changed:
        setattr(station, key, data[key])
    _save(station)
    if services is not None:
        before = set(station.services.values_list("pk", flat=True))
        if before != {s.pk for s in services}:
            station.services.set(services)
            changed.append("services")
    audit.record(
        by=by,
        action=audit.Action.UPDATE,
        target=station,
        summary=f"修改驿站 {station}",
        details={"fields": changed},
    )
    return station
