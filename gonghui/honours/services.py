"""Writes of 推优评先: rounds, quotas and rules; nominations up the chain with their quotas;
vetting opinions; 公示 through notices; 审定 and 表彰 with the honours they confer."""

import contextlib
import datetime as dt
import hashlib

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core import audit, workflow
from gonghui.core.exceptions import (
    DomainError,
    InvalidTransition,
    PermissionDenied,
    ValidationFailed,
)
from gonghui.core.files import check_upload
from gonghui.notices import selectors as notice_selectors
from gonghui.notices import services as notices
from gonghui.organizations.models import Organization
from gonghui.people import services as people

from . import permissions
from .models import (
    AwardType,
    EligibilityRule,
    Honour,
    Nomination,
    NominationAttachment,
    Quota,
    Round,
    VettingBody,
    VettingOpinion,
)
from .workflow import RECOMMEND, ROUND_TRANSITIONS, TRANSITIONS, RoundStatus, Status

SOURCE_LABEL = "推优评先"
ATTACHMENT_KINDS = {"pdf", "docx", "jpg", "png"}
MAX_ATTACHMENTS = 10


class QuotaFull(DomainError):
    status_code = 409


class DuplicateNomination(DomainError):
    status_code = 409


def _fail(field: str, message: str):
    raise ValidationFailed(message, field=field, errors={field: message})


def _require(by, perm: str, message: str) -> None:
    if not (getattr(by, "is_authenticated", False) and by.has_perm(perm)):
        raise PermissionDenied(message)


def _in_subtree(org: Organization, root: Organization) -> bool:
    return org.path.startswith(root.path)


def _visible(by, org: Organization) -> bool:
    return Organization.objects.visible_to(by).filter(pk=org.pk).exists()


# --- Rounds ---------------------------------------------------------------------------------


@transaction.atomic
def create_round(
    *,
    by,
    organization: Organization,
    name: str,
    year: int,
    awards,
    vetting_bodies=(),
    nomination_deadline: dt.date | None = None,
    deeds_limit: int = 1500,
    notice_working_days: int = 5,
) -> Round:
    _require(by, permissions.MANAGE, _("您无权设置评选"))
    if not _visible(by, organization):
        raise PermissionDenied(_("所选组织不在您的管理范围内"))
    name = (name or "").strip()
    if not name:
        _fail("name", _("请填写评选名称"))
    awards = list(awards)
    if not awards:
        _fail("awards", _("请至少选择一个奖项"))
    if not 1 <= notice_working_days <= 30:
        _fail("notice_working_days", _("公示期应为 1–30 个工作日"))
    round_ = Round.objects.create(
        organization=organization,
        org_path=organization.path,
        name=name[:100],
        year=year,
        nomination_deadline=nomination_deadline,
        deeds_limit=max(100, min(deeds_limit, 10000)),
        notice_working_days=notice_working_days,
        created_by=by,
    )
    round_.awards.set(awards)
    round_.vetting_bodies.set(list(vetting_bodies))
    audit.record(by=by, action=audit.Action.CREATE, target=round_, summary=f"新建评选“{name}”")
    return round_


def _manage(by, round_: Round) -> None:
    _require(by, permissions.MANAGE, _("您无权设置评选"))
    if not permissions.acts_for(by, round_.organization_id):
        raise PermissionDenied(_("只有评选组织单位可以进行此操作"))


def set_quota(*, by, round_: Round, organization: Organization, award: AwardType, quota: int):
    """The number of nominations of `award` that `organization` may put forward."""
    _manage(by, round_)
    if not _in_subtree(organization, round_.organization):
        _fail("organization", _("推荐单位应在评选组织单位之下"))
    if not round_.awards.filter(pk=award.pk).exists():
        _fail("award", _("本次评选不含该奖项"))
    if quota < 0 or quota > 100000:
        _fail("quota", _("名额应为 0–100000"))
    row, _created = Quota.objects.get_or_create(
        round=round_, organization=organization, award=award, defaults={"quota": quota}
    )
    if row.used > quota:
        _fail("quota", _("已上报 %(n)s 个，名额不能少于已用数") % {"n": row.used})
    Quota.objects.filter(pk=row.pk).update(quota=quota)
    row.quota = quota
    audit.record(
        by=by,
        action=audit.Action.UPDATE,
        target=round_,
        summary=f"名额：{organization.name} {award.name} {quota}",
    )
    return row


