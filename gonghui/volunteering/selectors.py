"""Reads of volunteering: scoped lists, details, hour totals and problem counts."""

from django.db.models import Count, Q, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.organizations.models import Organization

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
    VolunteeringTransition,
    minutes_to_hours,
)
from .permissions import MANAGE_TEAMS, can_write_in
from .workflow import EventStatus, HoursStatus, ProblemStatus, SignUpStatus

ACTIVE_SIGNUPS = [SignUpStatus.SIGNED_UP, SignUpStatus.CHECKED_IN]


def _get(qs, pk, message):
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(message) from exc


def teams_for_user(user):
    return (
        Team.objects.visible_to(user)
        .select_related("leader", "department")
        .annotate(num_members=Count("memberships", distinct=True))
        .order_by("org_path", "name")
    )


def get_team_for_user(user, pk, *, for_write: bool = False) -> Team:
    team = _get(
        Team.objects.visible_to(user).select_related("organization", "leader", "department"),
        pk,
        "服务队不存在或无权访问",
    )
    if for_write and not can_write_in(user, MANAGE_TEAMS, team.organization, team.department):
        raise Http404(_("服务队不存在或无权访问"))
    return team


def volunteers_for_user(user, *, q: str = ""):
    qs = Volunteer.objects.visible_to(user).select_related("person")
    if q:
        qs = qs.filter(Q(person__name__startswith=q) | Q(code=q.upper()))
    return qs.order_by("org_path", "code")


def get_volunteer_for_user(user, pk) -> Volunteer:
    return _get(
        Volunteer.objects.visible_to(user).select_related("person", "organization"),
        pk,
        "志愿者不存在或无权访问",
    )


def events_for_user(user, *, status: str = ""):
    qs = ServiceEvent.objects.visible_to(user).select_related("team")
    if status:
        qs = qs.filter(status=status)
    return qs.annotate(
        num_signed=Count("signups", filter=Q(signups__status__in=ACTIVE_SIGNUPS))
    ).order_by("-start_at", "-pk")


def get_event_for_user(user, pk) -> ServiceEvent:
    return _get(
        ServiceEvent.objects.visible_to(user).select_related("organization", "team", "department"),
        pk,
        "志愿服务活动不存在或无权访问",
    )


def public_events():
    """Open events offered on the public portal (no personal data)."""
    return (
        ServiceEvent.objects.filter(
            is_public=True, status=EventStatus.OPEN, start_at__gt=timezone.now()
        )
        .select_related("organization", "team")
        .annotate(num_signed=Count("signups", filter=Q(signups__status__in=ACTIVE_SIGNUPS)))
        .order_by("start_at", "pk")
    )


def get_public_event(pk) -> ServiceEvent:
    return _get(public_events(), pk, "活动不存在或未开放报名")


def signups_of(event: ServiceEvent):
    return event.signups.select_related("volunteer__person").order_by("pk")


def get_signup_for_user(user, pk) -> SignUp:
    visible = ServiceEvent.objects.visible_to(user).values("pk")
    return _get(
        SignUp.objects.filter(event__in=visible).select_related(
            "event__organization", "event__department", "volunteer__person"
        ),
        pk,
        "报名记录不存在或无权访问",
    )


def hours_for_user(user, *, status: str = "", team=None, volunteer=None):
    qs = ServiceHours.objects.visible_to(user).select_related("volunteer__person", "team", "event")
    if status:
        qs = qs.filter(status=status)
    if team is not None:
        qs = qs.filter(team=team)
    if volunteer is not None:
        qs = qs.filter(volunteer=volunteer)
    return qs.order_by("-service_date", "-pk")


def hours_awaiting(user):
    """Submitted hours of the teams the user leads: the leader's approval queue."""
    return (
        ServiceHours.objects.filter(team__leader=user, status=HoursStatus.SUBMITTED)
        .select_related("volunteer__person", "team", "event")
        .order_by("service_date", "pk")
    )


def get_hours_for_user(user, pk) -> ServiceHours:
    """Hours are visible within the scope, and always to the leader of their team."""
    qs = ServiceHours.objects.filter(
        Q(pk__in=ServiceHours.objects.visible_to(user).values("pk")) | Q(team__leader=user)
    ).select_related("team__organization", "volunteer__person", "event")
    return _get(qs, pk, "服务时长记录不存在或无权访问")


def _approved_minutes(qs, key: str) -> list[dict]:
    rows = (
        qs.filter(status=HoursStatus.APPROVED)
        .values(key)
        .annotate(minutes=Sum("minutes"), records=Count("pk"))
        .order_by("-minutes")
    )
    return [
        {
            "key": r[key],
            "minutes": r["minutes"],
            "hours": minutes_to_hours(r["minutes"]),
            "records": r["records"],
        }
        for r in rows
    ]


