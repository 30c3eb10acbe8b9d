"""Writes of the assistance app: archives and their workflow (one service per verb), the
province-wide duplicate check, the audited reveal with a stated reason, relief records with
reversing entries, distribution batches within their budget, enterprises and model workers."""

import datetime as dt
import re
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core import audit, idcard, privacy, workflow
from gonghui.core.batches import chunks_by_pk
from gonghui.core.chinese import pinyin_initials, to_simplified
from gonghui.core.concurrency import claim_version
from gonghui.core.exceptions import InvalidTransition, PermissionDenied, ValidationFailed
from gonghui.core.files import check_upload
from gonghui.notices import services as notices
from gonghui.notices.models import Notice
from gonghui.organizations.models import Organization
from gonghui.people.models import Person

from . import encryption, permissions, tallies
from .models import (
    Archive,
    ArchiveAttachment,
    ArchiveMember,
    Batch,
    BatchEntry,
    Beneficiary,
    Enterprise,
    FundSource,
    HardshipReason,
    ModelWorker,
    Programme,
    RegionSetting,
    ReliefRecord,
    Tier,
    TierRule,
)
from .workflow import (
    BATCH_TRANSITIONS,
    EDITABLE_STATUSES,
    OPEN_STATUSES,
    TRANSITIONS,
    BatchStatus,
    Status,
)

PHONE_RE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")
ACCOUNT_RE = re.compile(r"^\d{10,25}$")
MAX_FEN = 10**12


def province_path_of(org_path: str) -> str:
    """The province's path (national federation, then province): duplicates are refused
    across it."""
    return org_path[:16]


def _require(by, perm: str, message: str) -> None:
    if not (getattr(by, "is_authenticated", False) and by.has_perm(perm)):
        raise PermissionDenied(message)


def _in_scope(by, organization: Organization) -> None:
    if not Organization.objects.visible_to(by).filter(pk=organization.pk).exists():
        raise PermissionDenied(_("所选组织不在您的管理范围内"))


def _fail(field: str, message: str):
    raise ValidationFailed(message, field=field, errors={field: message})


# --- Tiers ----------------------------------------------------------------------------------


def per_capita_fen(monthly_income_fen: int, household_size: int) -> int:
    return monthly_income_fen // max(1, household_size)


def propose_tier(*, province_path: str, per_capita: int, standard: int, reason_codes) -> str:
    """The tier the province's rules (or the default rules) propose; "" when none matches."""
    rules = list(
        TierRule.objects.filter(province__path=province_path).prefetch_related("reasons")
    ) or list(TierRule.objects.filter(province__isnull=True).prefetch_related("reasons"))
    reason_codes = set(reason_codes)
    for rule in sorted(rules, key=lambda r: (r.priority, r.pk)):
        limit = rule.max_income_percent
        if limit is not None and (not standard or per_capita * 100 > standard * limit):
            continue
        wanted = {r.code for r in rule.reasons.all()}
        if wanted and not wanted & reason_codes:
            continue
        return rule.tier
    return ""


def region_setting(province_path: str) -> RegionSetting | None:
    return RegionSetting.objects.filter(province__path=province_path).first()


# --- Duplicates -----------------------------------------------------------------------------


def _duplicate_message(by, archive: Archive | None) -> str:
    if archive is not None and Archive.objects.visible_to(by).filter(pk=archive.pk).exists():
        return _("已有未结束的困难职工档案（%(number)s，%(org)s），不能重复建档") % {
            "number": archive.number,
            "org": archive.organization.name,
        }
    # Outside the user's scope: say only that an archive exists and whom to ask.
    return _(
        "该身份证号已在本省其他单位建有困难职工档案，不能重复建档；如需转档或核实，"
        "请联系省总工会帮扶部门"
    )


def duplicate_errors(
    *, by, province_path: str, numbers: dict[str, str], exclude_archive=None
) -> dict[str, str]:
    """{field: message} for each ID number (field → number) already in an open archive of the
    province, as a worker or a household member."""
    hashes = {field: encryption.blind_index(n) for field, n in numbers.items() if n}
    if not hashes:
        return {}
    found: dict[str, Archive] = {}
    workers = Archive.objects.filter(
        province_path=province_path, id_hash__in=hashes.values(), status__in=OPEN_STATUSES
    ).select_related("organization")
    members = ArchiveMember.objects.filter(
        province_path=province_path,
        id_hash__in=hashes.values(),
        archive__status__in=OPEN_STATUSES,
    ).select_related("archive__organization")
    if exclude_archive is not None:
        workers = workers.exclude(pk=exclude_archive.pk)
        members = members.exclude(archive=exclude_archive)
    for archive in workers.only("id", "number", "id_hash", "org_path", "organization__name"):
        found[archive.id_hash] = archive
    for member in members:
        found.setdefault(member.id_hash, member.archive)
    errors = {}
    for field, digest in hashes.items():
        if digest in found:
            errors[field] = _duplicate_message(by, found[digest])
    # Twice in the same household.
    seen = {}
    for field, digest in hashes.items():
        if digest in seen:
            errors[field] = _("同一身份证号在本户中重复填写")
        seen[digest] = field
    return errors


