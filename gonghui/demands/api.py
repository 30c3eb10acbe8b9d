"""REST endpoints: staff (scoped list, 督办 list, detail, intake, workflow verbs, statistics)
and the public lookup of one's own demand by ticket and phone digits."""

import datetime as dt

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from gonghui.api.fields import Date, Id
from gonghui.api.pagination import ApiPagination
from gonghui.organizations.selectors import get_organization_for_user

from . import selectors, services, throttles
from .models import Demand
from .workflow import NOTE_VERBS

router = Router()


class DemandOut(Schema):
    id: int
    ticket: str
    channel: str
    status: str
    status_label: str
    summary: str
    organization_id: int
    organization_name: str
    worker_name: str
    worker_phone: str
    received_at: dt.datetime
    accept_due_at: dt.datetime
    finish_due_at: dt.datetime
    is_overdue: bool
    is_escalated: bool
    rating: str

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()

    @staticmethod
    def resolve_organization_name(obj):
        return obj.organization.name

    @staticmethod
    def resolve_worker_name(obj):
        return obj.worker_name_masked

    @staticmethod
    def resolve_worker_phone(obj):
        return obj.worker_phone_masked


class DemandDetailOut(DemandOut):
    content: str
    employer: str
    location: str
    answer: str
    demand_type: str
    topic: str

    @staticmethod
    def resolve_demand_type(obj):
        return obj.demand_type.name

    @staticmethod
    def resolve_topic(obj):
        return obj.topic.name


class DemandIn(Schema):
    receiving_org_id: Id
    demand_type: str
    topic: str
    summary: str
    content: str = ""
    worker_name: str = ""
    worker_phone: str = ""
    employer: str = ""
    location: str = ""
    is_anonymous: bool = False


class DemandNoteIn(Schema):
    note: str = ""


class LookupIn(Schema):
    ticket: str
    phone_last4: str


class PublicDemandOut(Schema):
    ticket: str
    summary: str
    status: str
    status_label: str
    organization_name: str
    received_at: dt.datetime
    answer: str
    answered_at: dt.datetime | None
    rating: str

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()

    @staticmethod
    def resolve_organization_name(obj):
        return obj.organization.name


class DemandCountOut(Schema):
    label: str
    count: int


class DemandStatisticsOut(Schema):
    organization_id: int | None
    total: int
    accept_rate: float | None
    finish_rate: float | None
    satisfaction_rate: float | None
    avg_days: float | None
    overdue: int
    escalated: int
    by_channel: list[DemandCountOut]
    by_type: list[DemandCountOut]
    by_topic: list[DemandCountOut]
    by_month: list[DemandCountOut]
    hot_words: list[DemandCountOut]


def _counts(rows):
    return [{"label": str(label), "count": n} for label, n in rows]


@router.get("/", response=list[DemandOut])
@paginate(ApiPagination, page_size=50)
def list_demands(
    request,
    q: str = "",
    status: str = "",
    channel: str = "",
    view: str = "",
    organization_id: Id | None = None,
):
    org = get_organization_for_user(request.auth, organization_id) if organization_id else None
    return selectors.demands_for_user(
        request.auth,
        selectors.DemandFilter(
            q=q[:50], status=status, channel=channel, view=view, organization=org
        ),
    )


@router.get("/supervision", response=list[DemandOut])
@paginate(ApiPagination, page_size=50)
def supervision(request):
    """The 督办 list of the user's union."""
    return selectors.supervised_for_user(request.auth)


@router.get("/statistics", response=DemandStatisticsOut)
def statistics(
    request, organization_id: Id | None = None, start: Date | None = None, end: Date | None = None
):
    org = get_organization_for_user(request.auth, organization_id) if organization_id else None
    stats = selectors.demand_statistics(request.auth, organization=org, start=start, end=end)
    return {
        "organization_id": stats.organization.pk if stats.organization else None,
        "total": stats.total,
        "accept_rate": stats.accept_rate,
        "finish_rate": stats.finish_rate,
        "satisfaction_rate": stats.satisfaction_rate,
        "avg_days": stats.avg_days,
        "overdue": stats.overdue,
        "escalated": stats.escalated,
        "by_channel": _counts(stats.by_channel),
        "by_type": _counts(stats.by_type),
        "by_topic": _counts(stats.by_topic),
        "by_month": _counts(stats.by_month),
        "hot_words": _counts(stats.hot_words),
    }


@router.post(
    "/public/lookup",
    auth=None,
    response={200: PublicDemandOut, 404: dict, 422: dict, 429: dict},
)
def public_lookup(request, payload: LookupIn):
    """A worker's own demand by ticket and the last four digits of their phone; 404 alike for
    a ticket that does not exist and wrong digits; 429 past the per-IP or per-ticket limit."""
    if not throttles.lookup_allowed(request, payload.ticket[:20]):
        return Status(429, {"detail": _("查询过于频繁，请稍后再试")})
    demand = selectors.lookup_for_worker(payload.ticket[:20], payload.phone_last4[:8])
    if demand is None:
        return Status(404, {"detail": _("没有查到：请核对诉求编号和联系电话后四位")})
    return demand


@router.get("/{demand_id}", response=DemandDetailOut)
def get_demand(request, demand_id: Id):
    demand = selectors.get_demand_for_user(request.auth, demand_id)
    services.record_content_read(by=request.auth, demand=demand)
    return demand


@router.post("/", response={201: DemandDetailOut})
def register_demand(request, payload: DemandIn):
    """Register a demand received through another system (channel 接口)."""
    data = payload.dict()
    org = get_organization_for_user(request.auth, data.pop("receiving_org_id"))
    demand = services.register_demand(
        by=request.auth, channel=Demand.Channel.API, receiving_org=org, **data
    )
    return Status(201, selectors.get_demand_for_user(request.auth, demand.pk))


@router.post("/{demand_id}/{verb}", response=DemandDetailOut)
def transition(request, demand_id: Id, verb: str, payload: DemandNoteIn):
    """accept (受理), handle (办理) or close (办结), with an optional note."""
    if verb not in NOTE_VERBS:
        raise Http404(_("未知操作"))
    demand = selectors.get_demand_for_user(request.auth, demand_id, for_write=True)
    return services.note_verb(demand=demand, verb=verb, by=request.auth, note=payload.note[:300])
