"""Writes of stations: register and edit (version-checked), with coordinates accepted in any
supported system and stored as WGS-84; the Excel import's row schema; photos (content-checked),
monthly usage counts (entered and imported) and the yearly 星级评定 inspection."""

import datetime as dt
import re

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonghui.core import audit
from gonghui.core.chinese import to_simplified
from gonghui.core.concurrency import claim_version
from gonghui.core.exceptions import PermissionDenied, ValidationFailed
from gonghui.core.files import IMAGE_KINDS, check_upload
from gonghui.core.imports import ImportColumn, ImportSchema, Lookup, RowError, cell_text
from gonghui.organizations.imports import ORGANIZATION_LOOKUP

from . import coords, hours, selectors
from .models import Inspection, InspectionItem, Station, StationPhoto, StationUsage
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
    # The finder's district choices may change with a station's district or status.
    transaction.on_commit(selectors.forget_districts)


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


# --- Excel import ---------------------------------------------------------------------------

SYSTEM_NAMES = {
    "": coords.System.WGS84,
    "wgs-84": coords.System.WGS84,
    "wgs84": coords.System.WGS84,
    "cgcs2000": coords.System.WGS84,
    "天地图": coords.System.WGS84,
    "gcj-02": coords.System.GCJ02,
    "gcj02": coords.System.GCJ02,
    "高德": coords.System.GCJ02,
    "腾讯": coords.System.GCJ02,
    "bd-09": coords.System.BD09,
    "bd09": coords.System.BD09,
    "百度": coords.System.BD09,
}


def _degrees(label: str, low: float, high: float):
    def parse(value) -> float:
        try:
            number = float(str(value).strip())
        except ValueError as exc:
            raise RowError(
                _("%(label)s“%(value)s”不是数字") % {"label": label, "value": value}
            ) from exc
        if not low <= number <= high:
            raise RowError(_("%(label)s“%(value)s”超出范围") % {"label": label, "value": value})
        return number

    return parse


def _system(value) -> str:
    key = cell_text(value).lower().replace(" ", "")
    if key not in SYSTEM_NAMES:
        raise RowError(_("坐标系“%(value)s”无效（可填：WGS-84、GCJ-02、BD-09）") % {"value": value})
    return SYSTEM_NAMES[key]


def _hours(value) -> list[dict]:
    try:
        return hours.parse_hours(cell_text(value))
    except hours.HoursError as exc:
        raise RowError(str(exc)) from exc


def _status(value) -> str:
    labels = {str(label): key for key, label in Station.Status.choices}
    text = cell_text(value)
    if text not in labels:
        raise RowError(
            _("状态“%(value)s”无效（可填：%(choices)s）")
            % {"value": text, "choices": "、".join(labels)}
        )
    return labels[text]


def _services_of(value) -> list[str]:
    return [name for name in re.split(r"[、,，;；\s]+", cell_text(value)) if name]