def set_rule(*, by, round_: Round, kind: str, value: int) -> EligibilityRule:
    _manage(by, round_)
    if kind not in EligibilityRule.Kind.values:
        _fail("kind", _("未知的评选条件"))
    if kind == EligibilityRule.Kind.FRONTLINE_SHARE and not 0 <= value <= 100:
        _fail("value", _("比例应为 0–100"))
    rule, _created = EligibilityRule.objects.update_or_create(
        round=round_, kind=kind, defaults={"value": value}
    )
    audit.record(by=by, action=audit.Action.UPDATE, target=round_, summary=f"评选条件：{rule}")
    return rule


def publish_round(*, by, round_: Round) -> Round:
    """Open the round for nominations."""
    _manage(by, round_)
    return workflow.apply(round_, table=ROUND_TRANSITIONS, verb="publish", by=by)


# --- Quotas: a conditional UPDATE, so concurrent submitters never pass the number ------------


def _claim_quota(nomination: Nomination, organization_id: int) -> None:
    row = (
        Quota.objects.filter(
            round_id=nomination.round_id,
            organization_id=organization_id,
            award_id=nomination.award_id,
        )
        .values("pk", "quota")
        .first()
    )
    if row is None:
        return  # no quota set for this level: not limited
    won = Quota.objects.filter(pk=row["pk"], used__lt=F("quota")).update(used=F("used") + 1)
    if not won:
        raise QuotaFull(
            _("“%(award)s”的名额（%(n)s 个）已用完，不能再上报")
            % {"award": nomination.award.name, "n": row["quota"]}
        )
    nomination.quota_ids = [*nomination.quota_ids, row["pk"]]


def _release_quotas(nomination: Nomination) -> None:
    for pk in nomination.quota_ids:
        Quota.objects.filter(pk=pk, used__gt=0).update(used=F("used") - 1)
    nomination.quota_ids = []


# --- Nominations ------------------------------------------------------------------------------


def key_of(person, collective_name: str, unit: str) -> str:
    """The nominee's place in a round: the person, or the collective's name and unit."""
    if person is not None:
        return f"p:{hashlib.sha256(person.id_number.encode()).hexdigest()[:40]}"
    return f"c:{collective_name.strip()}|{unit.strip()}"[:120]


def check_no_repeat(round_: Round, award: AwardType, person) -> None:
    rule = round_.rules.filter(kind=EligibilityRule.Kind.NO_REPEAT_YEARS).first()
    if rule is None or person is None or not rule.value:
        return
    since = round_.year - rule.value
    if Honour.objects.filter(person=person, award=award, year__gt=since).exists():
        raise ValidationFailed(
            _("%(n)s 年内已获得“%(award)s”，不符合评选条件") % {"n": rule.value, "award": award},
            field="person",
        )


