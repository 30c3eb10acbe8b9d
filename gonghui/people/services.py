"""Writes to people: create, update, and the all-or-nothing Excel import."""

from django.db import IntegrityError, transaction

from gonghui.core import audit, idcard
from gonghui.core.chinese import pinyin_initials, to_simplified
from gonghui.core.exceptions import PermissionDenied, ValidationFailed
from gonghui.core.imports import ImportReport, ImportRow
from gonghui.organizations.models import Department, Organization, Post

from .models import Person
from .permissions import can_edit_people_of

EDITABLE = (
    "name",
    "gender",
    "phone",
    "id_number",
    "organization",
    "department",
    "post",
    "model_worker_level",
    "is_volunteer",
    "is_needy",
    "is_liaison",
    "is_active",
)


def _derive(person: Person) -> None:
    """Fields computed from what was entered (initials, phone tail, birth date, gender)."""
    person.name = to_simplified(person.name.strip())
    person.name_initials = pinyin_initials(person.name)
    person.phone = (person.phone or "").strip()
    person.phone_tail = person.phone[-4:] if person.phone else ""
    person.birth_date = idcard.birth_date(person.id_number)
    if not person.gender:
        person.gender = idcard.gender(person.id_number)


def validate_person_fields(data: dict, *, exclude_pk=None) -> dict:
    """Clean values and return {field: message} errors (empty when valid)."""
    errors = {}
    name = (data.get("name") or "").strip()
    if not name:
        errors["name"] = "请填写姓名"
    elif len(name) > 50:
        errors["name"] = "姓名过长"
    try:
        data["id_number"] = idcard.validate_id_number(data.get("id_number") or "")
    except idcard.InvalidIdNumber as exc:
        errors["id_number"] = str(exc)
    else:
        dup = Person.objects.filter(id_number=data["id_number"])
        if exclude_pk:
            dup = dup.exclude(pk=exclude_pk)
        if dup.exists():
            errors["id_number"] = "身份证号已存在，不能重复登记"
    phone = (data.get("phone") or "").strip()
    if phone and not (phone.isdigit() and 7 <= len(phone) <= 12):
        errors["phone"] = "手机号应为7至12位数字"
    dept = data.get("department")
    org = data.get("organization")
    if dept is not None and org is not None and dept.organization_id != org.pk:
        errors["department"] = "部门不属于所选组织"
    if org is None:
        errors["organization"] = "请选择所属组织"
    return errors


def _check_scope(by, organization: Organization) -> None:
    if not can_edit_people_of(by, organization):
        raise PermissionDenied("您无权管理该组织的人员")


@transaction.atomic
def create_person(*, by, **data) -> Person:
    if data.get("organization") is not None:
        _check_scope(by, data["organization"])
    errors = validate_person_fields(data)
    if errors:
        raise ValidationFailed("人员信息有误", errors=errors)
    person = Person(**{k: v for k, v in data.items() if k in EDITABLE})
    _derive(person)
    try:
        person.save()
    except IntegrityError as exc:  # a concurrent insert of the same ID number
        raise ValidationFailed(
            "身份证号已存在，不能重复登记", errors={"id_number": "身份证号已存在"}
        ) from exc
    audit.record(by=by, action=audit.Action.CREATE, target=person, summary=f"新建人员 {person}")
    return person


@transaction.atomic
def update_person(*, by, person: Person, **data) -> Person:
    _check_scope(by, person.organization)
    if data.get("organization") is not None:
        _check_scope(by, data["organization"])
    merged = {k: getattr(person, k) for k in EDITABLE} | data
    errors = validate_person_fields(merged, exclude_pk=person.pk)
    if errors:
        raise ValidationFailed("人员信息有误", errors=errors)
    changed = [k for k in EDITABLE if k in data and getattr(person, k) != merged[k]]
    for key in changed:
        setattr(person, key, merged[key])
    _derive(person)
    person.save()
    audit.record(
        by=by,
        action=audit.Action.UPDATE,
        target=person,
        summary=f"修改人员 {person}",
        details={"fields": changed},
    )
    return person


# --- Excel import ---------------------------------------------------------------------------