class StationImport(ImportSchema):
    """Stations from Excel with their coordinates (in any supported system); organisations by
    name within the importer's scope; codes unique in the province."""

    name = "stations"
    title = gettext_lazy("驿站导入")
    columns = [
        ImportColumn("编号", "code", required=gettext_lazy("编号为空"), example="GY-LZ-001"),
        ImportColumn("名称", "name", required=gettext_lazy("名称为空"), example="利州区东坝工会驿站"),
        ImportColumn(
            "类型", "kind", required=gettext_lazy("类型为空"), lookup="kind", default=None, example="工会驿站"
        ),
        ImportColumn(
            "所属组织",
            "organization",
            required=gettext_lazy("所属组织为空"),
            lookup="organization",
            default=None,
            example="广元市总工会",
        ),
        ImportColumn("建设单位", "host_unit", example="利州区总工会"),
        ImportColumn("所在区县", "district", example="利州区"),
        ImportColumn("地址", "address", required=gettext_lazy("地址为空"), example="东坝街道 12 号"),
        ImportColumn(
            "纬度", "latitude", required=gettext_lazy("纬度为空"), parse=_degrees("纬度", -90, 90), default=None, example=32.4355
        ),
        ImportColumn(
            "经度", "longitude", required=gettext_lazy("经度为空"), parse=_degrees("经度", -180, 180), default=None, example=105.8434
        ),
        ImportColumn("坐标系", "coord_system", parse=_system, default=coords.System.WGS84, example="WGS-84"),
        ImportColumn("服务项目", "service_names", parse=_services_of, default=[], example="饮水、休息、充电"),
        ImportColumn("开放时间", "opening_hours", parse=_hours, default=[], example="24h"),
        ImportColumn("状态", "status", parse=_status, default=Station.Status.OPEN, example="运营"),
        ImportColumn("联系人", "contact_name", example="张建华"),
        ImportColumn("联系电话", "contact_phone", example="0839-3261234"),
    ]  # fmt: skip
    lookups = {
        "organization": ORGANIZATION_LOOKUP,
        "kind": Lookup(
            find=lambda by, names: {k.name: [k] for k in selectors.kinds()},
            unknown=gettext_lazy("类型“%(name)s”无效（可填：%(choices)s）"),
        ),
    }
    help_rows = [
        gettext_lazy("每行一个驿站；编号、名称、类型、所属组织、地址、纬度、经度必填。"),
        gettext_lazy(
            "坐标系填 WGS-84（天地图、GPS）、GCJ-02（高德、腾讯）或 BD-09（百度），空白按 WGS-84。"
        ),
        gettext_lazy("服务项目用顿号分隔；开放时间填 24h，或如 1-5 08:00-20:00; 6,7 09:00-17:00。"),
        gettext_lazy("文件中只要有一行有错误，就不会写入任何数据；请按提示改正后重新上传。"),
    ]
    preview = [
        (gettext_lazy("编号"), lambda r: r.values.get("编号")),
        (gettext_lazy("名称"), lambda r: r.values.get("名称")),
        (gettext_lazy("所属组织"), lambda r: r.values.get("所属组织")),
    ]

    def prepare(self, *, by, found):
        return {"services": {s.name: s for s in selectors.services()}}

    def clean_row(self, row, *, by, context):
        data, org = row.data, row.data["organization"]
        unknown = [n for n in data["service_names"] if n not in context["services"]]
        if unknown:
            row.errors.append(_("服务项目“%(names)s”无效") % {"names": "、".join(unknown)})
        if org is not None and not can_register_in(by, org):
            row.errors.append(_("您无权为该组织登记驿站"))
        if data["latitude"] is not None and data["longitude"] is not None:
            data["latitude"], data["longitude"] = (
                round(v, 7)
                for v in coords.to_wgs84(data["latitude"], data["longitude"], data["coord_system"])
            )
        data["services"] = [
            context["services"][n] for n in data["service_names"] if n in context["services"]
        ]

    def check_file(self, report, *, by, context):
        seen = {}
        for row in report.rows:
            org = row.data.get("organization")
            if org is None or not row.data.get("code"):
                continue
            key = (province_path_of(org.path), row.data["code"])
            if key in seen:
                row.errors.append(_("编号与第 %(n)s 行重复") % {"n": seen[key]})
            elif Station.objects.filter(province_path=key[0], code=key[1]).exists():
                row.errors.append(_("该编号在本省已被使用"))
            seen.setdefault(key, row.number)

    def save(self, rows, *, by):
        stations = []
        for row in rows:
            data = dict(row.data)
            offered = data.pop("services")
            for name in ("service_names", "coord_system"):
                data.pop(name)
            station = Station(created_by=by, **data)
            _save(station)
            station.services.set(offered)
            stations.append(station)
        return stations

    def audit_summary(self, count: int) -> str:
        return _("导入驿站 %(n)s 个") % {"n": count}


STATION_IMPORT = StationImport()


# --- Photos ---------------------------------------------------------------------------------

MAX_STATION_PHOTOS = 12
MAX_INSPECTION_PHOTOS = 6
MAX_PHOTO_BYTES = 8 * 1024 * 1024


def _store_photos(*, station, inspection, uploads, caption: str = "") -> list[StationPhoto]:
    # Every file is checked before any is stored: one bad file refuses them all.
    checked = [
        (upload, check_upload(upload, allowed=IMAGE_KINDS, max_bytes=MAX_PHOTO_BYTES))
        for upload in uploads
    ]
    photos = []
    for upload, info in checked:
        name = default_storage.save(f"stations/photos/{info.safe_name}", File(upload))
        photos.append(
            StationPhoto.objects.create(
                station=station,
                inspection=inspection,
                file=name,
                caption=to_simplified(caption.strip())[:100],
                original_name=info.original_name,
                sha256=info.sha256,
                size=info.size,
            )
        )
    return photos


@transaction.atomic
def add_photos(*, by, station: Station, uploads, caption: str = "") -> list[StationPhoto]:
    """Photos of the station itself (JPEG or PNG by content), shown on its public page too."""
    if not can_change(by, station):
        raise PermissionDenied(_("您无权修改该驿站"))
    if not uploads:
        raise ValidationFailed(_("请选择照片"), field="photos")
    have = station.photos.filter(inspection__isnull=True).count()
    if have + len(uploads) > MAX_STATION_PHOTOS:
        raise ValidationFailed(
            _("每个驿站最多 %(n)s 张照片") % {"n": MAX_STATION_PHOTOS}, field="photos"
        )
    photos = _store_photos(station=station, inspection=None, uploads=uploads, caption=caption)
    audit.record(
        by=by,
        action=audit.Action.UPDATE,
        target=station,
        summary=f"驿站 {station} 上传照片 {len(photos)} 张",
        details={"photos": [p.pk for p in photos]},
    )
    return photos