@transaction.atomic
def nominate(
    *,
    by,
    round_: Round,
    award: AwardType,
    organization: Organization,
    person=None,
    collective_name: str = "",
    unit: str = "",
    post_title: str = "",
    is_frontline: bool = False,
    deeds: str = "",
    opinion: str = "",
) -> Nomination:
    """A union puts a person (from its people records) or a collective forward. The person
    (and any id in the request) must already be resolved through the actor's scope."""
    _require(by, permissions.NOMINATE, _("您无权推荐"))
    if round_.status != RoundStatus.OPEN:
        raise InvalidTransition(_("本次评选未在推荐阶段"))
    if round_.nomination_deadline and timezone.localdate() > round_.nomination_deadline:
        raise InvalidTransition(_("推荐已截止"))
    if not _visible(by, organization) or not _in_subtree(organization, round_.organization):
        raise PermissionDenied(_("所选组织不在您的管理范围内或不在本次评选范围内"))
    if organization.pk == round_.organization_id or organization.parent_id is None:
        _fail("organization", _("评选组织单位不能自己推荐，请由下级单位推荐"))
    if not round_.awards.filter(pk=award.pk).exists():
        _fail("award", _("本次评选不含该奖项"))
    individual = award.subject == AwardType.Subject.INDIVIDUAL
    if individual and person is None:
        _fail("person", _("个人奖项请选择推荐人选"))
    if not individual:
        person = None
        collective_name = (collective_name or "").strip()
        if not collective_name:
            _fail("collective_name", _("请填写推荐集体名称"))
    deeds = (deeds or "").strip()
    if len(deeds) > round_.deeds_limit:
        _fail(
            "deeds",
            _("事迹材料最多 %(n)s 字（现 %(m)s 字）") % {"n": round_.deeds_limit, "m": len(deeds)},
        )
    check_no_repeat(round_, award, person)
    unit = (unit or organization.name).strip()[:100]
    nomination = Nomination(
        round=round_,
        award=award,
        organization=organization,
        org_path=organization.path,
        at_organization=organization,
        person=person,
        nominee_name=(person.name if person is not None else collective_name)[:100],
        unit=unit,
        post_title=(post_title or "").strip()[:50],
        is_frontline=bool(is_frontline),
        deeds=deeds,
        opinion=(opinion or "").strip()[:500],
        nominee_key=key_of(person, collective_name, unit),
        created_by=by,
    )
    try:
        with transaction.atomic():
            nomination.save()
    except IntegrityError as exc:
        # Whoever nominated the person first, and where, stays unsaid.
        raise DuplicateNomination(
            _("该对象已在本次评选中被推荐，同一对象在一次评选中只能推荐一次"), field="person"
        ) from exc
    workflow.log(
        nomination,
        table=TRANSITIONS,
        verb="nominate",
        by=by,
        source="",
        record={"organization": organization},
    )
    audit.record(
        by=by, action=audit.Action.CREATE, target=nomination, summary=f"推荐“{nomination}”"
    )
    return nomination


def add_attachment(*, by, nomination: Nomination, upload) -> NominationAttachment:
    """An attachment (PDF, Word, JPG, PNG) checked by its content, while the nomination is
    still with its nominating union."""
    _require(by, permissions.NOMINATE, _("您无权修改推荐材料"))
    if nomination.status not in (Status.DRAFT, Status.RETURNED):
        raise InvalidTransition(_("已上报的推荐材料不能再修改"))
    if nomination.attachments.count() >= MAX_ATTACHMENTS:
        _fail("file", _("附件最多 %(n)s 个") % {"n": MAX_ATTACHMENTS})
    checked = check_upload(upload, allowed=ATTACHMENT_KINDS)
    attachment = NominationAttachment(
        nomination=nomination,
        name=checked.original_name[:150],
        size=checked.size,
        sha256=checked.sha256,
    )
    attachment.file.save(checked.safe_name, upload, save=False)
    attachment.save()
    audit.record(
        by=by, action=audit.Action.UPDATE, target=nomination, summary=f"上传附件“{attachment}”"
    )
    return attachment


def _next_level(nomination: Nomination) -> Organization:
    parent = nomination.at_organization.parent
    if parent is None:
        raise InvalidTransition(_("已到最高一级"))
    return parent


def _move(nomination, *, verb, by, table=TRANSITIONS, note="", fields=None, acting=None):
    return workflow.apply(
        nomination,
        table=table,
        verb=verb,
        by=by,
        note=note[:300],
        fields=fields or {},
        record={"organization": acting},
    )


@transaction.atomic
def submit_nomination(*, by, nomination: Nomination) -> Nomination:
    """The nominating union sends its nomination one level up, within its own quota."""
    _require(by, permissions.NOMINATE, _("您无权上报"))
    if not permissions.acts_for(by, nomination.organization_id):
        raise PermissionDenied(_("只有推荐单位可以上报"))
    verb = "resubmit" if nomination.status == Status.RETURNED else "submit"
    TRANSITIONS.target(verb, nomination.status)
    _claim_quota(nomination, nomination.organization_id)
    return _move(
        nomination,
        verb=verb,
        by=by,
        acting=nomination.organization,
        fields={
            "at_organization": _next_level(nomination),
            "submitted_at": timezone.now(),
            "quota_ids": nomination.quota_ids,
            "return_comment": "",
        },
    )