# --- Archives -------------------------------------------------------------------------------


@dataclass
class MemberData:
    name: str
    relation: str
    id_number: str = ""
    health: str = ""
    occupation: str = ""
    school: str = ""


def _clean_members(members) -> list[MemberData]:
    cleaned = []
    for i, raw in enumerate(members or []):
        data = raw if isinstance(raw, MemberData) else MemberData(**raw)
        name = to_simplified((data.name or "").strip())[:50]
        if not name:
            continue
        number = ""
        if data.id_number:
            try:
                number = idcard.validate_id_number(data.id_number)
            except idcard.InvalidIdNumber as exc:
                _fail(
                    f"member_{i}", _("家庭成员%(name)s：%(error)s") % {"name": name, "error": exc}
                )
        occupation = data.occupation if data.occupation in ArchiveMember.Occupation.values else ""
        cleaned.append(
            MemberData(
                name=name,
                relation=(data.relation or "").strip()[:20] or _("家庭成员"),
                id_number=number,
                health=(data.health or "").strip()[:200],
                occupation=occupation,
                school=(data.school or "").strip()[:60],
            )
        )
    return cleaned


def _clean_archive(data: dict) -> dict:
    errors = {}
    name = to_simplified((data.get("worker_name") or "").strip())
    if not name or len(name) > 50:
        errors["worker_name"] = _("请填写职工姓名（50字以内）")
    try:
        data["id_number"] = idcard.validate_id_number(data.get("id_number") or "")
    except idcard.InvalidIdNumber as exc:
        errors["id_number"] = str(exc)
    phone = re.sub(r"\s", "", data.get("phone") or "")
    if phone and not PHONE_RE.match(phone):
        errors["phone"] = _("请填写正确的手机号（11位）或固定电话")
    account = re.sub(r"\s", "", data.get("bank_account") or "")
    if account and not ACCOUNT_RE.match(account):
        errors["bank_account"] = _("银行账号应为10至25位数字")
    size = data.get("household_size") or 0
    if not 1 <= int(size) <= 30:
        errors["household_size"] = _("家庭人口应在1至30之间")
    income = data.get("monthly_income_fen")
    if income is None or not 0 <= int(income) < MAX_FEN:
        errors["monthly_income_fen"] = _("请填写家庭月收入")
    standard = data.get("local_standard_fen")
    if not standard or not 0 < int(standard) < MAX_FEN:
        errors["local_standard_fen"] = _("请填写当地最低生活保障标准")
    if data.get("housing") and data["housing"] not in Archive.Housing.values:
        errors["housing"] = _("请选择住房情况")
    if errors:
        raise ValidationFailed(_("档案信息有误"), errors=errors)
    data["worker_name"] = name
    data["phone"] = phone
    data["bank_account"] = account
    return data


def _reasons(values) -> list[HardshipReason]:
    if not values:
        return []
    codes = [v.code if isinstance(v, HardshipReason) else str(v) for v in values]
    found = list(HardshipReason.objects.filter(code__in=codes, is_active=True))
    if len(found) != len(set(codes)):
        _fail("reasons", _("致困原因无效"))
    return found


