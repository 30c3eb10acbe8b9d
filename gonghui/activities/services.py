"""Writes to activities: record, edit, delete, photos, and the all-or-nothing Excel import."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonghui.core import audit
from gonghui.core.chinese import to_simplified
from gonghui.core.concurrency import claim_version
from gonghui.core.exceptions import PermissionDenied, ValidationFailed
from gonghui.core.files import check_upload
from gonghui.core.imports import ImportColumn, ImportSchema, Lookup, RowError, cell_text
from gonghui.organizations.imports import ORGANIZATION_LOOKUP, departments_context, read_department

from . import rollups, search, selectors
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
    search.index(activity)
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
    search.index(activity)
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
    search.unindex(activity.pk)
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


def _date_parser(label: str):
    def parse(value) -> dt.date:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = str(value).strip().replace("年", "-").replace("月", "-").replace("日", "")
        text = text.replace("/", "-").replace(".", "-")
        try:
            return dt.date.fromisoformat("-".join(part.zfill(2) for part in text.split("-")))
        except ValueError as exc:
            raise RowError(
                _("%(label)s“%(value)s”不是有效日期（例：2020-05-26）")
                % {"label": label, "value": value}
            ) from exc

    return parse


def _count_parser(label: str):
    def parse(value) -> int:
        if isinstance(value, int) and value >= 0:
            return value
        if isinstance(value, float) and value.is_integer() and value >= 0:
            return int(value)
        text = str(value).strip().replace(",", "")
        if text.isdigit():
            return int(text)
        raise RowError(
            _("%(label)s“%(value)s”应为不小于 0 的整数") % {"label": label, "value": value}
        )

    return parse


def _fen(value) -> int:
    try:
        return yuan_to_fen(value)
    except ValidationFailed as exc:
        raise RowError(exc.message) from exc


def _unit(value) -> str:
    unit = cell_text(value)
    if unit not in ItemUnit.values:
        raise RowError(
            _("物品单位“%(value)s”无效（可填：%(choices)s）")
            % {"value": unit, "choices": "、".join(ItemUnit.values)}
        )
    return unit


def _count(header: str, field: str) -> ImportColumn:
    return ImportColumn(header, field, parse=_count_parser(header), default=0)


def _active_types(by, names) -> dict[str, list[ActivityType]]:
    # Every active type, so an unknown name's message can list the valid ones.
    return {t.name: [t] for t in selectors.activity_types(active_only=True)}


class ActivityImport(ImportSchema):
    """Activities from Excel, in the export's columns, so an exported file can be corrected and
    imported again; organisations by name within the importer's scope."""

    name = "activities"
    title = gettext_lazy("活动导入")
    columns = [
        ImportColumn(
            "活动名称",
            "title",
            required=gettext_lazy("活动名称为空"),
            example="“书本传递爱心 知识点亮希望”爱心捐书志愿服务活动",
        ),
        ImportColumn(
            "活动类型",
            "activity_type",
            required=gettext_lazy("活动类型为空"),
            lookup="activity_type",
            default=None,
            example="志愿服务",
        ),
        ImportColumn(
            "组织单位",
            "organization",
            required=gettext_lazy("组织单位为空"),
            lookup="organization",
            default=None,
            example="河南省总工会",
        ),
        ImportColumn("部门", example="基层工作部"),
        ImportColumn(
            "开始日期",
            "start_date",
            required=gettext_lazy("开始日期为空"),
            parse=_date_parser("开始日期"),
            default=None,
            example="2020-05-15",
        ),
        ImportColumn(
            "结束日期",
            "end_date",
            parse=_date_parser("结束日期"),
            default=None,
            example="2020-05-25",
        ),
        ImportColumn("地点", "place", parse=lambda v: cell_text(v)[:200], example="省总工会机关"),
        _count("参与人数", "participants"),
        _count("参与人次", "attendances"),
        _count("场次/项目", "sessions"),
        ImportColumn("金额（元）", "money_fen", parse=_fen, default=0, example="5880.00"),
        ImportColumn("物品数量", "items", parse=_count_parser("物品数量"), default=0, example=672),
        ImportColumn("物品单位", "items_unit", parse=_unit, example="本"),
        _count("浏览量", "reach"),
        _count("评选表彰（个）", "awards"),
        ImportColumn("活动简介", "description", example="收到捐款和捐书"),
    ]
    lookups = {
        "organization": ORGANIZATION_LOOKUP,
        "activity_type": Lookup(
            find=_active_types,
            unknown=gettext_lazy("活动类型“%(name)s”无效（可填：%(choices)s）"),
        ),
    }
    help_rows = [
        gettext_lazy("每行一项活动；“活动名称”“活动类型”“组织单位”“开始日期”必填。"),
        gettext_lazy(
            "“活动类型”填平台中的类型名称（如 理论学习/读书、宣讲、道德讲堂、运动会、志愿服务）。"
        ),
        gettext_lazy("“组织单位”填组织全称，须在您的管理范围内；“部门”须是该组织下已有的部门。"),
        gettext_lazy("日期格式：2020-05-26；数量填整数；金额以元为单位，最多两位小数。"),
        gettext_lazy("文件中只要有一行有错误，就不会写入任何数据；请按提示改正后重新上传。"),
    ]
    preview = [
        (gettext_lazy("活动名称"), lambda r: r.values.get("活动名称")),
        (gettext_lazy("活动类型"), lambda r: r.values.get("活动类型")),
        (gettext_lazy("组织单位"), lambda r: r.values.get("组织单位")),
    ]

    def prepare(self, *, by, found):
        return departments_context(found)

    def clean_row(self, row, *, by, context):
        data, org = row.data, row.data["organization"]
        read_department(row, context)
        if data["start_date"] and data["end_date"] and data["end_date"] < data["start_date"]:
            row.errors.append(_("结束日期不能早于开始日期"))
        if org is not None and not can_record_in(by, org, data["department"]):
            row.errors.append(_("您无权为该组织或部门登记活动"))

    def save(self, rows, *, by):
        activities = [
            Activity(created_by=by, org_path=row.data["organization"].path, **row.data)
            for row in rows
        ]
        Activity.objects.bulk_create(activities, batch_size=500)
        for activity in activities:
            rollups.apply(activity, +1)
        search.index_rows((a.pk, *(getattr(a, f) for f in search.FIELDS)) for a in activities)
        return activities

    def audit_summary(self, count: int) -> str:
        return _("导入活动 %(n)s 条") % {"n": count}


ACTIVITY_IMPORT = ActivityImport()
IMPORT_HEADERS = ACTIVITY_IMPORT.headers
check_import = ACTIVITY_IMPORT.check
import_activities = ACTIVITY_IMPORT.confirm
