"""Writes to volunteering: teams, volunteers, events with sign-up and check-in, hours approved by
the team leader, community pairings, visit logs and livelihood problems."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core import audit, workflow
from gonghui.core.exceptions import PermissionDenied, ValidationFailed

from . import permissions as perms
from . import selectors
from .certificates import render_certificate
from .models import (
    Membership,
    Pairing,
    Problem,
    ServiceEvent,
    ServiceHours,
    SignUp,
    Team,
    Visit,
    Volunteer,
)
from .workflow import (
    EVENT_TRANSITIONS,
    HOURS_TRANSITIONS,
    PROBLEM_TRANSITIONS,
    SIGNUP_TRANSITIONS,
    EventStatus,
    SignUpStatus,
)

MAX_MINUTES_PER_RECORD = 24 * 60


def _require(by, permission: str, organization, department=None, message=None):
    if not perms.can_write_in(by, permission, organization, department):
        raise PermissionDenied(message or _("您无权进行此操作"))


def _apply(obj, table, verb: str, *, by, note: str = "", fields=None, org_path=None):
    """One verb through the workflow kernel (history in VolunteeringTransition, audit, conditional update)."""
    return workflow.apply(
        obj,
        table=table,
        verb=verb,
        by=by,
        note=note[:500],
        fields=fields,
        audit_org_path=org_path,
    )


def _created(by, obj, summary: str):
    audit.record(by=by, action=audit.Action.CREATE, target=obj, summary=summary)
    return obj


# --- teams and volunteers -------------------------------------------------------------------


@transaction.atomic
def create_team(*, by, organization, name: str, kind: str, **extra) -> Team:
    _require(
        by, perms.MANAGE_TEAMS, organization, extra.get("department"), _("您无权为该组织建立服务队")
    )
    name = name.strip()
    if not name:
        raise ValidationFailed(_("请填写队伍名称"), field="name")
    if Team.objects.filter(organization=organization, name=name).exists():
        raise ValidationFailed(_("该组织已有同名服务队"), field="name")
    team = Team(organization=organization, name=name, kind=kind, created_by=by, **extra)
    team.save()
    return _created(by, team, f"建立志愿服务队 {team}")


@transaction.atomic
def register_volunteer(*, by, person, skills: str = "", registered_date=None) -> Volunteer:
    _require(by, perms.MANAGE_VOLUNTEERS, person.organization, None, _("您无权为该组织注册志愿者"))
    if Volunteer.objects.filter(person=person).exists():
        raise ValidationFailed(_("%(name)s 已是注册志愿者") % {"name": person.name}, field="person")
    day = registered_date or timezone.localdate()
    volunteer = Volunteer(
        organization_id=person.organization_id,
        org_path=person.org_path,
        person=person,
        code=f"~{person.pk}",
        skills=skills,
        registered_date=day,
        created_by=by,
    )
    volunteer.save()
    # The code is the year of registration and the record's id: unique and easy to read out.
    volunteer.code = f"ZY{day:%Y}{volunteer.pk:06d}"
    volunteer.save(update_fields=["code"])
    return _created(by, volunteer, f"注册志愿者 {volunteer}")


@transaction.atomic
def add_member(*, by, team: Team, volunteer: Volunteer, joined_date=None) -> Membership:
    _require(by, perms.MANAGE_TEAMS, team.organization, team.department, _("您无权管理该服务队"))
    membership, created = Membership.objects.get_or_create(
        team=team,
        volunteer=volunteer,
        defaults={"joined_date": joined_date or timezone.localdate()},
    )
    if not created:
        raise ValidationFailed(_("%(volunteer)s 已在该队伍中") % {"volunteer": volunteer})
    audit.record(
        by=by, action=audit.Action.UPDATE, target=team, summary=f"{team} 新增队员 {volunteer}"
    )
    return membership


# --- service events, sign-up and check-in -------------------------------------------------


@transaction.atomic
def create_event(*, by, organization, title: str, start_at, end_at, capacity: int, **extra):
    _require(
        by,
        perms.MANAGE_EVENTS,
        organization,
        extra.get("department"),
        _("您无权发布该组织的志愿服务活动"),
    )
    if end_at < start_at:
        raise ValidationFailed(_("结束时间不能早于开始时间"), field="end_at")
    if capacity < 1:
        raise ValidationFailed(_("招募人数至少为 1"), field="capacity")
    team = extra.get("team")
    if team is not None and team.organization_id != organization.pk:
        raise ValidationFailed(_("服务队不属于所选组织"), field="team")
    event = ServiceEvent(
        organization=organization,
        title=title.strip(),
        start_at=start_at,
        end_at=end_at,
        capacity=capacity,
        created_by=by,
        **extra,
    )
    event.save()
    return _created(by, event, f"发布志愿服务活动 {event}")


def _event_for_update(event: ServiceEvent) -> ServiceEvent:
    # Locks the event row so that capacity checks of concurrent sign-ups are serialised.
    return ServiceEvent.objects.select_for_update().get(pk=event.pk)


@transaction.atomic
def close_event(*, by, event: ServiceEvent) -> ServiceEvent:
    _require(by, perms.MANAGE_EVENTS, event.organization, event.department)
    return _apply(_event_for_update(event), EVENT_TRANSITIONS, "close", by=by)


@transaction.atomic
def cancel_event(*, by, event: ServiceEvent, reason: str = "") -> ServiceEvent:
    _require(by, perms.MANAGE_EVENTS, event.organization, event.department)
    return _apply(_event_for_update(event), EVENT_TRANSITIONS, "cancel", by=by, note=reason)


@transaction.atomic
def sign_up(*, by, event: ServiceEvent, volunteer: Volunteer, channel=SignUp.Channel.WEB):
    """A volunteer signs up (themselves, or an organiser for them), within capacity."""
    event = _event_for_update(event)
    is_self = getattr(by, "is_authenticated", False) and by.person_id == volunteer.person_id
    if channel != SignUp.Channel.PORTAL and not is_self:
        _require(
            by, perms.MANAGE_EVENTS, event.organization, event.department, _("您无权为他人报名")
        )
    if event.status != EventStatus.OPEN:
        raise ValidationFailed(
            _("活动%(status)s，不能报名") % {"status": event.get_status_display()}
        )
    if event.start_at <= timezone.now():
        raise ValidationFailed(_("活动已开始，报名已截止"))
    if not volunteer.is_active:
        raise ValidationFailed(_("志愿者已注销，不能报名"))
    active = [SignUpStatus.SIGNED_UP, SignUpStatus.CHECKED_IN]
    if event.signups.filter(status__in=active).count() >= event.capacity:
        raise ValidationFailed(_("报名人数已满"))
    existing = SignUp.objects.filter(event=event, volunteer=volunteer).first()
    if existing is not None and existing.status in active:
        raise ValidationFailed(_("您已报名该活动"))
    if existing is not None:
        existing.status, existing.channel = SignUpStatus.SIGNED_UP, channel
        existing.save(update_fields=["status", "channel", "updated_at"])
        signup = existing
    else:
        signup = SignUp.objects.create(event=event, volunteer=volunteer, channel=channel)
    audit.record(
        by=by,
        action=audit.Action.CREATE,
        target=signup,
        summary=f"{volunteer} 报名 {event}",
        org_path=event.org_path,
    )
    return signup


def public_sign_up(*, event: ServiceEvent, code: str, phone: str) -> SignUp:
    """Sign-up from the public portal: a registered volunteer proves who they are with their
    volunteer number and the phone number on record."""
    volunteer = Volunteer.objects.select_related("person").filter(code=code.strip().upper()).first()
    if volunteer is None or not phone or volunteer.person.phone != phone.strip():
        raise ValidationFailed(_("志愿者编号或手机号不正确"))
    if not event.is_public:
        raise ValidationFailed(_("该活动不在公众门户开放报名"))
    return sign_up(by=None, event=event, volunteer=volunteer, channel=SignUp.Channel.PORTAL)


@transaction.atomic
def withdraw_sign_up(*, by, signup: SignUp) -> SignUp:
    is_self = getattr(by, "is_authenticated", False) and by.person_id == signup.volunteer.person_id
    if not is_self:
        _require(by, perms.MANAGE_EVENTS, signup.event.organization, signup.event.department)
    return _apply(signup, SIGNUP_TRANSITIONS, "withdraw", by=by, org_path=signup.event.org_path)


@transaction.atomic
def check_in(*, by, signup: SignUp) -> SignUp:
    _require(
        by, perms.MANAGE_EVENTS, signup.event.organization, signup.event.department, _("您无权签到")
    )
    if signup.event.status == EventStatus.CANCELLED:
        raise ValidationFailed(_("活动已取消"))
    return _apply(
        signup,
        SIGNUP_TRANSITIONS,
        "check_in",
        by=by,
        fields={"checked_in_at": timezone.now()},
        org_path=signup.event.org_path,
    )


# --- service hours --------------------------------------------------------------------------


def hours_to_minutes(value) -> int:
    try:
        hours = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationFailed(_("服务时长不是有效数字"), field="hours") from exc
    minutes = hours * 60
    if minutes <= 0 or minutes > MAX_MINUTES_PER_RECORD:
        raise ValidationFailed(_("服务时长应大于 0 且不超过 24 小时"), field="hours")
    if minutes != minutes.to_integral_value():
        raise ValidationFailed(_("服务时长精确到分钟"), field="hours")
    return int(minutes)


@transaction.atomic
def record_hours(*, by, volunteer: Volunteer, team: Team, hours, service_date, event=None, note=""):
    """Record hours for a volunteer of `team`; they wait for the team leader's approval."""
    _require(by, perms.RECORD_HOURS, team.organization, None, _("您无权登记该队伍的服务时长"))
    if not Membership.objects.filter(team=team, volunteer=volunteer).exists():
        raise ValidationFailed(
            _("%(volunteer)s 不是 %(team)s 的队员") % {"volunteer": volunteer, "team": team}
        )
    if service_date > timezone.localdate():
        raise ValidationFailed(_("服务日期不能晚于今天"), field="service_date")
    record = ServiceHours(
        organization_id=team.organization_id,
        org_path=team.org_path,
        volunteer=volunteer,
        team=team,
        event=event,
        service_date=service_date,
        minutes=hours_to_minutes(hours),
        note=note,
        recorded_by=by,
    )
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError as exc:
        raise ValidationFailed(
            _("%(volunteer)s 在该活动的服务时长已登记") % {"volunteer": volunteer}
        ) from exc
    return _created(by, record, f"登记服务时长 {record}")


