"""Framework interchange: YAML and Excel in (validated, atomic) and out, and the shipped examples.

Both formats are parsed into the same plain spec (a dict) before anything is written, so an
import either writes the whole version or nothing, with every error located (node or row).
"""

from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml
from django.db import transaction
from django.utils.translation import gettext as _

from gonghui.core import audit
from gonghui.core.exceptions import ValidationFailed
from gonghui.core.files import KINDS, check_upload
from gonghui.core.spreadsheets import read_rows, render_template_xlsx, render_xlsx

from .models import (
    DEFAULT_GRADE_MAP,
    CampaignKind,
    Framework,
    FrameworkNode,
    FrameworkRule,
    FrameworkVersion,
    Method,
    RuleKind,
)

EXAMPLES_DIR = Path(__file__).parent / "data" / "frameworks"
METHODS = set(Method.values)
KIND_BY_LABEL = {str(label): value for value, label in CampaignKind.choices}
RULE_BY_LABEL = {str(label): value for value, label in RuleKind.choices}
NODE_FIELDS = (
    "code",
    "name",
    "level_label",
    "full_score",
    "methods",
    "standard",
    "guidance",
    "min_photos",
    "min_chars",
    "max_chars",
    "requires_doc_number",
    "file_types",
    "lead_days",
)

EXCEL_HEADERS = [
    "类别",
    "编号",
    "上级编号",
    "层级名称",
    "名称",
    "分值",
    "测评方法",
    "测评标准",
    "上传要求",
    "最少照片",
    "最少字数",
    "最多字数",
    "需要文号",
    "文件类型",
    "提前天数",
    "追溯月数",
]
EXCEL_HELP = [
    "类别：指标、加分项、扣分项、一票否决。指标行按层级填写，上级编号为空表示测评项目（第一层）。",
    "分值：指标的满分；加分项为最高加分；扣分项为每次扣分。",
    "测评方法：材料审核、实地考察、问卷调查、征求意见、网络查看、听取汇报，多个用顿号分隔。",
    "最多字数：说明报告字数上限，默认 500。需要文号：是/否。文件类型：pdf、docx、xlsx、jpg、png。",
    "提前天数：该项须在测评日期前多少天完成（倒排工期），为空时按测评方法取默认值。",
    "追溯月数：一票否决事项在申报前多少个月内发生即取消资格。",
    "导入是整体的：任何一行有错，整个文件都不导入，并列出每一行的错误。",
]


# --- parsing into a spec ---------------------------------------------------------------


def _decimal(value, where: str, errors: list, *, default="0") -> Decimal:
    if value is None or value == "":
        return Decimal(default)
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        errors.append(_("%(where)s：分值“%(value)s”不是数字") % {"where": where, "value": value})
        return Decimal(0)
    if number < 0:
        errors.append(_("%(where)s：分值不能为负数") % {"where": where})
    return number


