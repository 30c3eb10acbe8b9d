"""REST endpoints: staff notices and objections; the public notice and the public objection."""

import datetime as dt

from ninja import Router, Schema, Status
from ninja.pagination import paginate

from gonghui.api.fields import Id
from gonghui.api.pagination import ApiPagination

from . import selectors, services, throttle
from .forms import HONEYPOT
from .models import Objection

router = Router()


class NoticeOut(Schema):
    id: int
    title: str
    organization_id: int
    organization_name: str
    source_label: str
    status: str
    status_label: str
    period_kind: str
    period_days: int
    opens_at: dt.datetime
    closes_at: dt.datetime
    num_entries: int

    @staticmethod
    def resolve_organization_name(obj):
        return obj.organization.name

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()


class EntryOut(Schema):
    id: int
    position: int
    masked_name: str
    unit: str
    detail: str


class PublicNoticeOut(Schema):
    id: int
    title: str
    organization_name: str
    status: str
    is_ended: bool
    opens_at: dt.datetime
    closes_at: dt.datetime
    contact: str
    entries: list[EntryOut]


class ObjectionOut(Schema):
    id: int
    notice_id: int
    entry_id: int | None
    name: str
    phone: str
    content: str
    status: str
    outcome: str
    finding: str
    answer: str
    created_at: dt.datetime
    handled_at: dt.datetime | None

    @staticmethod
    def resolve_name(obj):
        return obj.name_masked

    @staticmethod
    def resolve_phone(obj):
        return obj.phone_masked


class ObjectionIn(Schema):
    name: str
    phone: str
    content: str
    entry_id: Id | None = None
    website: str = ""  # honeypot: people never fill it


class CloseObjectionIn(Schema):
    outcome: Objection.Outcome
    finding: str
    answer: str


class NoticeMessageOut(Schema):
    detail: str


def _public(notice) -> dict:
    return {
        "id": notice.pk,
        "title": notice.title,
        "organization_name": notice.organization.name,
        "status": notice.status,
        "is_ended": notice.status != "open",
        "opens_at": notice.opens_at,
        "closes_at": notice.closes_at,
        "contact": notice.contact,
        "entries": selectors.public_entries(notice),
    }


@router.get("/", response={200: list[NoticeOut], 403: NoticeMessageOut})
@paginate(ApiPagination, page_size=50)
def list_notices(request, q: str = "", status: str = ""):
    return selectors.notices_for_user(request.auth, selectors.NoticeFilter(q=q, status=status))


@router.get("/objections", response=list[ObjectionOut])
@paginate(ApiPagination, page_size=50)
def list_objections(request, status: str = ""):
    """Objections to the notices of the caller's own organisation (handling staff only)."""
    return selectors.objections_for_user(request.auth, status=status)


@router.get("/objections/{objection_id}", response=ObjectionOut)
def get_objection(request, objection_id: Id):
    return selectors.get_objection_for_user(request.auth, objection_id)


@router.post("/objections/{objection_id}/close", response=ObjectionOut)
def close_objection(request, objection_id: Id, payload: CloseObjectionIn):
    """Record the finding and the answer; `upheld` withdraws the nominee, `dismissed` keeps it."""
    item = selectors.get_objection_for_user(request.auth, objection_id)
    return services.close_objection(
        objection=item,
        by=request.auth,
        outcome=payload.outcome,
        finding=payload.finding,
        answer=payload.answer,
    )


@router.get("/public/{notice_id}", response=PublicNoticeOut, auth=None)
def public_notice(request, notice_id: Id):
    """A running or ended notice: masked names while it runs, no names once it has ended."""
    return _public(selectors.get_public_notice(notice_id))


@router.post(
    "/public/{notice_id}/objections",
    response={201: NoticeMessageOut, 429: NoticeMessageOut},
    auth=None,
)
def lodge_objection(request, notice_id: Id, payload: ObjectionIn):
    """Object during the period with a real name and a phone; 429 when this address has sent
    too many."""
    if not throttle.objection_allowed(request):
        return Status(429, {"detail": "提交过于频繁，请稍后再试"})
    notice = selectors.get_public_notice(notice_id)
    services.lodge_objection(
        notice=notice,
        name=payload.name,
        phone=payload.phone,
        content=payload.content,
        entry_id=payload.entry_id,
        is_bot=bool(getattr(payload, HONEYPOT)),
    )
    return Status(201, {"detail": "您的异议已收到，我们将核实后答复"})


@router.get("/{notice_id}", response=NoticeOut)
def get_notice(request, notice_id: Id):
    return selectors.get_notice_for_user(request.auth, notice_id)