@transaction.atomic
def record_event_hours(*, by, event: ServiceEvent, hours) -> list[ServiceHours]:
    """Hours for every checked-in volunteer of a finished event who has none yet."""
    if event.team is None:
        raise ValidationFailed(_("该活动没有所属服务队，无法登记时长（时长由队长审核）"))
    if event.status != EventStatus.FINISHED:
        raise ValidationFailed(_("活动结束后才能登记服务时长"))
    done = set(event.hours.values_list("volunteer_id", flat=True))
    records = []
    for signup in event.signups.filter(status=SignUpStatus.CHECKED_IN).select_related("volunteer"):
        if signup.volunteer_id in done:
            continue
        if not Membership.objects.filter(team=event.team, volunteer=signup.volunteer).exists():
            Membership.objects.create(
                team=event.team, volunteer=signup.volunteer, joined_date=event.start_at.date()
            )
        records.append(
            record_hours(
                by=by,
                volunteer=signup.volunteer,
                team=event.team,
                hours=hours,
                service_date=timezone.localtime(event.start_at).date(),
                event=event,
                note=event.title,
            )
        )
    return records


def _lock_hours(record: ServiceHours) -> ServiceHours:
    return ServiceHours.objects.select_for_update().select_related("team").get(pk=record.pk)


@transaction.atomic
def approve_hours(*, by, record: ServiceHours) -> ServiceHours:
    record = _lock_hours(record)
    if not perms.is_team_leader(by, record.team):
        raise PermissionDenied(_("只有服务队队长可以审核服务时长"))
    fields = {"reviewed_by": by, "reviewed_at": timezone.now()}
    return _apply(record, HOURS_TRANSITIONS, "approve", by=by, fields=fields)