def _next_number(organization: Organization) -> str:
    year = timezone.localdate().year
    prefix = f"KN{year}"
    # Unique column: a concurrent insert with the same number fails and is retried by caller.
    last = (
        Archive.objects.filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    seq = int(last[len(prefix) :]) + 1 if last else 1
    return f"{prefix}{seq:07d}"


ARCHIVE_FIELDS = (
    "worker_name",
    "gender",
    "id_number",
    "phone",
    "address",
    "health",
    "bank_name",
    "bank_account",
    "household_size",
    "local_standard_fen",
    "housing",
    "situation",
)


def _fill(archive: Archive, data: dict, reasons: list[HardshipReason]) -> None:
    for name in ARCHIVE_FIELDS:
        if name in data:
            setattr(archive, name, data[name] if data[name] is not None else "")
    archive.gender = archive.gender or idcard.gender(archive.id_number)
    archive.monthly_income = str(int(data["monthly_income_fen"]))
    archive.name_initials = pinyin_initials(archive.worker_name)
    archive.id_hash = encryption.blind_index(archive.id_number)
    # The worker's own record in the people register, when there is one with this number.
    archive.person_id = (
        Person.objects.filter(id_number=archive.id_number).values_list("pk", flat=True).first()
    )
    archive.proposed_tier = propose_tier(
        province_path=archive.province_path,
        per_capita=per_capita_fen(int(data["monthly_income_fen"]), archive.household_size),
        standard=archive.local_standard_fen,
        reason_codes=[r.code for r in reasons],
    )


def _save_members(archive: Archive, members: list[MemberData]) -> None:
    archive.members.all().delete()
    ArchiveMember.objects.bulk_create(
        [
            ArchiveMember(
                archive=archive,
                province_path=archive.province_path,
                name=m.name,
                relation=m.relation,
                id_number=m.id_number,
                id_hash=encryption.blind_index(m.id_number),
                health=m.health,
                occupation=m.occupation,
                school=m.school,
            )
            for m in members
        ]
    )


def _check_duplicates(by, archive: Archive, members: list[MemberData], exclude=None) -> None:
    numbers = {"id_number": archive.id_number}
    numbers.update({f"member_{i}": m.id_number for i, m in enumerate(members) if m.id_number})
    errors = duplicate_errors(
        by=by, province_path=archive.province_path, numbers=numbers, exclude_archive=exclude
    )
    if errors:
        first = next(iter(errors.values()))
        raise ValidationFailed(first, errors=errors)


def create_archive(*, by, organization: Organization, reasons=(), members=(), **data) -> Archive:
    """录入: a new archive in the worker's grassroots union, refused when the worker or a
    member already has an open archive anywhere in the province."""
    _require(by, permissions.ENTER, _("您无权录入困难职工档案"))
    _in_scope(by, organization)
    data = _clean_archive(dict(data))
    reasons = _reasons(reasons)
    members = _clean_members(members)
    archive = Archive(
        organization=organization,
        org_path=organization.path,
        province_path=province_path_of(organization.path),
        created_by=by,
        status=Status.DRAFT,
    )
    _fill(archive, data, reasons)
    _check_duplicates(by, archive, members)
    with transaction.atomic():
        for attempt in range(3):
            archive.number = _next_number(organization)
            try:
                with transaction.atomic():
                    archive.save()
                break
            except IntegrityError:
                if attempt == 2:
                    raise
        archive.reasons.set(reasons)
        _save_members(archive, members)
        workflow.log(archive, table=TRANSITIONS, verb="enter", by=by, source="")
        audit.record(
            by=by, action=audit.Action.CREATE, target=archive, summary=f"录入困难职工档案 {archive}"
        )
    return archive


def update_archive(
    *, by, archive: Archive, version: str | None = None, reasons=(), members=None, **data
) -> Archive:
    """Edit an archive still being entered or returned for correction."""
    _require(by, permissions.EDIT, _("您无权修改困难职工档案"))
    if archive.status not in EDITABLE_STATUSES:
        raise InvalidTransition(_("档案已提交审核，不能修改；如需修改请由审核人退回"))
    merged = {name: getattr(archive, name) for name in ARCHIVE_FIELDS}
    merged["monthly_income_fen"] = int(archive.monthly_income or 0)
    merged.update({k: v for k, v in data.items() if v is not None})
    merged = _clean_archive(merged)
    reasons = _reasons(reasons)
    cleaned_members = (
        _clean_members(members)
        if members is not None
        else [
            MemberData(m.name, m.relation, m.id_number, m.health, m.occupation, m.school)
            for m in archive.members.all()
        ]
    )
    _fill(archive, merged, reasons)
    _check_duplicates(by, archive, cleaned_members, exclude=archive)
    with transaction.atomic():
        claim_version(archive, version)
        archive.save()
        archive.reasons.set(reasons)
        _save_members(archive, cleaned_members)
        audit.record(
            by=by, action=audit.Action.UPDATE, target=archive, summary=f"修改困难职工档案 {archive}"
        )
    return archive


def _apply(archive: Archive, verb: str, *, by, note: str = "", fields=None, **kw) -> Archive:
    _require(by, permissions.VERB_PERMISSIONS[verb], _("您无权执行该操作"))
    return workflow.apply(
        archive, table=TRANSITIONS, verb=verb, by=by, note=(note or "")[:300], fields=fields, **kw
    )


def submit_archive(*, archive: Archive, by, note: str = "") -> Archive:
    return _apply(archive, "submit", by=by, note=note)


def withdraw_archive(*, archive: Archive, by, note: str = "") -> Archive:
    return _apply(archive, "withdraw", by=by, note=note)


def review_archive(*, archive: Archive, by, note: str = "") -> Archive:
    """基层审核 by the grassroots union (or anyone above it with the permission)."""
    return _apply(archive, "review", by=by, note=note)


APPROVER_KINDS = {
    RegionSetting.ApprovalLevel.COUNTY: {"county", "city", "provincial", "national"},
    RegionSetting.ApprovalLevel.CITY: {"city", "provincial", "national"},
}


def approve_archive(*, archive: Archive, by, note: str = "") -> Archive:
    """上级审批: by a union above the archive's, at the level the province configures."""
    _require(by, permissions.APPROVE, _("您无权审批困难职工档案"))
    setting = region_setting(archive.province_path)
    level = setting.approval_level if setting else RegionSetting.ApprovalLevel.COUNTY
    org = by.organization
    if not by.is_superuser:
        if org is None or org.path == archive.org_path or not archive.org_path.startswith(org.path):
            raise PermissionDenied(_("困难职工档案须由上级工会审批"))
        if org.kind not in APPROVER_KINDS[level]:
            raise PermissionDenied(
                _("本省困难职工档案由%(level)s审批")
                % {"level": RegionSetting.ApprovalLevel(level).label}
            )
    return _apply(archive, "approve", by=by, note=note)


def return_archive(*, archive: Archive, by, note: str) -> Archive:
    note = (note or "").strip()
    if not note:
        _fail("note", _("退回时请填写退回意见"))
    if archive.status == Status.APPROVED:
        _require(by, permissions.APPROVE, _("您无权退回已审批的档案"))
    return _apply(archive, "return", by=by, note=note)


def establish_archive(
    *, archive: Archive, by, tier: str = "", note: str = "", open_notice: bool = False
) -> Archive:
    """建档: a person confirms the tier (the system's proposal unless changed); the yearly
    review falls due after the province's review period."""
    tier = tier or archive.proposed_tier
    if tier not in Tier.values:
        _fail("tier", _("请确认困难类别"))
    setting = region_setting(archive.province_path)
    months = setting.review_months if setting else 12
    today = timezone.localdate()
    with transaction.atomic():  # established and announced together, or neither
        archive = _apply(
            archive,
            "establish",
            by=by,
            note=note,
            fields={
                "tier": tier,
                "tier_confirmed_by": by,
                "established_date": today,
                "review_due_date": _add_months(today, months),
            },
        )
        if open_notice:
            open_archive_notice(archive=archive, by=by)
    return archive


def open_archive_notice(*, archive: Archive, by) -> Notice:
    """公示 of a new archive within its unit through the notices app, de-identified: the name
    masked, the unit and the tier; nothing else of the household reaches the public line."""
    notice = notices.open_notice(
        by=by,
        organization=archive.organization,
        title=_("困难职工建档公示"),
        intro=_("以下职工经申请、基层审核和上级审批，拟建立困难职工档案，现予公示。"),
        entries=[
            {
                "name": archive.worker_name,  # masked by the notices app, never stored whole
                "unit": archive.organization.name,
                "detail": archive.get_tier_display(),
                "ref_id": archive.pk,
            }
        ],
        source=archive,
        source_label=_("帮扶建档"),
    )
    Archive.objects.filter(pk=archive.pk).update(notice_opened=True)
    archive.notice_opened = True
    return notice


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def recheck_archive(*, archive: Archive, by, note: str = "", tier: str = "") -> Archive:
    """年度复核: the archive stays open; the next review falls due a period later."""
    fields = {}
    if tier:
        if tier not in Tier.values:
            _fail("tier", _("请确认困难类别"))
        fields.update(tier=tier, tier_confirmed_by=by)
    setting = region_setting(archive.province_path)
    months = setting.review_months if setting else 12
    fields["review_due_date"] = _add_months(timezone.localdate(), months)
    return _apply(archive, "recheck", by=by, note=note or _("年度复核"), fields=fields)


def exit_archive(*, archive: Archive, by, reason: str, note: str = "") -> Archive:
    """解困脱困 with the reason; an exited archive is never paid again."""
    if reason not in Archive.ExitReason.values:
        _fail("reason", _("请选择解困原因"))
    label = Archive.ExitReason(reason).label
    return _apply(
        archive,
        "exit",
        by=by,
        note=f"{label}：{note}" if note else str(label),
        fields={"exit_reason": reason, "exited_date": timezone.localdate()},
    )


def relocate_archive(
    *, archive: Archive, by, organization: Organization, note: str = ""
) -> Archive:
    """转档: the worker moved employer; the archive goes to the new grassroots union."""
    _in_scope(by, organization)
    if province_path_of(organization.path) != archive.province_path:
        _fail("organization", _("跨省转档请由原档案所在省总工会办理"))
    if organization.pk == archive.organization_id:
        _fail("organization", _("请选择新的所属工会"))
    old = archive.organization.name
    archive = _apply(
        archive,
        "relocate",
        by=by,
        note=_("由 %(old)s 转至 %(new)s。%(note)s")
        % {"old": old, "new": organization.name, "note": note},
        fields={"organization": organization, "org_path": organization.path},
    )
    ArchiveMember.objects.filter(archive=archive).update(province_path=archive.province_path)
    return archive


def note_verb(*, archive: Archive, verb: str, by, note: str = "") -> Archive:
    """The verbs that take only a note."""
    verbs = {
        "submit": submit_archive,
        "withdraw": withdraw_archive,
        "review": review_archive,
        "approve": approve_archive,
        "return": return_archive,
        "recheck": recheck_archive,
    }
    if verb not in verbs:
        raise InvalidTransition(_("未知操作：%(verb)s") % {"verb": verb})
    return verbs[verb](archive=archive, by=by, note=note)


def add_attachment(*, archive: Archive, by, upload) -> ArchiveAttachment:
    """证明材料, checked by its content (PDF or image)."""
    _require(by, permissions.EDIT, _("您无权上传证明材料"))
    checked = check_upload(upload, allowed={"pdf", "jpg", "png"})
    stored = ArchiveAttachment.file.field.storage.save(
        f"assistance/attachments/{checked.safe_name}", upload
    )
    with transaction.atomic():
        attachment = ArchiveAttachment.objects.create(
            archive=archive,
            file=stored,
            name=checked.original_name[:120],
            sha256=checked.sha256,
            size=checked.size,
            uploaded_by=by,
        )
        audit.record(
            by=by,
            action=audit.Action.UPDATE,
            target=archive,
            summary=f"上传证明材料 {attachment.name}",
        )
    return attachment


# --- The reveal with a stated reason ------------------------------------------------------

SENSITIVE_LABELS = {
    "id_number": "身份证号",
    "phone": "联系电话",
    "address": "家庭住址",
    "health": "健康状况",
    "bank_account": "银行账号",
    "monthly_income": "家庭收入",
    "situation": "困难情况",
}


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if len(reason) < 2:
        _fail("reason", _("查看敏感信息须填写查看事由"))
    return reason[:200]


def reveal_archive(*, by, archive: Archive, reason: str) -> dict:
    """The household's unmasked data, once: needs the permission and a stated reason; the
    audit entry names the reason and is listed on the archive ("who saw this household")."""
    privacy.require_sensitive(by, permissions.SENSITIVE, _("您没有查看帮扶对象敏感信息的权限"))
    reason = _require_reason(reason)
    values = privacy.reveal(
        by=by,
        target=archive,
        fields=Archive.SENSITIVE,
        what=_("敏感信息"),
        permission=permissions.SENSITIVE,
        message=_("您没有查看帮扶对象敏感信息的权限"),
        reason=reason,
        summary=_("查看 %(target)s 的敏感信息，事由：%(reason)s")
        % {"target": archive, "reason": reason},
    )
    values["worker_name"] = archive.worker_name
    values["members"] = [
        {"name": m.name, "relation": m.relation, "id_number": m.id_number, "health": m.health}
        for m in archive.members.all()
    ]
    return values


def record_sensitive_export(*, by, what: str, reason: str, org_path: str, archives=()) -> None:
    """An export or a batch file with unmasked data: one entry for the export, and one per
    archive it holds so each household's list of readers is complete."""
    from gonghui.exports import services as export_services

    reason = _require_reason(reason)
    ids = list(archives)
    paths = {}
    for start in range(0, len(ids), 5000):  # each household's entry carries its own scope
        paths.update(
            Archive.objects.filter(pk__in=ids[start : start + 5000]).values_list("pk", "org_path")
        )
    export_services.record_unmasked_file(
        by=by,
        summary=_("%(what)s，事由：%(reason)s") % {"what": what, "reason": reason},
        org_path=org_path,
        permission=permissions.SENSITIVE,
        message=_("您没有导出敏感个人信息的权限"),
        detail={"reason": reason},
        target_type="assistance.archive",
        target_paths={pk: paths.get(pk, "") for pk in ids},
    )


# --- Relief records --------------------------------------------------------------------------


def _money(value, field: str, *, allow_zero=True) -> int:
    try:
        fen = int(value or 0)
    except (TypeError, ValueError):
        _fail(field, _("金额无效"))
    if fen < 0 or fen >= MAX_FEN or (not allow_zero and fen == 0):
        _fail(field, _("金额无效"))
    return fen


def record_relief(
    *,
    by,
    organization: Organization,
    programme: str,
    fund_source: str,
    given_date: dt.date,
    archive: Archive | None = None,
    model_worker: ModelWorker | None = None,
    enterprise: Enterprise | None = None,
    beneficiary: str = "",
    amount_fen: int = 0,
    goods_value_fen: int = 0,
    goods: str = "",
    headcount: int = 1,
    student_name: str = "",
    school: str = "",
    grade: str = "",
    handed_over_by: str = "",
    note: str = "",
    batch: Batch | None = None,
    save: bool = True,
) -> ReliefRecord:
    """One relief or care given, to an archive, a model worker, an enterprise or a group."""
    _require(by, permissions.RELIEF, _("您无权登记帮扶记录"))
    if programme not in Programme.values:
        _fail("programme", _("请选择帮扶项目"))
    if fund_source not in FundSource.values:
        _fail("fund_source", _("请选择资金来源"))
    if archive is not None:
        if archive.status != Status.ACTIVE:
            _fail("archive", _("只能对在档的困难职工发放帮扶"))
        beneficiary = Beneficiary.HOUSEHOLD
        organization = archive.organization
    elif model_worker is not None:
        beneficiary = Beneficiary.MODEL_WORKER
        organization = model_worker.organization
    elif enterprise is not None:
        beneficiary = Beneficiary.ENTERPRISE
        organization = enterprise.organization
    elif beneficiary not in Beneficiary.values:
        beneficiary = Beneficiary.WORKER
    if given_date > timezone.localdate():
        _fail("given_date", _("日期不能晚于今天"))
    try:
        headcount = int(headcount)
    except (TypeError, ValueError):
        headcount = 0
    if not 1 <= headcount <= 1_000_000:
        _fail("headcount", _("人数应在1至1000000之间"))
    record = ReliefRecord(
        organization=organization,
        org_path=organization.path,
        programme=programme,
        beneficiary=beneficiary,
        archive=archive,
        model_worker=model_worker,
        enterprise=enterprise,
        batch=batch,
        fund_source=fund_source,
        amount_fen=_money(amount_fen, "amount_fen"),
        goods_value_fen=_money(goods_value_fen, "goods_value_fen"),
        goods=(goods or "").strip()[:100],
        headcount=headcount,
        student_name=(student_name or "").strip()[:50],
        school=(school or "").strip()[:60],
        grade=(grade or "").strip()[:20],
        given_date=given_date,
        handed_over_by=(handed_over_by or "").strip()[:50],
        note=(note or "").strip()[:200],
        created_by=by,
    )
    if save:
        _in_scope(by, organization)
        with transaction.atomic():
            record.save()
            tallies.record_written([record])
            audit.record(
                by=by,
                action=audit.Action.CREATE,
                target=record,
                summary=f"登记帮扶记录 {record}",
            )
    return record


def reverse_relief(*, by, record: ReliefRecord, note: str) -> ReliefRecord:
    """Correct a relief record by a reversing entry (opposite amount and headcount); the
    original is never edited or deleted, and is reversed at most once."""
    _require(by, permissions.RELIEF, _("您无权冲正帮扶记录"))
    note = (note or "").strip()
    if not note:
        _fail("note", _("冲正时请填写原因"))
    if record.reverses_id is not None:
        raise InvalidTransition(_("冲正记录不能再次冲正"))
    reversal = ReliefRecord(
        organization_id=record.organization_id,
        org_path=record.org_path,
        programme=record.programme,
        beneficiary=record.beneficiary,
        archive_id=record.archive_id,
        model_worker_id=record.model_worker_id,
        enterprise_id=record.enterprise_id,
        batch_id=record.batch_id,
        fund_source=record.fund_source,
        amount_fen=-record.amount_fen,
        goods_value_fen=-record.goods_value_fen,
        goods=record.goods,
        headcount=-record.headcount,
        given_date=timezone.localdate(),
        handed_over_by=record.handed_over_by,
        note=_("冲正：%(note)s") % {"note": note[:150]},
        reverses=record,
        created_by=by,
    )
    try:
        with transaction.atomic():
            reversal.save()
            tallies.record_written([reversal])
            audit.record(
                by=by,
                action=audit.Action.CREATE,
                target=reversal,
                summary=f"冲正帮扶记录 {record.pk}",
            )
    except IntegrityError as exc:
        raise InvalidTransition(_("该记录已冲正")) from exc
    return reversal


# --- Needy enterprises and model workers ----------------------------------------------------


def create_enterprise(
    *, by, organization: Organization, name: str, reason: str, num_workers_affected: int = 0
) -> Enterprise:
    _require(by, permissions.ENTERPRISE, _("您无权登记困难企业"))
    _in_scope(by, organization)
    name = to_simplified((name or "").strip())
    if not name:
        _fail("name", _("请填写企业名称"))
    enterprise = Enterprise.objects.create(
        organization=organization,
        org_path=organization.path,
        name=name[:100],
        reason=(reason or "").strip()[:200],
        num_workers_affected=max(0, int(num_workers_affected or 0)),
        created_by=by,
    )
    audit.record(
        by=by, action=audit.Action.CREATE, target=enterprise, summary=f"登记困难企业 {name}"
    )
    return enterprise


def create_model_worker(
    *,
    by,
    organization: Organization,
    name: str,
    level: str,
    title: str,
    year_awarded: int,
    living_status: str = ModelWorker.Living.WORKING,
    income_band: str = ModelWorker.IncomeBand.NORMAL,
) -> ModelWorker:
    _require(by, permissions.MODEL_WORKER, _("您无权登记劳模档案"))
    _in_scope(by, organization)
    name = to_simplified((name or "").strip())
    if not name:
        _fail("name", _("请填写姓名"))
    if level not in ModelWorker.Level.values:
        _fail("level", _("请选择劳模级别"))
    if income_band not in ModelWorker.IncomeBand.values:
        _fail("income_band", _("请选择收入状况"))
    if living_status not in ModelWorker.Living.values:
        _fail("living_status", _("请选择生活状况"))
    if not 1949 <= int(year_awarded) <= timezone.localdate().year:
        _fail("year_awarded", _("授予年份无效"))
    worker = ModelWorker.objects.create(
        organization=organization,
        org_path=organization.path,
        name=name[:50],
        level=level,
        title=(title or "").strip()[:100] or ModelWorker.Level(level).label,
        year_awarded=int(year_awarded),
        living_status=living_status,
        income_band=income_band,
        created_by=by,
    )
    audit.record(by=by, action=audit.Action.CREATE, target=worker, summary=f"登记劳模档案 {name}")
    return worker


# --- Distribution batches --------------------------------------------------------------------


def plan_batch(
    *,
    by,
    organization: Organization,
    name: str,
    fund_source: str,
    budget_fen: int,
    planned_date: dt.date,
    programme: str = Programme.WARMTH,
) -> Batch:
    _require(by, permissions.BATCH, _("您无权编制发放批次"))
    _in_scope(by, organization)
    name = (name or "").strip()
    if not name:
        _fail("name", _("请填写批次名称"))
    if fund_source not in FundSource.values:
        _fail("fund_source", _("请选择资金来源"))
    if programme not in Programme.values:
        _fail("programme", _("请选择帮扶项目"))
    budget = _money(budget_fen, "budget_fen", allow_zero=False)
    with transaction.atomic():
        batch = Batch.objects.create(
            organization=organization,
            org_path=organization.path,
            name=name[:100],
            programme=programme,
            fund_source=fund_source,
            budget_fen=budget,
            planned_date=planned_date,
            created_by=by,
        )
        workflow.log(batch, table=BATCH_TRANSITIONS, verb="plan", by=by, source="")
        audit.record(
            by=by, action=audit.Action.CREATE, target=batch, summary=f"编制发放批次 {name}"
        )
    return batch


def add_to_batch(*, by, batch: Batch, archive_ids, amount_fen: int) -> int:
    """Put archives (already resolved through the user's scope and the batch's subtree) on the
    batch at `amount_fen` each. Those already on it are skipped (a worker is at most once per
    batch); archives not in 在档 are refused; the batch total may never exceed its budget,
    whoever else adds at the same moment. Returns how many were added."""
    _require(by, permissions.BATCH, _("您无权编制发放批次"))
    amount = _money(amount_fen, "amount_fen", allow_zero=False)
    ids = list(dict.fromkeys(archive_ids))
    if not ids:
        return 0
    present = set()
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        present |= set(
            BatchEntry.objects.filter(batch=batch, archive_id__in=chunk).values_list(
                "archive_id", flat=True
            )
        )
    new = [pk for pk in ids if pk not in present]
    if not new:
        return 0
    active = 0
    low, high = batch.org_path, batch.org_path + "\uffff"
    for start in range(0, len(new), 5000):
        chunk = new[start : start + 5000]
        active += Archive.objects.filter(
            pk__in=chunk, status=Status.ACTIVE, org_path__gte=low, org_path__lt=high
        ).count()
    if active != len(new):
        _fail("archives", _("只能列入本批次所属组织范围内在档的困难职工（已解困的档案不能发放）"))
    total = amount * len(new)
    try:
        with transaction.atomic():
            grown = Batch.objects.filter(
                pk=batch.pk,
                status=BatchStatus.PLANNED,
                total_fen__lte=F("budget_fen") - total,
            ).update(
                total_fen=F("total_fen") + total,
                num_entries=F("num_entries") + len(new),
                updated_at=timezone.now(),
            )
            if not grown:
                current = Batch.objects.get(pk=batch.pk)
                if current.status != BatchStatus.PLANNED:
                    raise InvalidTransition(_("批次已审批或已发放，不能再列入名单"))
                raise ValidationFailed(
                    _("超出批次预算：预算 %(budget)s 元，已列入 %(total)s 元，本次 %(add)s 元")
                    % {
                        "budget": _yuan(current.budget_fen),
                        "total": _yuan(current.total_fen),
                        "add": _yuan(total),
                    },
                    field="amount_fen",
                )
            for start in range(0, len(new), 2000):  # a chunk of instances at a time
                BatchEntry.objects.bulk_create(
                    [
                        BatchEntry(batch=batch, archive_id=pk, amount_fen=amount)
                        for pk in new[start : start + 2000]
                    ]
                )
    except IntegrityError as exc:
        raise ValidationFailed(_("名单中有职工已在本批次中（每人每批次只能发放一次）")) from exc
    audit.record(
        by=by,
        action=audit.Action.UPDATE,
        target=batch,
        summary=f"批次列入 {len(new)} 户，每户 {_yuan(amount)} 元",
    )
    batch.refresh_from_db()
    return len(new)


def remove_from_batch(*, by, batch: Batch, archive_id: int) -> None:
    _require(by, permissions.BATCH, _("您无权编制发放批次"))
    with transaction.atomic():
        entry = BatchEntry.objects.filter(batch=batch, archive_id=archive_id).first()
        if entry is None:
            return
        shrunk = Batch.objects.filter(pk=batch.pk, status=BatchStatus.PLANNED).update(
            total_fen=F("total_fen") - entry.amount_fen, num_entries=F("num_entries") - 1
        )
        if not shrunk:
            raise InvalidTransition(_("批次已审批或已发放，不能再修改名单"))
        entry.delete()


def _yuan(fen: int) -> str:
    return f"{fen / 100:,.2f}"


def approve_batch(*, by, batch: Batch, note: str = "") -> Batch:
    _require(by, permissions.BATCH, _("您无权审批发放批次"))
    if not batch.num_entries:
        raise InvalidTransition(_("批次名单为空，不能审批"))
    return workflow.apply(batch, table=BATCH_TRANSITIONS, verb="approve", by=by, note=note)


def return_batch(*, by, batch: Batch, note: str) -> Batch:
    _require(by, permissions.BATCH, _("您无权退回发放批次"))
    if not (note or "").strip():
        _fail("note", _("退回时请填写退回意见"))
    return workflow.apply(batch, table=BATCH_TRANSITIONS, verb="return", by=by, note=note)


def cancel_batch(*, by, batch: Batch, note: str = "") -> Batch:
    _require(by, permissions.BATCH, _("您无权取消发放批次"))
    return workflow.apply(batch, table=BATCH_TRANSITIONS, verb="cancel", by=by, note=note)


def pay_batch(
    *, by, batch: Batch, paid_date: dt.date | None = None, handed_over_by: str = ""
) -> Batch:
    """发放: every entry becomes a relief record of the batch, in one transaction. Refused when
    an archive on the list has exited since it was added."""
    _require(by, permissions.BATCH, _("您无权登记发放"))
    paid_date = paid_date or timezone.localdate()
    if paid_date > timezone.localdate():
        _fail("paid_date", _("发放日期不能晚于今天"))
    exited = BatchEntry.objects.filter(batch=batch).exclude(archive__status=Status.ACTIVE).count()
    if exited:
        raise InvalidTransition(
            _("名单中有 %(n)s 户档案已不在档（已解困或转出），请退回批次移出后再发放")
            % {"n": exited}
        )
    handed_over_by = (handed_over_by or "").strip()[:50] or by.display_name or by.username
    with transaction.atomic():
        batch = workflow.apply(
            batch,
            table=BATCH_TRANSITIONS,
            verb="pay",
            by=by,
            fields={"paid_date": paid_date, "handed_over_by": handed_over_by},
        )
        _insert_payments(batch, by=by, paid_date=paid_date, handed_over_by=handed_over_by)
        # The tallies take one delta per organisation on the list, not one per payment.
        deltas = tallies.Deltas()
        for row in (
            BatchEntry.objects.filter(batch=batch)
            .values("archive__org_path")
            .annotate(n=Count("pk"), fen=Sum("amount_fen"))
            .order_by()
        ):
            deltas.add(
                org_path=row["archive__org_path"],
                given_date=paid_date,
                programme=batch.programme,
                beneficiary=Beneficiary.HOUSEHOLD,
                fund_source=batch.fund_source,
                records=row["n"],
                headcount=row["n"],
                amount_fen=row["fen"],
            )
        deltas.write()
        paid = ReliefRecord.objects.filter(batch=batch).aggregate(s=Sum("amount_fen"))["s"] or 0
        if paid > batch.budget_fen:  # cannot happen while the constraint holds; never pay over
            raise ValidationFailed(_("发放总额超出批次预算"))
    return batch


def _insert_payments(batch: Batch, *, by, paid_date: dt.date, handed_over_by: str) -> None:
    """Every entry of the batch becomes a relief record in one INSERT … SELECT: the rows never
    pass through Python, so paying 20 000 households costs one statement and no memory. The
    columns taken from the entry and its archive are listed here; every other column gets the
    value a ReliefRecord built by the services would have."""
    template = ReliefRecord(
        programme=batch.programme,
        beneficiary=Beneficiary.HOUSEHOLD,
        batch=batch,
        fund_source=batch.fund_source,
        headcount=1,
        given_date=paid_date,
        handed_over_by=handed_over_by,
        note=batch.name[:200],
        created_by=by,
        created_at=timezone.now(),
    )
    from_entry = {
        "organization_id": "a.organization_id",
        "org_path": "a.org_path",
        "archive_id": "e.archive_id",
        "amount_fen": "e.amount_fen",
    }
    quote = connection.ops.quote_name
    columns, values, params = [], [], []
    for field in ReliefRecord._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(quote(field.column))
        if field.attname in from_entry:
            values.append(from_entry[field.attname])
        else:
            values.append("%s")
            params.append(field.get_db_prep_save(getattr(template, field.attname), connection))
    sql = (
        f"INSERT INTO {quote(ReliefRecord._meta.db_table)} ({', '.join(columns)}) "
        f"SELECT {', '.join(values)} FROM {quote(BatchEntry._meta.db_table)} e "
        f"JOIN {quote(Archive._meta.db_table)} a ON a.id = e.archive_id "
        f"WHERE e.batch_id = %s ORDER BY e.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, batch.pk])


# --- Key rotation ------------------------------------------------------------------------


def rotate_encryption_keys(*, batch: int = 1000) -> dict[str, int]:
    """Every encrypted column of every row re-encrypted under the newest key, a batch of rows
    at a time (nothing beyond one batch is held decrypted in memory)."""
    counts = {}
    for model in (Archive, ArchiveMember):
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, encryption.EncryptedTextField)
        ]
        done = 0
        # Read back decrypted (with whichever key of the list encrypted each value) ...
        for rows in chunks_by_pk(model.objects.all(), *fields, size=batch):
            # ... and written encrypted under the first (newest) key.
            with transaction.atomic():
                for pk, *values in rows:
                    model.objects.filter(pk=pk).update(
                        **{
                            name: encryption.encrypt(value) if value else ""
                            for name, value in zip(fields, values, strict=True)
                        }
                    )
            done += len(rows)
        counts[model._meta.db_table] = done
    return counts
