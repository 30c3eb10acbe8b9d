"""REST endpoints for volunteering (scoped), plus the public event list and sign-up."""

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from gonghui.api.fields import Date, Id
from gonghui.api.pagination import ApiPagination
from gonghui.organizations.selectors import get_organization_for_user

from . import selectors, services
from .models import SignUp
from .throttles import public_sign_up_allowed

router = Router()


class TeamOut(Schema):
    id: int
    name: str
    kind: str
    organization_id: int
    leader_id: int | None
    num_members: int


class VolunteerOut(Schema):
    id: int
    code: str
    name: str
    organization_id: int
    registered_date: dt.date

    @staticmethod
    def resolve_name(obj):
        return obj.person.name


class EventOut(Schema):
    id: int
    title: str
    organization_id: int
    team_id: int | None
    start_at: dt.datetime
    end_at: dt.datetime
    place: str
    capacity: int
    num_signed: int
    status: str
    is_public: bool


class PublicEventOut(Schema):
    id: int
    title: str
    organization: str
    start_at: dt.datetime
    place: str
    capacity: int
    num_signed: int
    description: str

    @staticmethod
    def resolve_organization(obj):
        return obj.organization.name


class SignUpOut(Schema):
    id: int
    event_id: int
    volunteer_id: int
    status: str
    channel: str


class HoursOut(Schema):
    id: int
    volunteer_id: int
    team_id: int
    event_id: int | None
    service_date: dt.date
    hours: Decimal
    status: str
    note: str


class PairingOut(Schema):
    id: int
    organization_id: int
    kind: str
    community: str
    since_date: dt.date
    until_date: dt.date | None
    num_cadres: int


class VisitOut(Schema):
    id: int
    organization_id: int
    kind: str
    visit_date: dt.date
    community: str
    num_participants: int
    num_households: int
    num_problems: int


class ProblemOut(Schema):
    id: int
    organization_id: int
    title: str
    community: str
    status: str
    collected_date: dt.date
    assignee: str
    solved_date: dt.date | None
    result: str


class ProblemIn(Schema):
    organization_id: Id
    title: str
    collected_date: Date
    community: str = ""
    description: str = ""
    visit_id: Id | None = None


class ProblemAssignIn(Schema):
    assignee: str
    deadline: Date | None = None


class CloseProblemIn(Schema):
    result: str
    solved_date: Date


class RejectIn(Schema):
    comment: str


class HoursTotalRowOut(Schema):
    id: int
    name: str
    hours: str


class HoursTotalsOut(Schema):
    total_hours: str
    by_volunteer: list[HoursTotalRowOut]
    by_team: list[HoursTotalRowOut]
    by_organization: list[HoursTotalRowOut]


class ProblemCountsOut(Schema):
    collected: int
    assigned: int
    solved: int


class PublicSignUpIn(Schema):
    code: str
    phone: str


class SearchFilter(Schema):
    q: str = ""


class StatusFilter(Schema):
    status: str = ""


class KindFilter(Schema):
    kind: str = ""


def scoped_list(path, out, rows, filters=None):
    """One paginated GET of the caller's scoped rows, `rows(user, **filters)`, where the query
    parameters are the fields of `filters` (none without it); the handler is named
    list_<path>, which the schema's operation id and summary come from."""

    if filters is None:

        def endpoint(request):
            return rows(request.auth)
    else:

        def endpoint(request, filters: Query[filters]):
            return rows(request.auth, **filters.dict())

    endpoint.__name__ = endpoint.__qualname__ = f"list_{path.strip('/')}"
    return router.get(path, response=list[out])(paginate(ApiPagination, page_size=50)(endpoint))


# The API's lists, in the order of the schema.
scoped_list("/teams", TeamOut, selectors.teams_for_user)
scoped_list("/volunteers", VolunteerOut, selectors.volunteers_for_user, SearchFilter)
scoped_list("/events", EventOut, selectors.events_for_user, StatusFilter)