@transaction.atomic
def forward_nomination(
    *, by, nomination: Nomination, rank: int | None = None, note: str = ""
) -> Nomination:
    """The level holding the nomination reviews it, ranks it and forwards it within its own
    quota; at the round's own level it becomes 拟表彰."""
    _require(by, permissions.REVIEW, _("您无权审核推荐对象"))
    holder = nomination.at_organization
    if not permissions.acts_for(by, holder.pk):
        raise PermissionDenied(_("只有当前审核单位可以上报"))
    TRANSITIONS.target("forward", nomination.status)
    fields = {"rank": rank}
    if holder.pk == nomination.round.organization_id:
        return _move(
            nomination,
            verb="forward",
            by=by,
            table=RECOMMEND,
            note=note,
            fields=fields,
            acting=holder,
        )
    _claim_quota(nomination, holder.pk)
    fields.update(at_organization=_next_level(nomination), quota_ids=nomination.quota_ids)
    return _move(nomination, verb="forward", by=by, note=note, fields=fields, acting=holder)


@transaction.atomic
def return_nomination(*, by, nomination: Nomination, comment: str) -> Nomination:
    """The holding level sends it back to the nominating union with a comment; the places it
    held in quotas are freed."""
    _require(by, permissions.REVIEW, _("您无权退回推荐对象"))
    holder = nomination.at_organization
    if not permissions.acts_for(by, holder.pk):
        raise PermissionDenied(_("只有当前审核单位可以退回"))
    comment = (comment or "").strip()
    if not comment:
        _fail("comment", _("请填写退回意见"))
    TRANSITIONS.target("return", nomination.status)
    _release_quotas(nomination)
    return _move(
        nomination,
        verb="return",
        by=by,
        note=comment,
        acting=holder,
        fields={
            "at_organization": nomination.organization,
            "quota_ids": [],
            "return_comment": comment[:300],
            "rank": None,
        },
    )


@transaction.atomic
def withdraw_nomination(*, by, nomination: Nomination, reason: str) -> Nomination:
    """Take a nomination out of the round (the nominator, the holding level or the round's
    organisation — or the system when an objection is upheld); its quota places are freed."""
    reason = (reason or "").strip()
    if not reason:
        _fail("reason", _("请填写撤回原因"))
    if by is not None:
        allowed = {
            nomination.organization_id,
            nomination.at_organization_id,
            nomination.round.organization_id,
        }
        if not any(permissions.acts_for(by, org) for org in allowed):
            raise PermissionDenied(_("您无权撤回该推荐对象"))
    TRANSITIONS.target("withdraw", nomination.status)
    _release_quotas(nomination)
    return _move(nomination, verb="withdraw", by=by, note=reason, fields={"quota_ids": []})


def record_opinion(
    *, by, nomination: Nomination, body: VettingBody, verdict: str, note: str = ""
) -> VettingOpinion:
    """征求意见: the round's organisation records a vetting body's opinion on a nominee."""
    _manage(by, nomination.round)
    if not nomination.round.vetting_bodies.filter(pk=body.pk).exists():
        _fail("body", _("本次评选未要求该单位出具意见"))
    if nomination.status != Status.RECOMMENDED:
        raise InvalidTransition(_("只能对拟表彰对象征求意见"))
    if verdict not in VettingOpinion.Verdict.values:
        _fail("verdict", _("请选择意见"))
    opinion, _created = VettingOpinion.objects.update_or_create(
        nomination=nomination,
        body=body,
        defaults={"verdict": verdict, "note": (note or "").strip()[:300], "recorded_by": by},
    )
    workflow.log(
        nomination,
        table=TRANSITIONS,
        verb="opinion",
        by=by,
        note=f"{body.name}：{opinion.get_verdict_display()} {opinion.note}".strip(),
        record={"organization": nomination.round.organization},
    )
    return opinion