@transaction.atomic
def reject_hours(*, by, record: ServiceHours, comment: str) -> ServiceHours:
    record = _lock_hours(record)
    if not perms.is_team_leader(by, record.team):
        raise PermissionDenied(_("只有服务队队长可以审核服务时长"))
    if not comment.strip():
        raise ValidationFailed(_("请填写不通过的理由"), field="comment")
    fields = {"reviewed_by": by, "reviewed_at": timezone.now(), "review_comment": comment}
    return _apply(record, HOURS_TRANSITIONS, "reject", by=by, note=comment, fields=fields)


@transaction.atomic
def resubmit_hours(*, by, record: ServiceHours, hours=None, note=None) -> ServiceHours:
    record = _lock_hours(record)
    if record.recorded_by_id != getattr(by, "pk", None):
        _require(by, perms.RECORD_HOURS, record.team.organization, None)
    fields = {}
    if hours is not None:
        fields["minutes"] = hours_to_minutes(hours)
    if note is not None:
        fields["note"] = note
    return _apply(record, HOURS_TRANSITIONS, "resubmit", by=by, fields=fields)


# --- pairing, visits, problems --------------------------------------------------------------


@transaction.atomic
def create_pairing(*, by, organization, kind: str, community: str, since_date, **extra) -> Pairing:
    _require(by, perms.MANAGE_PAIRINGS, organization, None, _("您无权为该组织登记包联共建"))
    if not community.strip():
        raise ValidationFailed(_("请填写社区名称"), field="community")
    pairing = Pairing(
        organization=organization,
        kind=kind,
        community=community.strip(),
        since_date=since_date,
        created_by=by,
        **extra,
    )
    pairing.save()
    return _created(by, pairing, f"登记{pairing}")