IMPORT_HEADERS = ["姓名", "身份证号", "手机号", "所属组织", "部门", "岗位", "劳模级别", "标签"]
TAG_WORDS = {"志愿者": "is_volunteer", "困难职工": "is_needy", "联络员": "is_liaison"}
LEVEL_WORDS = {label: value for value, label in Person.ModelWorkerLevel.choices if value}


def check_import(*, by, rows: list[dict]) -> ImportReport:
    """Validate every row; each problem is reported in Chinese at its Excel row number."""
    org_names = {str(r.get("所属组织") or "").strip() for r in rows}
    orgs: dict[str, list[Organization]] = {}
    for org in Organization.objects.visible_to(by).filter(name__in=org_names):
        orgs.setdefault(org.name, []).append(org)
    posts = {p.name: p for p in Post.objects.all()}
    seen_ids: dict[str, int] = {}
    report = ImportReport(rows=[])
    for raw in rows:
        row = ImportRow(number=raw["_row"], values=raw)
        report.rows.append(row)
        org_name = to_simplified(str(raw.get("所属组织") or "").strip())
        matches = orgs.get(org_name, [])
        org = matches[0] if len(matches) == 1 else None
        if not org_name:
            row.errors.append("所属组织为空")
        elif not matches:
            row.errors.append(f"未知组织“{org_name}”（或不在您的管理范围内）")
        elif len(matches) > 1:
            row.errors.append(f"组织名称“{org_name}”不唯一，请联系管理员")
        dept = None
        dept_name = to_simplified(str(raw.get("部门") or "").strip())
        if dept_name and org is not None:
            dept = Department.objects.filter(organization=org, name=dept_name).first()
            if dept is None:
                row.errors.append(f"组织“{org_name}”下没有部门“{dept_name}”")
        post = None
        post_name = str(raw.get("岗位") or "").strip()
        if post_name:
            post = posts.get(post_name)
            if post is None:
                row.errors.append(f"未知岗位“{post_name}”")
        level_text = str(raw.get("劳模级别") or "").strip()
        level = LEVEL_WORDS.get(level_text, "") if level_text else ""
        if level_text and not level:
            row.errors.append(f"劳模级别“{level_text}”无效（可填：{'、'.join(LEVEL_WORDS)}）")
        flags = {}
        for word in str(raw.get("标签") or "").replace("，", ",").replace("、", ",").split(","):
            word = word.strip()
            if not word:
                continue
            if word not in TAG_WORDS:
                row.errors.append(f"标签“{word}”无效（可填：{'、'.join(TAG_WORDS)}）")
            else:
                flags[TAG_WORDS[word]] = True
        data = {
            "name": str(raw.get("姓名") or "").strip(),
            "id_number": str(raw.get("身份证号") or "").strip(),
            "phone": str(raw.get("手机号") or "").strip(),
            "organization": org,
            "department": dept,
            "post": post,
            "model_worker_level": level,
            **flags,
        }
        field_errors = validate_person_fields(data)
        field_errors.pop("organization", None)  # already reported above with the name
        field_errors.pop("department", None)
        row.errors.extend(field_errors.values())
        if "id_number" not in field_errors:
            first = seen_ids.setdefault(data["id_number"], row.number)
            if first != row.number:
                row.errors.append(f"身份证号与第 {first} 行重复")
        row.data = data
    return report


@transaction.atomic
def import_people(*, by, rows: list[dict]) -> list[Person]:
    """Write every row or none: a single bad row means nothing is saved."""
    report = check_import(by=by, rows=rows)
    report.refuse_if_invalid()
    people = []
    for row in report.rows:
        person = Person(**row.data)
        _derive(person)
        person.org_path = row.data["organization"].path
        people.append(person)
    try:
        Person.objects.bulk_create(people, batch_size=500)
    except IntegrityError as exc:
        raise ValidationFailed(
            "导入时发现重复的身份证号（可能刚被他人登记），未写入任何数据"
        ) from exc
    audit.record(
        by=by,
        action=audit.Action.IMPORT,
        summary=f"导入人员 {len(people)} 人",
        details={"count": len(people)},
        org_path=by.scope.org_path,
    )
    return people


def record_sensitive_view(*, by, person: Person) -> None:
    audit.record(
        by=by,
        action=audit.Action.VIEW_SENSITIVE,
        target=person,
        summary=f"查看 {person.name} 的身份证号和手机号",
    )