@router.post("/events/{event_id}/signups", response={201: SignUpOut})
def sign_up(request, event_id: Id, volunteer_id: Id):
    event = selectors.get_event_for_user(request.auth, event_id)
    volunteer = selectors.get_volunteer_for_user(request.auth, volunteer_id)
    signup = services.sign_up(
        by=request.auth, event=event, volunteer=volunteer, channel=SignUp.Channel.API
    )
    return Status(201, signup)


@router.post("/signups/{signup_id}/check-in", response=SignUpOut)
def check_in(request, signup_id: Id):
    signup = selectors.get_signup_for_user(request.auth, signup_id)
    return services.check_in(by=request.auth, signup=signup)


scoped_list("/hours", HoursOut, selectors.hours_for_user, StatusFilter)


@router.get("/hours/totals", response=HoursTotalsOut)
def hours_totals(request):
    totals = selectors.hours_totals(request.auth)
    return {
        "total_hours": str(totals["total_hours"]),
        **{
            key: [{"id": r["key"], "name": r["label"], "hours": str(r["hours"])} for r in rows]
            for key, rows in totals.items()
            if key != "total_hours"
        },
    }


@router.post("/hours/{hours_id}/approve", response=HoursOut)
def approve_hours(request, hours_id: Id):
    record = selectors.get_hours_for_user(request.auth, hours_id)
    return services.approve_hours(by=request.auth, record=record)


@router.post("/hours/{hours_id}/reject", response=HoursOut)
def reject_hours(request, hours_id: Id, payload: RejectIn):
    record = selectors.get_hours_for_user(request.auth, hours_id)
    return services.reject_hours(by=request.auth, record=record, comment=payload.comment)


scoped_list("/pairings", PairingOut, selectors.pairings_for_user)
scoped_list("/visits", VisitOut, selectors.visits_for_user, KindFilter)
scoped_list("/problems", ProblemOut, selectors.problems_for_user, StatusFilter)


@router.get("/problems/counts", response=ProblemCountsOut)
def problem_counts(request):
    return selectors.problem_counts(request.auth)


@router.post("/problems", response={201: ProblemOut})
def collect_problem(request, payload: ProblemIn):
    data = payload.dict()
    org = get_organization_for_user(request.auth, data.pop("organization_id"))
    visit_id = data.pop("visit_id")
    visit = selectors.get_visit_for_user(request.auth, visit_id) if visit_id else None
    return Status(
        201, services.collect_problem(by=request.auth, organization=org, visit=visit, **data)
    )


@router.post("/problems/{problem_id}/assign", response=ProblemOut)
def assign_problem(request, problem_id: Id, payload: ProblemAssignIn):
    problem = selectors.get_problem_for_user(request.auth, problem_id)
    return services.assign_problem(by=request.auth, problem=problem, **payload.dict())


# The former path of 办结 (/solve) still answers, for clients written against it; it is not
# in the schema, where the verb has its one name.
@router.post("/problems/{problem_id}/solve", response=ProblemOut, include_in_schema=False)
@router.post("/problems/{problem_id}/close", response=ProblemOut)
def close_problem(request, problem_id: Id, payload: CloseProblemIn):
    problem = selectors.get_problem_for_user(request.auth, problem_id)
    return services.close_problem(by=request.auth, problem=problem, **payload.dict())


@router.get("/public/events", response=list[PublicEventOut], auth=None)
def public_events(request):
    """Open events for registered volunteers; no login, no personal data."""
    return list(selectors.public_events()[:50])


@router.post("/public/events/{event_id}/signups", response={201: dict, 429: dict}, auth=None)
def public_sign_up(request, event_id: Id, payload: PublicSignUpIn):
    """Sign up with the volunteer number and the phone on record; 429 when this address has
    sent too many attempts."""
    if not public_sign_up_allowed(request):
        return Status(429, {"detail": _("提交过于频繁，请稍后再试")})
    event = selectors.get_public_event(event_id)
    services.public_sign_up(event=event, code=payload.code, phone=payload.phone)
    return Status(201, {"detail": "报名成功"})