@transaction.atomic
def delete_photo(*, by, photo: StationPhoto) -> None:
    if not can_change(by, photo.station):
        raise PermissionDenied(_("您无权修改该驿站"))
    name = photo.file.name
    audit.record(
        by=by,
        action=audit.Action.DELETE,
        target=photo.station,
        summary=f"驿站 {photo.station} 删除照片 {photo.original_name}",
        details={"photo": photo.pk},
    )
    photo.delete()
    transaction.on_commit(lambda: default_storage.delete(name))


# --- Monthly usage (人次) -------------------------------------------------------------------

MAX_MONTHLY_VISITS = 1_000_000


def first_of_month(value: dt.date) -> dt.date:
    return value.replace(day=1)


def _check_usage(month: dt.date, visits) -> None:
    today = dt.date.today()
    if month > today.replace(day=1):
        raise ValidationFailed(_("不能填报未来月份的服务人次"), field="month")
    if visits is None or visits < 0 or visits > MAX_MONTHLY_VISITS:
        raise ValidationFailed(
            _("服务人次应在 0 到 %(max)s 之间") % {"max": MAX_MONTHLY_VISITS}, field="visits"
        )


@transaction.atomic
def record_usage(
    *, by, station: Station, month: dt.date, visits: int, note: str = ""
) -> StationUsage:
    """The month's count for the station; entering a month again replaces its count."""
    if not can_change(by, station):
        raise PermissionDenied(_("您无权填报该驿站的服务人次"))
    month = first_of_month(month)
    _check_usage(month, visits)
    usage, created = StationUsage.objects.select_for_update().get_or_create(
        station=station,
        month=month,
        defaults={"visits": visits, "note": to_simplified(note.strip()), "entered_by": by},
    )
    before = None if created else usage.visits
    if not created:
        usage.visits, usage.note, usage.entered_by = visits, to_simplified(note.strip()), by
        usage.save(update_fields=["visits", "note", "entered_by", "updated_at"])
    audit.record(
        by=by,
        action=audit.Action.CREATE if created else audit.Action.UPDATE,
        target=station,
        summary=f"驿站 {station} {month:%Y-%m} 服务人次 {visits}",
        details={"month": f"{month:%Y-%m}", "visits": visits, "before": before},
    )
    return usage


def _month(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date().replace(day=1)
    if isinstance(value, dt.date):
        return value.replace(day=1)
    text = cell_text(value).replace("年", "-").replace("月", "").replace("/", "-").replace(".", "-")
    match = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-\d{1,2})?", text)
    if not match or not 1 <= int(match[2]) <= 12:
        raise RowError(_("月份“%(value)s”无效，格式如 2026-03") % {"value": value})
    return dt.date(int(match[1]), int(match[2]), 1)


def _visits(value) -> int:
    text = cell_text(value).replace(",", "").replace("，", "")
    try:
        number = float(text)
    except ValueError as exc:
        raise RowError(_("服务人次“%(value)s”不是数字") % {"value": value}) from exc
    if number != int(number) or not 0 <= number <= MAX_MONTHLY_VISITS:
        raise RowError(_("服务人次“%(value)s”应为 0 以上的整数") % {"value": value})
    return int(number)


def _stations_by_code(by, codes):
    found: dict[str, list] = {}
    for station in selectors.stations_by_codes(by, codes):
        found.setdefault(station.code, []).append(station)
    return found