@transaction.atomic
def create_visit(*, by, organization, kind: str, visit_date, community: str, **extra) -> Visit:
    _require(
        by, perms.RECORD_VISITS, organization, extra.get("department"), _("您无权为该组织登记走访")
    )
    if visit_date > timezone.localdate():
        raise ValidationFailed(_("走访日期不能晚于今天"), field="visit_date")
    pairing = extra.get("pairing")
    if pairing is not None and not community:
        community = pairing.community
    visit = Visit(
        organization=organization,
        kind=kind,
        visit_date=visit_date,
        community=community.strip(),
        created_by=by,
        **extra,
    )
    visit.save()
    return _created(by, visit, f"登记{visit}")


@transaction.atomic
def collect_problem(*, by, organization, title: str, collected_date, **extra) -> Problem:
    _require(
        by,
        "volunteering.add_problem",
        organization,
        extra.get("department"),
        _("您无权登记民生难题"),
    )
    if not title.strip():
        raise ValidationFailed(_("请填写难题内容"), field="title")
    visit = extra.get("visit")
    if visit is not None and not extra.get("community"):
        extra["community"] = visit.community
    problem = Problem(
        organization=organization,
        title=title.strip(),
        collected_date=collected_date,
        created_by=by,
        **extra,
    )
    problem.save()
    return _created(by, problem, f"收集民生难题 {problem}")


def _lock_problem(by, problem: Problem) -> Problem:
    problem = Problem.objects.select_for_update().select_related("organization").get(pk=problem.pk)
    _require(
        by, perms.HANDLE_PROBLEMS, problem.organization, problem.department, _("您无权办理该难题")
    )
    return problem


@transaction.atomic
def assign_problem(*, by, problem: Problem, assignee: str, deadline=None, comment="") -> Problem:
    problem = _lock_problem(by, problem)
    if not assignee.strip():
        raise ValidationFailed(_("请填写承办单位或责任人"), field="assignee")
    fields = {
        "assignee": assignee.strip(),
        "deadline": deadline,
        "assigned_date": timezone.localdate(),
    }
    return _apply(problem, PROBLEM_TRANSITIONS, "assign", by=by, note=comment, fields=fields)


@transaction.atomic
def close_problem(*, by, problem: Problem, result: str, solved_date: dt.date) -> Problem:
    """办结: the problem is solved, with the result and the date."""
    problem = _lock_problem(by, problem)
    if not result.strip():
        raise ValidationFailed(_("请填写解决结果"), field="result")
    if problem.assigned_date and solved_date < problem.collected_date:
        raise ValidationFailed(_("解决日期不能早于收集日期"), field="solved_date")
    fields = {"result": result.strip(), "solved_date": solved_date}
    return _apply(problem, PROBLEM_TRANSITIONS, "close", by=by, fields=fields)


# --- certificates ---------------------------------------------------------------------------


@transaction.atomic
def issue_certificate(*, by, volunteer: Volunteer) -> bytes:
    """志愿服务时长证明 (.docx) of the volunteer's approved hours; each issue is audited. The
    caller has resolved the volunteer through `by`'s scope."""
    summary = selectors.volunteer_hours(volunteer)
    content = render_certificate(
        name=volunteer.person.name,
        code=volunteer.code,
        organization=volunteer.organization.name,
        total_hours=summary["hours"],
        rows=[(h.service_date, h.team.name, h.note, h.hours) for h in summary["rows"]],
        issued_by=volunteer.organization.name,
        issued_on=timezone.localdate(),
    )
    audit.record(
        by=by,
        action=audit.Action.EXPORT,
        target=volunteer,
        summary=f"开具志愿服务时长证明 {volunteer}",
    )
    return content