def _int(value, where: str, label: str, errors: list, *, default=None):
    if value is None or value == "":
        return default
    try:
        number = int(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        errors.append(
            _("%(where)s：%(label)s“%(value)s”不是整数")
            % {"where": where, "label": label, "value": value}
        )
        return default
    if number < 0:
        errors.append(_("%(where)s：%(label)s不能为负数") % {"where": where, "label": label})
    return number


def split_list(value) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    text = str(value)
    for sep in ("，", ",", "；", ";", "/", " "):
        text = text.replace(sep, "、")
    return [part.strip() for part in text.split("、") if part.strip()]


def _bool(value) -> bool:
    if isinstance(value, bool):
        return value
    return str(value or "").strip().lower() in {"是", "y", "yes", "true", "1", "需要"}


def _node(raw: dict, where: str, defaults: dict, errors: list) -> dict:
    upload = {**defaults, **(raw.get("upload") or {})}
    code = str(raw.get("code") or "").strip()
    name = str(raw.get("name") or "").strip()
    if not code:
        errors.append(_("%(where)s：缺少编号") % {"where": where})
    if not name:
        errors.append(_("%(where)s：缺少名称") % {"where": where})
    methods = split_list(raw.get("methods"))
    unknown = [m for m in methods if m not in METHODS]
    if unknown:
        errors.append(
            _("%(where)s：未知的测评方法“%(choices)s”（可选：%(choices2)s）")
            % {"where": where, "choices": "、".join(unknown), "choices2": "、".join(Method.values)}
        )
    file_types = [t.lower().lstrip(".") for t in split_list(upload.get("file_types"))]
    file_types = ["jpg" if t == "jpeg" else t for t in file_types]
    bad_types = [t for t in file_types if t not in KINDS]
    if bad_types:
        errors.append(
            _("%(where)s：不支持的文件类型“%(choices)s”")
            % {"where": where, "choices": "、".join(bad_types)}
        )
    min_chars = _int(upload.get("min_chars"), where, _("最少字数"), errors, default=0)
    max_chars = _int(upload.get("max_chars"), where, _("最多字数"), errors, default=500)
    if min_chars and max_chars and min_chars > max_chars:
        errors.append(
            _("%(where)s：最少字数（%(min_chars)s）大于最多字数（%(max_chars)s）")
            % {"where": where, "min_chars": min_chars, "max_chars": max_chars}
        )
    return {
        "code": code,
        "name": name,
        "level_label": str(raw.get("level") or "").strip(),
        "full_score": _decimal(raw.get("score"), where, errors),
        "methods": methods,
        "standard": str(raw.get("standard") or "").strip(),
        "guidance": str(raw.get("guidance") or "").strip(),
        "min_photos": _int(upload.get("min_photos"), where, _("最少照片"), errors, default=0),
        "min_chars": min_chars,
        "max_chars": max_chars,
        "requires_doc_number": _bool(upload.get("doc_number")),
        "file_types": file_types,
        "lead_days": _int(raw.get("lead_days"), where, _("提前天数"), errors),
        "children": [],
    }


def _rule(raw: dict, where: str, errors: list) -> dict:
    kind = str(raw.get("kind") or "").strip()
    kind = RULE_BY_LABEL.get(kind, kind)
    if kind not in RuleKind.values:
        errors.append(
            _("%(where)s：类别“%(value)s”应为 加分项、扣分项 或 一票否决")
            % {"where": where, "value": raw.get("kind")}
        )
    if not str(raw.get("name") or "").strip():
        errors.append(_("%(where)s：缺少名称") % {"where": where})
    window = _int(raw.get("window_months"), where, _("追溯月数"), errors)
    if kind == RuleKind.VETO and not window:
        errors.append(_("%(where)s：一票否决事项须填写追溯月数") % {"where": where})
    return {
        "kind": kind,
        "code": str(raw.get("code") or "").strip(),
        "name": str(raw.get("name") or "").strip(),
        "points": _decimal(raw.get("points"), where, errors),
        "window_months": window,
        "description": str(raw.get("description") or "").strip(),
    }


def _grade_map(raw, errors: list) -> dict:
    grade_map = raw or DEFAULT_GRADE_MAP
    if not isinstance(grade_map, dict) or not grade_map:
        errors.append(_("等级系数应为“等级: 系数”的映射，例如 A: 1.0"))
        return dict(DEFAULT_GRADE_MAP)
    result = {}
    for grade, fraction in grade_map.items():
        try:
            value = float(fraction)
        except (TypeError, ValueError):
            errors.append(
                _("等级系数：%(grade)s 的系数“%(fraction)s”不是数字")
                % {"grade": grade, "fraction": fraction}
            )
            continue
        if not 0 <= value <= 1:
            errors.append(_("等级系数：%(grade)s 的系数应在 0 到 1 之间") % {"grade": grade})
        result[str(grade).strip().upper()] = value
    return result


def _check_codes(nodes: list[dict], errors: list) -> None:
    seen: set[str] = set()

    def walk(items):
        for node in items:
            if node["code"] in seen:
                errors.append(_("编号“%(code)s”重复") % {"code": node["code"]})
            seen.add(node["code"])
            walk(node["children"])

    walk(nodes)


# A framework file is a few hundred indicators; anything far bigger is not one.
FRAMEWORK_FILE_MAX_BYTES = 5 * 1024 * 1024


def check_framework_file(upload, *, allowed=("yaml", "xlsx")) -> str:
    """The kind of an uploaded framework file judged by its content ("yaml" or "xlsx"), never by
    its name alone; ValidationFailed with a Chinese message otherwise."""
    return check_upload(upload, allowed=set(allowed), max_bytes=FRAMEWORK_FILE_MAX_BYTES).kind


class _PlainYamlLoader(yaml.SafeLoader):
    """Safe loading without anchors and aliases: a framework file never needs them, and nested
    aliases are how a few hundred bytes of YAML expand into gigabytes ("billion laughs")."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(None, None, _("不支持 YAML 别名（*）"), mark)
        return super().compose_node(parent, index)


def parse_yaml(text: str | bytes) -> dict:
    """The spec of a YAML framework file, or ValidationFailed listing every problem."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValidationFailed(_("YAML 文件须为 UTF-8 编码的文本")) from exc
    try:
        data = yaml.load(text, Loader=_PlainYamlLoader)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise ValidationFailed(_("YAML 格式错误：%(exc)s") % {"exc": exc}) from exc
    if not isinstance(data, dict) or "framework" not in data or "nodes" not in data:
        raise ValidationFailed(_("YAML 文件须包含 framework 和 nodes 两部分"))
    errors: list[str] = []
    fw = data.get("framework") or {}
    version = data.get("version") or {}
    defaults = data.get("defaults") or {}
    kind = KIND_BY_LABEL.get(str(fw.get("kind")), fw.get("kind"))
    if kind not in CampaignKind.values:
        errors.append(
            _("framework.kind“%(value)s”应为 unit、city 或 industry") % {"value": fw.get("kind")}
        )
    if not fw.get("code") or not fw.get("name"):
        errors.append(_("framework 须有 code 和 name"))

    def walk(items, where_prefix, depth):
        result = []
        for index, raw in enumerate(items or [], start=1):
            code = raw.get("code") or _("%(prefix)s第%(n)s项") % {
                "prefix": where_prefix,
                "n": index,
            }
            where = _("指标 %(code)s") % {"code": code}
            node = _node(raw, where, defaults, errors)
            node["children"] = walk(
                raw.get("children"), _("%(where)s下") % {"where": where}, depth + 1
            )
            result.append(node)
        return result

    nodes = walk(data["nodes"], "", 1)
    if not nodes:
        errors.append(_("至少需要一个测评项目"))
    _check_codes(nodes, errors)
    rules = [
        _rule(raw, _("规则 %(code)s") % {"code": raw.get("code") or index}, errors)
        for index, raw in enumerate(data.get("rules") or [], start=1)
    ]
    spec = {
        "framework": {
            "code": str(fw.get("code") or ""),
            "name": str(fw.get("name") or ""),
            "kind": kind,
            "description": str(fw.get("description") or "").strip(),
        },
        "version": {
            "label": str(version.get("label") or "1"),
            "notes": str(version.get("notes") or "").strip(),
            "is_example": bool(version.get("is_example", False)),
            "grade_map": _grade_map(version.get("grade_map"), errors),
        },
        "nodes": nodes,
        "rules": rules,
    }
    if errors:
        raise ValidationFailed(
            _("测评体系文件有错误，未导入：") + "；".join(errors[:5]), errors=errors
        )
    return spec


def parse_excel(fileobj, *, framework: dict, version: dict) -> dict:
    """The spec of an Excel sheet (one row per indicator or rule), with row-numbered errors."""
    rows = read_rows(fileobj, headers=EXCEL_HEADERS)
    errors: list[str] = []
    by_code: dict[str, dict] = {}
    roots: list[dict] = []
    rules: list[dict] = []
    for row in rows:
        where = _("第%(row)s行") % {"row": row["_row"]}
        category = str(row["类别"] or "指标").strip()
        if category != "指标":
            rules.append(
                _rule(
                    {
                        "kind": category,
                        "code": row["编号"],
                        "name": row["名称"],
                        "points": row["分值"],
                        "window_months": row["追溯月数"],
                        "description": row["测评标准"],
                    },
                    where,
                    errors,
                )
            )
            continue
        node = _node(
            {
                "code": row["编号"],
                "name": row["名称"],
                "level": row["层级名称"],
                "score": row["分值"],
                "methods": row["测评方法"],
                "standard": row["测评标准"],
                "guidance": row["上传要求"],
                "lead_days": row["提前天数"],
                "upload": {
                    "min_photos": row["最少照片"],
                    "min_chars": row["最少字数"],
                    "max_chars": row["最多字数"],
                    "doc_number": row["需要文号"],
                    "file_types": row["文件类型"],
                },
            },
            where,
            {},
            errors,
        )
        if node["code"] in by_code:
            errors.append(
                _("%(where)s：编号“%(code)s”重复") % {"where": where, "code": node["code"]}
            )
            continue
        parent_code = str(row["上级编号"] or "").strip()
        if parent_code:
            parent = by_code.get(parent_code)
            if parent is None:
                errors.append(
                    _("%(where)s：上级编号“%(parent_code)s”不存在（上级须写在前面的行）")
                    % {"where": where, "parent_code": parent_code}
                )
                continue
            parent["children"].append(node)
        else:
            roots.append(node)
        if node["code"]:
            by_code[node["code"]] = node
    if not roots and not errors:
        errors.append(_("没有任何指标行"))
    fw_errors: list[str] = []
    spec = {
        "framework": framework,
        "version": {**version, "grade_map": _grade_map(version.get("grade_map"), fw_errors)},
        "nodes": roots,
        "rules": rules,
    }
    errors = fw_errors + errors
    if errors:
        raise ValidationFailed(
            _("Excel 文件有错误，未导入：") + "；".join(errors[:5]), errors=errors
        )
    return spec


# --- writing a spec --------------------------------------------------------------------


@transaction.atomic
def import_framework(*, spec: dict, by=None, source: str = "yaml") -> FrameworkVersion:
    """Create (or replace, if unused by any campaign) the version described by `spec`."""
    fw_spec = spec["framework"]
    framework, _created = Framework.objects.get_or_create(
        code=fw_spec["code"],
        defaults={
            "name": fw_spec["name"],
            "kind": fw_spec["kind"],
            "description": fw_spec.get("description", ""),
        },
    )
    v_spec = spec["version"]
    existing = FrameworkVersion.objects.filter(framework=framework, label=v_spec["label"]).first()
    if existing is not None:
        if existing.campaigns.exists():
            raise ValidationFailed(
                _("版本“%(label)s”已被创建活动使用，请换一个版本号导入")
                % {"label": v_spec["label"]},
                field="label",
            )
        existing.delete()
    version = FrameworkVersion.objects.create(
        framework=framework,
        label=v_spec["label"],
        grade_map=v_spec["grade_map"],
        notes=v_spec.get("notes", ""),
        is_example=v_spec.get("is_example", False),
        source=source,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    position = 0

    def create(items, parent, depth):
        nonlocal position
        for item in items:
            position += 1
            node = FrameworkNode.objects.create(
                version=version,
                parent=parent,
                depth=depth,
                position=position,
                **{f: item[f] for f in NODE_FIELDS},
            )
            create(item["children"], node, depth + 1)

    create(spec["nodes"], None, 1)
    FrameworkRule.objects.bulk_create(
        FrameworkRule(version=version, **rule) for rule in spec["rules"]
    )
    if by is not None:
        audit.record(
            by=by,
            action=audit.Action.IMPORT,
            target=version,
            summary=f"导入测评体系 {framework.name}（{version.label}），来源 {source}",
        )
    return version


@transaction.atomic
def load_examples(*, by=None) -> list[FrameworkVersion]:
    """Import every shipped example file that is not imported yet: all of them or none."""
    versions = []
    for path in sorted(EXAMPLES_DIR.glob("*.yaml")):
        spec = parse_yaml(path.read_text(encoding="utf-8"))
        found = FrameworkVersion.objects.filter(
            framework__code=spec["framework"]["code"], label=spec["version"]["label"]
        ).first()
        versions.append(found or import_framework(spec=spec, by=by, source="示例数据"))
    return versions


# --- export ----------------------------------------------------------------------------


def _node_tree(version: FrameworkVersion) -> list[dict]:
    nodes = list(version.nodes.order_by("position"))
    children: dict[int | None, list] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)

    def dump(node) -> dict:
        out = {"code": node.code, "name": node.name}
        if node.level_label:
            out["level"] = node.level_label
        out["score"] = float(node.full_score)
        if node.methods:
            out["methods"] = list(node.methods)
        for key in ("standard", "guidance"):
            if getattr(node, key):
                out[key] = getattr(node, key)
        if node.lead_days is not None:
            out["lead_days"] = node.lead_days
        upload = {
            "min_photos": node.min_photos,
            "min_chars": node.min_chars,
            "max_chars": node.max_chars,
            "doc_number": node.requires_doc_number,
        }
        if node.file_types:
            upload["file_types"] = list(node.file_types)
        out["upload"] = upload
        kids = children.get(node.pk, [])
        if kids:
            out["children"] = [dump(k) for k in kids]
        return out

    return [dump(n) for n in children.get(None, [])]


def export_yaml(version: FrameworkVersion) -> str:
    fw = version.framework
    data = {
        "framework": {
            "code": fw.code,
            "name": fw.name,
            "kind": fw.kind,
            "description": fw.description,
        },
        "version": {
            "label": version.label,
            "is_example": version.is_example,
            "notes": version.notes,
            "grade_map": version.grade_map,
        },
        "nodes": _node_tree(version),
        "rules": [
            {
                "kind": r.kind,
                "code": r.code,
                "name": r.name,
                "points": float(r.points),
                **({"window_months": r.window_months} if r.window_months else {}),
                **({"description": r.description} if r.description else {}),
            }
            for r in version.rules.all()
        ],
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def excel_rows(version: FrameworkVersion):
    codes = dict(version.nodes.values_list("pk", "code"))
    for n in version.nodes.order_by("position"):
        yield [
            "指标",
            n.code,
            codes.get(n.parent_id, ""),
            n.level_label,
            n.name,
            float(n.full_score),
            "、".join(n.methods),
            n.standard,
            n.guidance,
            n.min_photos,
            n.min_chars,
            n.max_chars,
            "是" if n.requires_doc_number else "否",
            "、".join(n.file_types),
            n.lead_days,
            None,
        ]
    for r in version.rules.all():
        yield [
            r.get_kind_display(),
            r.code,
            "",
            "",
            r.name,
            float(r.points),
            "",
            r.description,
            "",
            None,
            None,
            None,
            "",
            "",
            None,
            r.window_months,
        ]


def export_excel(version: FrameworkVersion) -> bytes:
    return render_xlsx(title="测评体系", headers=EXCEL_HEADERS, rows=excel_rows(version), notes=())


def excel_template() -> bytes:
    return render_template_xlsx(
        title="测评体系",
        headers=EXCEL_HEADERS,
        example=[
            "指标",
            "01",
            "",
            "测评项目",
            "学雷锋活动",
            14,
            "材料审核、实地考察",
            "",
            "",
            0,
            0,
            500,
            "否",
            "",
            None,
            None,
        ],
        help_rows=EXCEL_HELP,
    )