class UsageImport(ImportSchema):
    """Monthly 人次 per station from Excel: stations by code within the importer's scope; a
    month already entered is replaced."""

    name = "station_usage"
    title = gettext_lazy("驿站服务人次导入")
    columns = [
        ImportColumn("驿站编号", "station", required=gettext_lazy("驿站编号为空"), lookup="station", default=None, example="GY-LZ-001"),
        ImportColumn("月份", "month", required=gettext_lazy("月份为空"), parse=_month, default=None, example="2026-03"),
        ImportColumn("服务人次", "visits", required=gettext_lazy("服务人次为空"), parse=_visits, default=None, example=1260),
        ImportColumn("备注", "note", example=""),
    ]  # fmt: skip
    lookups = {
        "station": Lookup(
            find=_stations_by_code,
            unknown=gettext_lazy("驿站编号“%(name)s”不存在或不在您的管理范围内"),
            ambiguous=gettext_lazy("驿站编号“%(name)s”在多个省份都有，请分省导入"),
        )
    }
    help_rows = [
        gettext_lazy("每行一个驿站一个月的服务人次；月份填如 2026-03。"),
        gettext_lazy("已填报过的月份会被新数值替换。"),
        gettext_lazy("文件中只要有一行有错误，就不会写入任何数据；请按提示改正后重新上传。"),
    ]
    preview = [
        (gettext_lazy("驿站编号"), lambda r: r.values.get("驿站编号")),
        (gettext_lazy("月份"), lambda r: r.values.get("月份")),
        (gettext_lazy("服务人次"), lambda r: r.values.get("服务人次")),
    ]

    def clean_row(self, row, *, by, context):
        data = row.data
        station, month = data.get("station"), data.get("month")
        if station is not None and not can_change(by, station):
            row.errors.append(_("您无权填报该驿站的服务人次"))
        if month is not None and month > dt.date.today().replace(day=1):
            row.errors.append(_("不能填报未来月份的服务人次"))

    def check_file(self, report, *, by, context):
        seen = {}
        for row in report.rows:
            station, month = row.data.get("station"), row.data.get("month")
            if station is None or month is None:
                continue
            key = (station.pk, month)
            if key in seen:
                row.errors.append(_("与第 %(n)s 行重复") % {"n": seen[key]})
            seen.setdefault(key, row.number)

    def save(self, rows, *, by):
        return [
            record_usage(
                by=by,
                station=row.data["station"],
                month=row.data["month"],
                visits=row.data["visits"],
                note=row.data.get("note") or "",
            )
            for row in rows
        ]

    def audit_summary(self, count: int) -> str:
        return _("导入驿站服务人次 %(n)s 条") % {"n": count}


USAGE_IMPORT = UsageImport()


# --- 星级评定 (yearly inspection) -------------------------------------------------------------

# The share of the checklist's points a star level needs, highest first; below the last, 0 stars
# (不达标).
STAR_THRESHOLDS = [(5, 90), (4, 80), (3, 70), (2, 60), (1, 50)]


def stars_for(score: int, max_score: int) -> int:
    percent = 100 * score / max_score if max_score else 0
    return next((stars for stars, low in STAR_THRESHOLDS if percent >= low), 0)


@transaction.atomic
def record_inspection(
    *,
    by,
    station: Station,
    inspected_on: dt.date,
    inspector: str,
    scores: dict[int, int],
    note: str = "",
    photos=(),
) -> Inspection:
    """The year's 星级评定 of a station: a score per active checklist item (0 to its points),
    the total and the star level it earns. Entering the year again replaces the scores."""
    if not can_change(by, station):
        raise PermissionDenied(_("您无权为该驿站录入星级评定"))
    inspector = to_simplified((inspector or "").strip())
    errors = {}
    if not inspector:
        errors["inspector"] = _("请填写检查人")
    if inspected_on > dt.date.today():
        errors["inspected_on"] = _("检查日期不能晚于今天")
    items = list(InspectionItem.objects.filter(is_active=True))
    results = []
    for item in items:
        score = scores.get(item.pk)
        if score is None or not 0 <= score <= item.max_score:
            errors[f"item_{item.pk}"] = _("“%(name)s”应在 0 到 %(max)s 分之间") % {
                "name": item.name,
                "max": item.max_score,
            }
            continue
        results.append(
            {
                "item": item.pk,
                "code": item.code,
                "name": item.name,
                "max": item.max_score,
                "score": score,
            }
        )
    if not items:
        errors["__all__"] = _("尚未设置星级评定检查项")
    if errors:
        raise ValidationFailed(_("星级评定信息有误"), errors=errors)
    total = sum(r["score"] for r in results)
    possible = sum(r["max"] for r in results)
    values = {
        "inspected_on": inspected_on,
        "inspector": inspector[:60],
        "results": results,
        "score": total,
        "max_score": possible,
        "stars": stars_for(total, possible),
        "note": to_simplified((note or "").strip()),
        "recorded_by": by,
    }
    inspection, created = Inspection.objects.select_for_update().update_or_create(
        station=station, year=inspected_on.year, defaults=values
    )
    if photos:
        have = inspection.photos.count()
        if have + len(photos) > MAX_INSPECTION_PHOTOS:
            raise ValidationFailed(
                _("每次评定最多 %(n)s 张照片") % {"n": MAX_INSPECTION_PHOTOS}, field="photos"
            )
        _store_photos(station=station, inspection=inspection, uploads=photos)
    audit.record(
        by=by,
        action=audit.Action.CREATE if created else audit.Action.UPDATE,
        target=station,
        summary=f"驿站 {station} {inspection.year} 年星级评定：{total}/{possible} 分，{inspection.stars} 星",
        details={"inspection": inspection.pk, "score": total, "stars": inspection.stars},
    )
    return inspection
