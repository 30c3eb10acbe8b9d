"""Writes to people: create, update, and the all-or-nothing Excel import."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonghui.core import audit, idcard, privacy
from gonghui.core.chinese import pinyin_initials, to_simplified
from gonghui.core.concurrency import claim_version
from gonghui.core.exceptions import PermissionDenied, ValidationFailed
from gonghui.core.imports import ImportColumn, ImportSchema, Lookup, RowError, cell_text
from gonghui.organizations.imports import ORGANIZATION_LOOKUP, departments_context, read_department
from gonghui.organizations.models import Organization
from gonghui.organizations.selectors import posts_by_name

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


# --- Whether an ID number may be registered -------------------------------------------------
# ID numbers are unique across the whole federation, so a number registered outside the user's
# scope must still refuse the save, and that refusal is one bit about a record the user cannot
# see. No wording can make a refused save look like a successful one, so the answer is bounded
# instead: a duplicate is named only inside the user's scope (that person is in their list
# anyway); outside it the message is neutral and never says the number exists. Every hit, in
# or out of scope, is audited and spends the user's budget of sensitive lookups; once the
# budget is spent every number gets the same refusal without a query, so from then on the
# answer does not depend on whether the number exists. A miss costs nothing: it is what every
# legitimate registration looks like and it discloses nobody.

ID_NUMBER = "id_number"


def _id_taken_elsewhere() -> str:
    return _("该身份证号不能在此登记，请联系省总工会管理员核实")


def _id_checks_exhausted() -> str:
    return _("身份证号核对过于频繁，请稍后再试或联系省总工会管理员")


def id_number_conflicts(*, by, numbers, exclude_pk=None) -> dict[str, str]:
    """{number: message} for the numbers (already normalised) that cannot be registered."""
    numbers = list(dict.fromkeys(n for n in numbers if n))
    if not numbers:
        return {}
    if not privacy.lookup_allowed(by, ID_NUMBER):
        return dict.fromkeys(numbers, _id_checks_exhausted())
    existing: dict[str, Person] = {}
    for start in range(0, len(numbers), 500):
        qs = Person.objects.filter(id_number__in=numbers[start : start + 500])
        if exclude_pk:
            qs = qs.exclude(pk=exclude_pk)
        for person in qs.select_related("organization").only(
            "id", "name", "id_number", "org_path", "organization__name"
        ):
            existing[person.id_number] = person
    if not existing:
        return {}
    hit_ids = [p.pk for p in existing.values()]
    visible = set()
    for start in range(0, len(hit_ids), 500):
        visible.update(
            Person.objects.visible_to(by)
            .filter(pk__in=hit_ids[start : start + 500])
            .values_list("pk", flat=True)
        )
    conflicts: dict[str, str] = {}
    allowed = True
    # In file order: once the budget runs out, this number and every later one get the same
    # refusal whether or not they exist.
    for number in numbers:
        if not allowed:
            conflicts[number] = _id_checks_exhausted()
            continue
        person = existing.get(number)
        if person is None:
            continue
        masked = privacy.mask_id_number(number)
        if person.pk in visible:
            conflicts[number] = _("身份证号已登记：%(name)s（%(org)s），不能重复登记") % {
                "name": person.name,
                "org": person.organization.name,
            }
            privacy.record_lookup(
                by=by,
                kind=ID_NUMBER,
                value=number,
                target=person,
                summary=_("核对身份证号 %(value)s：已登记为 %(name)s")
                % {"value": masked, "name": person.name},
            )
        else:
            conflicts[number] = _id_taken_elsewhere()
            privacy.record_lookup(
                by=by,
                kind=ID_NUMBER,
                value=number,
                summary=_("核对身份证号 %(value)s：不能在此登记") % {"value": masked},
            )
        allowed = privacy.lookup_allowed(by, ID_NUMBER)
    return conflicts


def validate_person_fields(data: dict, *, by, exclude_pk=None, check_id_taken: bool = True) -> dict:
    """Clean values and return {field: message} errors (empty when valid)."""
    errors = {}
    name = (data.get("name") or "").strip()
    if not name:
        errors["name"] = _("请填写姓名")
    elif len(name) > 50:
        errors["name"] = _("姓名过长")
    try:
        data["id_number"] = idcard.validate_id_number(data.get("id_number") or "")
    except idcard.InvalidIdNumber as exc:
        errors["id_number"] = str(exc)
    else:
        if check_id_taken:
            conflict = id_number_conflicts(
                by=by, numbers=[data["id_number"]], exclude_pk=exclude_pk
            )
            if conflict:
                errors["id_number"] = conflict[data["id_number"]]
    phone = (data.get("phone") or "").strip()
    if phone and not (phone.isdigit() and 7 <= len(phone) <= 12):
        errors["phone"] = _("手机号应为7至12位数字")
    dept = data.get("department")
    org = data.get("organization")
    if dept is not None and org is not None and dept.organization_id != org.pk:
        errors["department"] = _("部门不属于所选组织")
    if org is None:
        errors["organization"] = _("请选择所属组织")
    return errors


def _check_scope(by, organization: Organization) -> None:
    if not can_edit_people_of(by, organization):
        raise PermissionDenied(_("您无权管理该组织的人员"))


# Create, update and import validate before their transaction opens: the audit entry of a
# duplicate check must survive the refusal it leads to.


def create_person(*, by, **data) -> Person:
    if data.get("organization") is not None:
        _check_scope(by, data["organization"])
    errors = validate_person_fields(data, by=by)
    if errors:
        raise ValidationFailed(_("人员信息有误"), errors=errors)
    person = Person(**{k: v for k, v in data.items() if k in EDITABLE})
    _derive(person)
    with transaction.atomic():
        try:
            with transaction.atomic():
                person.save()
        except IntegrityError as exc:  # a concurrent insert of the same number, maybe elsewhere
            raise ValidationFailed(
                _id_taken_elsewhere(), errors={"id_number": _id_taken_elsewhere()}
            ) from exc
        audit.record(by=by, action=audit.Action.CREATE, target=person, summary=f"新建人员 {person}")
    return person


def update_person(*, by, person: Person, version: str | None = None, **data) -> Person:
    _check_scope(by, person.organization)
    if data.get("organization") is not None:
        _check_scope(by, data["organization"])
    merged = {k: getattr(person, k) for k in EDITABLE} | data
    # An unchanged number is the person's own: no lookup, no budget spent.
    new_number = idcard.normalize_id_number(merged.get("id_number") or "")
    errors = validate_person_fields(
        merged, by=by, exclude_pk=person.pk, check_id_taken=new_number != person.id_number
    )
    if errors:
        raise ValidationFailed(_("人员信息有误"), errors=errors)
    changed = [k for k in EDITABLE if k in data and getattr(person, k) != merged[k]]
    for key in changed:
        setattr(person, key, merged[key])
    _derive(person)
    with transaction.atomic():
        claim_version(person, version)
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

TAG_WORDS = {"志愿者": "is_volunteer", "困难职工": "is_needy", "联络员": "is_liaison"}
LEVEL_WORDS = {label: value for value, label in Person.ModelWorkerLevel.choices if value}


def _level(value) -> str:
    text = cell_text(value)
    if text not in LEVEL_WORDS:
        raise RowError(
            _("劳模级别“%(value)s”无效（可填：%(choices)s）")
            % {"value": text, "choices": "、".join(LEVEL_WORDS)}
        )
    return LEVEL_WORDS[text]


class PeopleImport(ImportSchema):
    """People from Excel: organisations by name within the importer's scope, ID numbers
    checked in the file and against the register through the bounded, audited lookup."""

    name = "people"
    title = gettext_lazy("人员导入")
    columns = [
        ImportColumn("姓名", "name", example="张建华"),
        # The example's ID number carries a valid checksum so the row imports as is.
        ImportColumn("身份证号", "id_number", example="410102198506154519"),
        ImportColumn("手机号", "phone", example="13803711234"),
        ImportColumn(
            "所属组织",
            "organization",
            required=gettext_lazy("所属组织为空"),
            lookup="organization",
            default=None,
            example="郑州市总工会",
        ),
        ImportColumn("部门"),
        ImportColumn("岗位", "post", lookup="post", default=None),
        ImportColumn("劳模级别", "model_worker_level", parse=_level),
        ImportColumn("标签", example="志愿者"),
    ]
    lookups = {
        "organization": ORGANIZATION_LOOKUP,
        "post": Lookup(
            find=lambda by, names: posts_by_name(names), unknown=gettext_lazy("未知岗位“%(name)s”")
        ),
    }
    help_rows = [
        gettext_lazy("每行一人；“姓名”“身份证号”“所属组织”必填。"),
        gettext_lazy("身份证号须为18位并通过校验码检查，且不能与已登记人员重复。"),
        gettext_lazy("“所属组织”填组织全称，须在您的管理范围内；“部门”须是该组织下已有的部门。"),
        gettext_lazy(
            "“劳模级别”可填：全国劳模、省部级劳模、市厅级劳模、工匠；“标签”可填：志愿者、困难职工、联络员（多个用顿号分隔）。"
        ),
        gettext_lazy("文件中只要有一行有错误，就不会写入任何数据；请按提示改正后重新上传。"),
    ]
    preview = [
        (gettext_lazy("姓名"), lambda r: r.values.get("姓名")),
        (gettext_lazy("身份证号"), lambda r: privacy.mask_id_number(r.data.get("id_number"))),
        (gettext_lazy("所属组织"), lambda r: r.values.get("所属组织")),
    ]

    def prepare(self, *, by, found):
        return departments_context(found) | {"seen_ids": {}}

    def clean_row(self, row, *, by, context):
        data = row.data
        read_department(row, context)
        for word in (
            cell_text(row.values.get("标签")).replace("，", ",").replace("、", ",").split(",")
        ):
            word = word.strip()
            if word in TAG_WORDS:
                data[TAG_WORDS[word]] = True
            elif word:
                row.errors.append(
                    _("标签“%(word)s”无效（可填：%(choices)s）")
                    % {"word": word, "choices": "、".join(TAG_WORDS)}
                )
        # Whether the number is taken is answered for the whole file at once, in check_file.
        field_errors = validate_person_fields(data, by=by, check_id_taken=False)
        field_errors.pop("organization", None)  # reported with the name by the lookup
        field_errors.pop("department", None)
        row.errors.extend(field_errors.values())
        if "id_number" not in field_errors:
            first = context["seen_ids"].setdefault(data["id_number"], row.number)
            if first != row.number:
                row.errors.append(_("身份证号与第 %(n)s 行重复") % {"n": first})

    def check_file(self, report, *, by, context):
        seen_ids = context["seen_ids"]
        conflicts = id_number_conflicts(by=by, numbers=list(seen_ids))
        for row in report.rows:
            number = row.data.get("id_number")
            if number in conflicts and seen_ids.get(number) == row.number:
                row.errors.append(conflicts[number])

    def save(self, rows, *, by):
        people = []
        for row in rows:
            person = Person(**row.data)
            _derive(person)
            person.org_path = row.data["organization"].path
            people.append(person)
        # Written organisation by organisation: each takes its people-count row in the same
        # order in every import, so two imports at once wait for each other, never deadlock.
        try:
            with transaction.atomic():
                Person.objects.bulk_create(sorted(people, key=lambda p: p.org_path), batch_size=500)
        except IntegrityError as exc:
            raise ValidationFailed(
                _("导入时发现重复的身份证号（可能刚被他人登记），未写入任何数据")
            ) from exc
        return people

    def audit_summary(self, count: int) -> str:
        return _("导入人员 %(n)s 人") % {"n": count}


PEOPLE_IMPORT = PeopleImport()
IMPORT_HEADERS = PEOPLE_IMPORT.headers
check_import = PEOPLE_IMPORT.check
import_people = PEOPLE_IMPORT.confirm


SENSITIVE_FIELDS = ("id_number", "phone")


def reveal_sensitive(*, by, person: Person) -> dict[str, str]:
    """The person's full ID number and phone, once, audited; needs the permission."""
    return privacy.reveal(by=by, target=person, fields=SENSITIVE_FIELDS, what=_("身份证号和手机号"))