def hours_totals(user, *, limit: int = 20) -> dict:
    """Approved hours per volunteer, per team and per organisation within the user's scope."""
    qs = ServiceHours.objects.visible_to(user)
    by_volunteer = _approved_minutes(qs, "volunteer_id")[:limit]
    by_team = _approved_minutes(qs, "team_id")[:limit]
    every_org = _approved_minutes(qs, "organization_id")
    # Every approved record falls in one organisation's group, so the groups add up to the total.
    total = sum(r["minutes"] or 0 for r in every_org)
    by_org = every_org[:limit]
    names = {
        "volunteer": dict(
            Volunteer.objects.filter(pk__in=[r["key"] for r in by_volunteer]).values_list(
                "pk", "person__name"
            )
        ),
        "team": dict(
            Team.objects.filter(pk__in=[r["key"] for r in by_team]).values_list("pk", "name")
        ),
        "org": dict(
            Organization.objects.filter(pk__in=[r["key"] for r in by_org]).values_list("pk", "name")
        ),
    }
    for rows, kind in ((by_volunteer, "volunteer"), (by_team, "team"), (by_org, "org")):
        for row in rows:
            row["label"] = names[kind].get(row["key"], "")
    return {
        "total_hours": minutes_to_hours(total),
        "by_volunteer": by_volunteer,
        "by_team": by_team,
        "by_organization": by_org,
    }


def volunteer_hours(volunteer: Volunteer) -> dict:
    approved = volunteer.hours.filter(status=HoursStatus.APPROVED)
    agg = approved.aggregate(minutes=Sum("minutes"), records=Count("pk"))
    return {
        "hours": minutes_to_hours(agg["minutes"]),
        "records": agg["records"],
        "rows": list(approved.select_related("team", "event").order_by("service_date", "pk")),
    }


def pairings_for_user(user):
    return (
        Pairing.objects.visible_to(user)
        .select_related("organization")
        .annotate(num_visits=Count("visits"))
        .order_by("org_path", "-since_date")
    )


def get_pairing_for_user(user, pk) -> Pairing:
    return _get(Pairing.objects.visible_to(user), pk, "包联共建记录不存在或无权访问")


def visits_for_user(user, *, kind: str = ""):
    qs = Visit.objects.visible_to(user).select_related("team", "pairing")
    if kind:
        qs = qs.filter(kind=kind)
    return qs.annotate(num_problems=Count("problems")).order_by("-visit_date", "-pk")


def get_visit_for_user(user, pk) -> Visit:
    return _get(
        Visit.objects.visible_to(user).select_related("organization", "team", "pairing"),
        pk,
        "走访记录不存在或无权访问",
    )


def problems_for_user(user, *, status: str = ""):
    qs = Problem.objects.visible_to(user).select_related("visit")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-collected_date", "-pk")


def get_problem_for_user(user, pk) -> Problem:
    return _get(
        Problem.objects.visible_to(user).select_related("organization", "visit", "department"),
        pk,
        "民生难题不存在或无权访问",
    )


def problem_counts(user) -> dict:
    """收集 / 交办 / 解决 counts: every problem counts as collected."""
    agg = Problem.objects.visible_to(user).aggregate(
        collected=Count("pk"),
        assigned=Count("pk", filter=Q(status=ProblemStatus.ASSIGNED)),
        solved=Count("pk", filter=Q(status=ProblemStatus.SOLVED)),
    )
    return agg


def history_of(obj) -> list[VolunteeringTransition]:
    return list(
        VolunteeringTransition.objects.filter(target_type=obj._meta.model_name, target_id=obj.pk)
        .select_related("by")
        .order_by("at", "pk")
    )


def overview(user) -> dict:
    """Figures for the volunteering index page."""
    return {
        "teams": Team.objects.visible_to(user).count(),
        "volunteers": Volunteer.objects.visible_to(user).count(),
        "events": ServiceEvent.objects.visible_to(user).count(),
        "pairings": Pairing.objects.visible_to(user).filter(until_date__isnull=True).count(),
        "visits": Visit.objects.visible_to(user).count(),
        "problems": problem_counts(user),
        "awaiting": ServiceHours.objects.filter(
            team__leader=user, status=HoursStatus.SUBMITTED
        ).count()
        if user.is_authenticated
        else 0,
    }


def members_of(team: Team) -> list[Membership]:
    return list(team.memberships.select_related("volunteer__person").order_by("joined_date", "pk"))


def memberships_of(volunteer: Volunteer) -> list[Membership]:
    return list(volunteer.memberships.select_related("team"))


def pending_hours_of(volunteer: Volunteer) -> list[ServiceHours]:
    """The volunteer's hours not yet approved (awaiting review or returned)."""
    return list(volunteer.hours.exclude(status=HoursStatus.APPROVED).select_related("team"))


def problems_of(visit: Visit) -> list[Problem]:
    return list(visit.problems.order_by("pk"))


def approved_hours_between(user, start, end):
    """Approved service hours in the user's scope with a service date in [start, end]."""
    total = (
        ServiceHours.objects.visible_to(user)
        .filter(status=HoursStatus.APPROVED, service_date__gte=start, service_date__lte=end)
        .aggregate(m=Sum("minutes"))["m"]
    )
    return minutes_to_hours(total)