# --- 公示, 审定, 表彰 ------------------------------------------------------------------------


def _announce_problems(round_: Round, recommended) -> list[str]:
    problems = []
    bodies = list(round_.vetting_bodies.all())
    rules = {r.kind: r.value for r in round_.rules.all()}
    opinions = {}
    for op in VettingOpinion.objects.filter(nomination__in=recommended):
        opinions.setdefault(op.nomination_id, {})[op.body_id] = op.verdict
    missing = [n for n in recommended if len(opinions.get(n.pk, {})) < len(bodies)]
    if missing:
        problems.append(
            _("%(n)s 个拟表彰对象尚未征齐意见（%(bodies)s）")
            % {"n": len(missing), "bodies": "、".join(b.name for b in bodies)}
        )
    if EligibilityRule.Kind.NEGATIVE_LIST in rules:
        vetoed = [
            n
            for n in recommended
            if VettingOpinion.Verdict.OBJECT in opinions.get(n.pk, {}).values()
        ]
        if vetoed:
            problems.append(
                _("%(n)s 个拟表彰对象有否定意见（负面清单），请先撤回") % {"n": len(vetoed)}
            )
    share = rules.get(EligibilityRule.Kind.FRONTLINE_SHARE)
    people = [n for n in recommended if n.person_id]
    if share and people:
        actual = 100 * sum(n.is_frontline for n in people) / len(people)
        if actual < share:
            problems.append(
                _("一线职工比例 %(a).0f%%，低于要求的 %(s)s%%") % {"a": actual, "s": share}
            )
    return problems


@transaction.atomic
def announce_round(*, by, round_: Round, opens_at: dt.datetime | None = None) -> Round:
    """Put the 拟表彰 list on public notice (masked names, unit, award) for the round's
    working days; vetting opinions must be complete and the rules met."""
    _manage(by, round_)
    ROUND_TRANSITIONS.target("announce", round_.status)
    recommended = list(
        round_.nominations.filter(status=Status.RECOMMENDED)
        .select_related("award")
        .order_by("award__sort_order", "award_id", "rank", "pk")
    )
    if not recommended:
        raise InvalidTransition(_("还没有拟表彰对象，不能公示"))
    problems = _announce_problems(round_, recommended)
    if problems:
        raise ValidationFailed("；".join(problems))
    notices.open_notice(
        by=by,
        organization=round_.organization,
        title=_("%(name)s拟表彰对象公示") % {"name": round_.name},
        intro=_(
            "经基层推荐、逐级审核和征求意见，现将拟表彰对象予以公示。公示期间，如有异议，"
            "请以真实姓名实事求是地反映。"
        ),
        entries=[
            {
                "name": n.nominee_name if n.person_id else "",
                "masked_name": None if n.person_id else n.nominee_name,
                "unit": n.unit,
                "detail": n.award.name,
                "ref_id": n.pk,
            }
            for n in recommended
        ],
        working_days=round_.notice_working_days,
        opens_at=opens_at,
        source=round_,
        source_label=SOURCE_LABEL,
        contact=round_.organization.name,
    )
    return workflow.apply(round_, table=ROUND_TRANSITIONS, verb="announce", by=by)


def withdraw_after_objection(*, nomination_id: int, answer: str) -> None:
    """An upheld objection takes its nominee out (the system acts)."""
    nomination = Nomination.objects.filter(pk=nomination_id).select_related("round").first()
    if nomination is None or nomination.status == Status.WITHDRAWN:
        return
    with contextlib.suppress(InvalidTransition):  # withdrawn meanwhile
        withdraw_nomination(
            by=None, nomination=nomination, reason=_("公示异议成立：%s") % (answer or "")[:200]
        )


