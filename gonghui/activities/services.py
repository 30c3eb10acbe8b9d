"""Writes to activities: record, edit, delete, photos, and the all-or-nothing Excel import."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from gonghui.core import audit
from gonghui.core.chinese import to_simplified
from gonghui.core.concurrency import claim_version
from gonghui.core.exceptions import PermissionDenied, ValidationFailed
from gonghui.core.files import check_upload
from gonghui.core.imports import ImportReport, ImportRow
from gonghui.organizations.models import Department, Organization

from . import rollups, selectors
from .models import METRIC_FIELDS, Activity, ActivityPhoto, ActivityType, ItemUnit
from .permissions import DELETE_PERMISSION, can_change, can_record_in

EDITABLE = [
    "organization",
    "department",
    "activity_type",
    "title",
    "start_date",
    "end_date",
    "place",
    "description",
    "items_unit",
    *METRIC_FIELDS,
]
MAX_PHOTOS = 20


def yuan_to_fen(value) -> int:
    """Exact conversion of an amount in 元 (str, int or Decimal; never float) to integer fen."""
    if value in (None, ""):
        return 0
    if isinstance(value, float):
        value = repr(value)
    try:
        amount = Decimal(str(value).replace(",", "").replace("，", "").strip())
    except InvalidOperation as exc:
        raise ValidationFailed(
            _("金额“%(value)s”不是有效数字") % {"value": value}, field="money"
        ) from exc
    if amount < 0:
        raise ValidationFailed(_("金额不能为负数"), field="money")
    fen = amount * 100
    if fen != fen.to_integral_value():
        raise ValidationFailed(_("金额最多保留两位小数（分）"), field="money")
    return int(fen)


def validate_activity(data: dict) -> dict:
    """{field: message} for what is wrong with the values (empty when valid)."""
    errors = {}
    if not (data.get("title") or "").strip():
        errors["title"] = _("请填写活动名称")
    if data.get("organization") is None:
        errors["organization"] = _("请选择组织单位")
    if data.get("activity_type") is None:
        errors["activity_type"] = _("请选择活动类型")
    start, end = data.get("start_date"), data.get("end_date")
    if start is None:
        errors["start_date"] = _("请填写开始日期")
    elif end is not None and end < start:
        errors["end_date"] = _("结束日期不能早于开始日期")
    dept, org = data.get("department"), data.get("organization")
    if dept is not None and org is not None and dept.organization_id != org.pk:
        errors["department"] = _("部门不属于所选组织")
    for name in METRIC_FIELDS:
        value = data.get(name) or 0
        if not isinstance(value, int) or value < 0:
            errors[name] = _("应为不小于 0 的整数")
    if data.get("items_unit") and data["items_unit"] not in ItemUnit.values:
        errors["items_unit"] = _("物品单位无效")
    return errors


def _clean(data: dict) -> dict:
    data = dict(data)
    if "money" in data:
        data["money_fen"] = yuan_to_fen(data.pop("money"))
    data["title"] = to_simplified((data.get("title") or "").strip())
    for name in METRIC_FIELDS:
        data[name] = data.get(name) or 0
    return data


@transaction.atomic
def create_activity(*, by, photos=(), **data) -> Activity:
    data = _clean(data)
    errors = validate_activity(data)
    if errors:
        raise ValidationFailed(_("活动信息有误"), errors=errors)
    if not can_record_in(by, data["organization"], data.get("department")):
        raise PermissionDenied(_("您无权为该组织或部门登记活动"))
    activity = Activity(created_by=by, **{k: v for k, v in data.items() if k in EDITABLE})
    activity.save()
    rollups.apply(activity, +1)
    if photos:
        add_photos(by=by, activity=activity, uploads=photos)
    audit.record(by=by, action=audit.Action.CREATE, target=activity, summary=f"登记活动 {activity}")
    return activity


@transaction.atomic
def update_activity(*, by, activity: Activity, version: str | None = None, **data) -> Activity:
    if not can_change(by, activity):
        raise PermissionDenied(_("您无权修改该活动"))
    data = _clean({k: getattr(activity, k) for k in EDITABLE} | data)
    errors = validate_activity(data)
    if errors:
        raise ValidationFailed(_("活动信息有误"), errors=errors)
    if not can_record_in(by, data["organization"], data.get("department")):
        raise PermissionDenied(_("您无权为该组织或部门登记活动"))
    claim_version(activity, version)
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    changed = [k for k in EDITABLE if getattr(activity, k) != data[k]]
    rollups.apply(activity, -1)
    for key in changed:
        setattr(activity, key, data[key])
    activity.save()
    rollups.apply(activity, +1)
    audit.record(
        by=by,
        action=audit.Action.UPDATE,
        target=activity,
        summary=f"修改活动 {activity}",
        details={"fields": changed},
    )
    return activity


@transaction.atomic
def delete_activity(*, by, activity: Activity) -> None:
    if not can_change(by, activity, permission=DELETE_PERMISSION):
        raise PermissionDenied(_("您无权删除该活动"))
    rollups.apply(activity, -1)
    audit.record(by=by, action=audit.Action.DELETE, target=activity, summary=f"删除活动 {activity}")
    for photo in activity.photos.all():
        photo.file.delete(save=False)
    activity.delete()


@transaction.atomic
def add_photos(*, by, activity: Activity, uploads) -> list[ActivityPhoto]:
    """Store photos whose content really is JPEG or PNG; one bad file refuses them all."""
    if activity.created_by_id != getattr(by, "pk", None) and not can_change(by, activity):
        raise PermissionDenied(_("您无权修改该活动"))
    if activity.photos.count() + len(uploads) > MAX_PHOTOS:
        raise ValidationFailed(_("每个活动最多 %(n)s 张照片") % {"n": MAX_PHOTOS}, field="photos")
    checked = [(upload, check_upload(upload, allowed={"jpg", "png"})) for upload in uploads]
    photos = []
    for upload, info in checked:
        name = default_storage.save(
            f"activities/{activity.start_date:%Y/%m}/{info.safe_name}", File(upload)
        )
        photos.append(
            ActivityPhoto.objects.create(
                activity=activity,
                file=name,
                original_name=info.original_name,
                sha256=info.sha256,
                size=info.size,
            )
        )
    return photos


@transaction.atomic
def set_indicators(*, by, activity: Activity, indicators) -> None:
    """Tag the activity to campaign indicators so it counts in their ledgers."""
    if not can_change(by, activity):
        raise PermissionDenied(_("您无权修改该活动"))
    activity.indicators.set(indicators)
    audit.record(
        by=by,
        action=audit.Action.UPDATE,
        target=activity,
        summary=f"活动 {activity} 关联测评指标",
        details={"indicators": [i.pk for i in indicators]},
    )


@transaction.atomic
def tag_indicator(*, by, activity: Activity, indicator, remove: bool = False) -> None:
    """Add (or remove) one campaign indicator whose ledger this activity counts in."""
    if not can_change(by, activity):
        raise PermissionDenied(_("您无权修改该活动"))
    if remove:
        activity.indicators.remove(indicator)
    else:
        activity.indicators.add(indicator)
    audit.record(
        by=by,
        action=audit.Action.UPDATE,
        target=activity,
        summary=f"活动 {activity} {'取消关联' if remove else '关联'}测评指标 {indicator.code}",
        details={"indicator": indicator.pk, "removed": remove},
    )


# --- Excel import ---------------------------------------------------------------------------

# The import template has the export's columns, so an exported file can be corrected and re-imported.
IMPORT_HEADERS = selectors.EXPORT_HEADERS
_METRIC_COLUMNS = {
    "参与人数": "participants",
    "参与人次": "attendances",
    "场次/项目": "sessions",
    "物品数量": "items",
    "浏览量": "reach",
    "评选表彰（个）": "awards",
}


def _parse_date(value, label: str, errors: list[str]) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip().replace("年", "-").replace("月", "-").replace("日", "")
    text = text.replace("/", "-").replace(".", "-")
    try:
        return dt.date.fromisoformat("-".join(part.zfill(2) for part in text.split("-")))
    except ValueError:
        errors.append(
            _("%(label)s“%(value)s”不是有效日期（例：2020-05-26）")
            % {"label": label, "value": value}
        )
        return None


def _parse_count(value, label: str, errors: list[str]) -> int:
    if value in (None, ""):
        return 0
    if isinstance(value, int) and value >= 0:
        return value
    if isinstance(value, float) and value.is_integer() and value >= 0:
        return int(value)
    text = str(value).strip().replace(",", "")
    if text.isdigit():
        return int(text)
    errors.append(_("%(label)s“%(value)s”应为不小于 0 的整数") % {"label": label, "value": value})
    return 0


def check_import(*, by, rows: list[dict]) -> ImportReport:
    """Validate every row; each problem is reported at its Excel row number."""
    org_names = {to_simplified(str(r.get("组织单位") or "").strip()) for r in rows}
    orgs: dict[str, list[Organization]] = {}
    for org in Organization.objects.visible_to(by).filter(name__in=org_names):
        orgs.setdefault(org.name, []).append(org)
    depts = {
        (d.organization_id, d.name): d
        for d in Department.objects.filter(organization__in=[o[0] for o in orgs.values()])
    }
    types = {t.name: t for t in ActivityType.objects.filter(is_active=True)}
    report = ImportReport(rows=[])
    for raw in rows:
        row = ImportRow(number=raw["_row"], values=raw)
        report.rows.append(row)
        errors = row.errors
        org_name = to_simplified(str(raw.get("组织单位") or "").strip())
        matches = orgs.get(org_name, [])
        org = matches[0] if len(matches) == 1 else None
        if not org_name:
            errors.append(_("组织单位为空"))
        elif not matches:
            errors.append(_("未知组织“%(name)s”（或不在您的管理范围内）") % {"name": org_name})
        elif len(matches) > 1:
            errors.append(_("组织名称“%(name)s”不唯一，请联系管理员") % {"name": org_name})
        dept = None
        dept_name = to_simplified(str(raw.get("部门") or "").strip())
        if dept_name and org is not None:
            dept = depts.get((org.pk, dept_name))
            if dept is None:
                errors.append(
                    _("组织“%(org)s”下没有部门“%(dept)s”") % {"org": org_name, "dept": dept_name}
                )
        type_name = str(raw.get("活动类型") or "").strip()
        activity_type = types.get(to_simplified(type_name))
        if activity_type is None:
            errors.append(
                _("活动类型“%(name)s”无效（可填：%(choices)s）")
                % {"name": type_name, "choices": "、".join(types)}
                if type_name
                else _("活动类型为空")
            )
        unit = str(raw.get("物品单位") or "").strip()
        if unit and unit not in ItemUnit.values:
            errors.append(
                _("物品单位“%(unit)s”无效（可填：%(choices)s）")
                % {"unit": unit, "choices": "、".join(ItemUnit.values)}
            )
        data = {
            "title": str(raw.get("活动名称") or "").strip(),
            "organization": org,
            "department": dept,
            "activity_type": activity_type,
            "start_date": _parse_date(raw.get("开始日期"), "开始日期", errors),
            "end_date": _parse_date(raw.get("结束日期"), "结束日期", errors),
            "place": str(raw.get("地点") or "").strip()[:200],
            "description": str(raw.get("活动简介") or "").strip(),
            "items_unit": unit if unit in ItemUnit.values else "",
        }
        for label, name in _METRIC_COLUMNS.items():
            data[name] = _parse_count(raw.get(label), label, errors)
        try:
            data["money_fen"] = yuan_to_fen(raw.get("金额（元）"))
        except ValidationFailed as exc:
            errors.append(exc.message)
            data["money_fen"] = 0
        if not data["title"]:
            errors.append(_("活动名称为空"))
        if data["start_date"] is None and not any("开始日期" in e for e in errors):
            errors.append(_("开始日期为空"))
        if data["start_date"] and data["end_date"] and data["end_date"] < data["start_date"]:
            errors.append(_("结束日期不能早于开始日期"))
        if org is not None and not can_record_in(by, org, dept):
            errors.append(_("您无权为该组织或部门登记活动"))
        row.data = data
    return report


@transaction.atomic
def import_activities(*, by, rows: list[dict]) -> list[Activity]:
    """Write every row or none: a single bad row means nothing is saved."""
    report = check_import(by=by, rows=rows)
    report.refuse_if_invalid()
    activities = []
    for row in report.rows:
        activity = Activity(created_by=by, org_path=row.data["organization"].path, **row.data)
        activities.append(activity)
    Activity.objects.bulk_create(activities, batch_size=500)
    for activity in activities:
        rollups.apply(activity, +1)
    audit.record(
        by=by,
        action=audit.Action.IMPORT,
        summary=f"导入活动 {len(activities)} 条",
        details={"count": len(activities)},
        org_path=by.scope.org_path,
    )
    return activities
