"""REST endpoints for activities: scoped list with filters, detail, record, edit, statistics."""

import datetime as dt
from decimal import Decimal

from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from gonghui.api.fields import Count, Date, Id, Money
from gonghui.api.pagination import ApiPagination
from gonghui.campaigns.selectors import get_indicator_for_user
from gonghui.core.concurrency import request_version, version_of
from gonghui.organizations.selectors import (
    get_department_for_user,
    get_organization_for_user,
)

from . import selectors, services

router = Router()


class TypeOut(Schema):
    id: int
    code: str
    name: str


class ActivityOut(Schema):
    id: int
    title: str
    activity_type_id: int
    activity_type: str
    organization_id: int
    department_id: int | None
    start_date: dt.date
    end_date: dt.date | None
    place: str
    description: str
    participants: int
    attendances: int
    sessions: int
    money: Decimal
    items: int
    items_unit: str
    reach: int
    awards: int
    version: str

    @staticmethod
    def resolve_activity_type(obj):
        return obj.activity_type.name

    @staticmethod
    def resolve_version(obj):
        return version_of(obj)


class ActivityIn(Schema):
    title: str
    activity_type_id: Id
    organization_id: Id
    department_id: Id | None = None
    start_date: Date
    end_date: Date | None = None
    place: str = ""
    description: str = ""
    participants: Count = 0
    attendances: Count = 0
    sessions: Count = 0
    money: Money = Decimal("0")
    items: Count = 0
    items_unit: str = ""
    reach: Count = 0
    awards: Count = 0


class ActivityStatRow(Schema):
    key: str
    label: str
    num_activities: int
    participants: int
    attendances: int
    sessions: int
    money: Decimal
    items: int
    reach: int
    awards: int


class ActivityStatisticsOut(Schema):
    totals: dict
    money_total: Decimal
    by_type: list[ActivityStatRow]
    by_month: list[ActivityStatRow]
    by_department: list[ActivityStatRow]


def _filters(request, organization_id, department_id, type_id, date_from, date_to, q):
    org = get_organization_for_user(request.auth, organization_id) if organization_id else None
    return selectors.ActivityFilter(
        organization=org,
        department_id=department_id,
        type_id=type_id,
        date_from=date_from,
        date_to=date_to,
        q=q,
    )


class ActivityUpdateIn(ActivityIn):
    version: str | None = Field(
        None,
        description="The `version` of the activity as read; an `If-Match` header does the same. "
        "A stale version is refused with 409 instead of overwriting someone else's edit.",
    )


def _resolve(request, payload: ActivityIn) -> dict:
    data = payload.dict()
    data["organization"] = get_organization_for_user(request.auth, data.pop("organization_id"))
    data["activity_type"] = selectors.get_activity_type(data.pop("activity_type_id"))
    dept_id = data.pop("department_id")
    data["department"] = get_department_for_user(request.auth, dept_id) if dept_id else None
    return data


@router.get("/types", response=list[TypeOut])
def list_types(request):
    return selectors.activity_types()


@router.get("/", response=list[ActivityOut])
@paginate(ApiPagination, page_size=50)
def list_activities(
    request,
    organization_id: Id | None = None,
    department_id: Id | None = None,
    type_id: Id | None = None,
    date_from: Date | None = None,
    date_to: Date | None = None,
    q: str = "",
):
    filters = _filters(request, organization_id, department_id, type_id, date_from, date_to, q)
    return selectors.ActivityList(request.auth, filters)


@router.get("/statistics", response=ActivityStatisticsOut)
def statistics(
    request,
    organization_id: Id | None = None,
    department_id: Id | None = None,
    type_id: Id | None = None,
    date_from: Date | None = None,
    date_to: Date | None = None,
):
    filters = _filters(request, organization_id, department_id, type_id, date_from, date_to, "")
    stats = selectors.activity_statistics(request.auth, filters)
    return {
        "totals": stats.totals,
        "money_total": stats.money_total,
        "by_type": [r | {"key": str(r["key"])} for r in stats.by_type],
        "by_month": [r | {"key": str(r["key"])} for r in stats.by_month],
        "by_department": [r | {"key": str(r["key"])} for r in stats.by_department],
    }


@router.get("/{activity_id}", response=ActivityOut)
def get_activity(request, activity_id: Id):
    return selectors.get_activity_for_user(request.auth, activity_id)


@router.post("/", response={201: ActivityOut})
def create_activity(request, payload: ActivityIn):
    activity = services.create_activity(by=request.auth, **_resolve(request, payload))
    return Status(201, activity)


@router.put("/{activity_id}", response=ActivityOut)
def update_activity(request, activity_id: Id, payload: ActivityUpdateIn):
    activity = selectors.get_activity_for_user(request.auth, activity_id, for_write=True)
    data = _resolve(request, payload)
    version = request_version(request, data.pop("version", None))
    return services.update_activity(by=request.auth, activity=activity, version=version, **data)


@router.delete("/{activity_id}", response={204: None})
def delete_activity(request, activity_id: Id):
    activity = selectors.get_activity_for_user(request.auth, activity_id, for_write=True)
    services.delete_activity(by=request.auth, activity=activity)
    return Status(204, None)


class IndicatorsIn(Schema):
    indicator_ids: list[Id]


class ActivityIndicatorOut(Schema):
    id: int
    campaign_id: int
    code: str
    name: str


@router.get("/{activity_id}/indicators", response=list[ActivityIndicatorOut])
def list_indicators(request, activity_id: Id):
    activity = selectors.get_activity_for_user(request.auth, activity_id)
    return selectors.indicators_of(activity, request.auth)


@router.put("/{activity_id}/indicators", response=list[ActivityIndicatorOut])
def set_indicators(request, activity_id: Id, payload: IndicatorsIn):
    """Replace the indicators the activity counts for (each must be in a visible campaign)."""
    activity = selectors.get_activity_for_user(request.auth, activity_id, for_write=True)
    indicators = [get_indicator_for_user(request.auth, pk) for pk in set(payload.indicator_ids)]
    services.set_indicators(by=request.auth, activity=activity, indicators=indicators)
    return selectors.indicators_of(activity, request.auth)