@transaction.atomic
def approve_round(*, by, round_: Round) -> Round:
    """审定: once the notice has ended with no objection left open."""
    _manage(by, round_)
    ROUND_TRANSITIONS.target("approve", round_.status)
    notice = notice_selectors.notice_for_source(round_)
    if notice is not None and notice.status in ("scheduled", "open"):
        raise InvalidTransition(_("公示期尚未结束，不能审定"))
    if notices.has_open_objections(round_):
        raise InvalidTransition(_("还有未办结的异议，不能审定"))
    now = timezone.now()
    for nomination in round_.nominations.filter(status=Status.RECOMMENDED):
        _move(nomination, verb="approve", by=by, acting=round_.organization)
    return workflow.apply(
        round_, table=ROUND_TRANSITIONS, verb="approve", by=by, fields={"approved_at": now}
    )


LEVEL_ORDER = ["", "craftsman", "city", "provincial", "national"]


@transaction.atomic
def commend_round(*, by, round_: Round, decision_number: str = "") -> Round:
    """表彰: the approved become honourees; each honour enters the person's history and, for
    awards that carry one, raises the person's 劳模 level in the people records."""
    _manage(by, round_)
    ROUND_TRANSITIONS.target("commend", round_.status)
    now = timezone.now()
    approved = list(
        round_.nominations.filter(status=Status.APPROVED).select_related("award", "person")
    )
    for nomination in approved:
        _move(nomination, verb="commend", by=by, acting=round_.organization)
    Honour.objects.bulk_create(
        [
            Honour(
                organization_id=n.organization_id,
                org_path=n.org_path,
                round=round_,
                nomination=n,
                award=n.award,
                person=n.person,
                name=n.nominee_name,
                unit=n.unit,
                year=round_.year,
                conferred_by=round_.organization.name,
            )
            for n in approved
        ]
    )
    for n in approved:
        level = n.award.model_worker_level
        if n.person is None or level not in LEVEL_ORDER:
            continue
        if LEVEL_ORDER.index(level) > LEVEL_ORDER.index(n.person.model_worker_level or ""):
            try:
                people.update_person(by=by, person=n.person, model_worker_level=level)
            except DomainError:
                continue  # outside the actor's people scope: the honour is recorded anyway
    return workflow.apply(
        round_,
        table=ROUND_TRANSITIONS,
        verb="commend",
        by=by,
        fields={"commended_at": now, "decision_number": (decision_number or "")[:50]},
    )


# --- The 表彰决定 -------------------------------------------------------------------------------


def commendation_docx(*, round_: Round) -> bytes:
    """The decision as a .docx: honourees grouped by award and unit, numbered."""
    from . import selectors
    from .documents import Decision, render_decision

    if round_.status not in (RoundStatus.APPROVED, RoundStatus.COMMENDED):
        raise InvalidTransition(_("评选审定后才能生成表彰决定"))
    groups = []
    for award, rows in selectors.decision_groups(round_).items():
        lines = []
        for row in rows:
            if row["award__subject"] == AwardType.Subject.COLLECTIVE:
                lines.append(row["nominee_name"])
            else:
                post = f" {row['post_title']}" if row["post_title"] else ""
                lines.append(f"{row['nominee_name']}（{row['unit']}{post}）")
        groups.append((award, lines))
    total = sum(len(lines) for _award, lines in groups)
    org = round_.organization.name
    day = timezone.localdate(round_.commended_at) if round_.commended_at else timezone.localdate()
    return render_decision(
        Decision(
            issuer=org,
            title=_("%(org)s关于表彰%(name)s先进集体和先进个人的决定")
            % {"org": org, "name": round_.name},
            number=round_.decision_number,
            date_text=f"{day.year}年{day.month}月{day.day}日",
            preamble=_(
                "为表彰先进、树立典型，经基层推荐、逐级审核、征求意见和社会公示，%(org)s研究决定，"
                "授予以下 %(n)s 个集体和个人荣誉称号（按奖项、单位排列）："
            )
            % {"org": org, "n": total},
            closing=_(
                "希望受到表彰的集体和个人珍惜荣誉、再接再厉。广大职工要以先进为榜样，"
                "爱岗敬业、争创一流，为经济社会发展作出新的更大贡献。"
            ),
            groups=groups,
        )
    )
