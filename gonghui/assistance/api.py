"""REST endpoints of the assistance app: scoped archive list and detail (masked), entry, the
workflow verbs, the audited reveal with a stated reason, batches and statistics."""

import datetime as dt
from typing import Annotated

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from gonghui.api.fields import Count, Date, Id
from gonghui.api.pagination import ApiPagination
from gonghui.organizations.selectors import get_organization_for_user

from . import selectors, services
from .models import Archive, FundSource, Programme, Tier

router = Router()

SearchText = Annotated[str, Field(max_length=50)]
IdNumberText = Annotated[str, Field(min_length=15, max_length=18)]

ARCHIVE_VERBS = ["submit", "withdraw", "review", "approve", "return", "recheck"]
BATCH_VERBS = ["approve", "return", "cancel", "pay"]


class ArchiveOut(Schema):
    id: int
    number: str
    worker_name: str
    id_number: str
    phone: str
    organization_id: int
    organization_name: str
    household_size: int
    tier: str
    proposed_tier: str
    status: str
    status_label: str
    review_due_date: dt.date | None

    @staticmethod
    def resolve_worker_name(obj):
        return obj.worker_name_masked

    @staticmethod
    def resolve_id_number(obj):
        return obj.id_number_masked

    @staticmethod
    def resolve_phone(obj):
        return obj.phone_masked

    @staticmethod
    def resolve_organization_name(obj):
        return obj.organization.name

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()


class MemberIn(Schema):
    name: str = Field(max_length=50)
    relation: str = Field(max_length=20)
    id_number: str = Field("", max_length=18)
    health: str = Field("", max_length=200)
    occupation: str = Field("", max_length=12)


class ArchiveIn(Schema):
    organization_id: Id
    worker_name: str = Field(max_length=50)
    id_number: str = Field(max_length=18)
    phone: str = Field("", max_length=20)
    address: str = Field("", max_length=200)
    health: str = Field("", max_length=200)
    household_size: int = Field(ge=1, le=30)
    monthly_income_fen: int = Field(ge=0, le=10**11)
    local_standard_fen: int = Field(ge=1, le=10**9)
    reasons: list[str] = Field(default_factory=list, max_length=10)
    housing: str = Field("", max_length=12)
    situation: str = Field("", max_length=500)
    bank_name: str = Field("", max_length=60)
    bank_account: str = Field("", max_length=25)
    members: list[MemberIn] = Field(default_factory=list, max_length=20)


class AssistanceNoteIn(Schema):
    note: str = Field("", max_length=300)


class RevealIn(Schema):
    reason: str = Field(max_length=200)


class MemberOut(Schema):
    name: str
    relation: str
    id_number: str
    health: str


class SensitiveOut(Schema):
    id: int
    worker_name: str
    id_number: str
    phone: str
    address: str
    health: str
    bank_account: str
    monthly_income: str
    situation: str
    members: list[MemberOut]


class BatchOut(Schema):
    id: int
    name: str
    organization_id: int
    programme: Programme
    fund_source: FundSource
    budget_fen: int
    total_fen: int
    num_entries: int
    status: str
    planned_date: dt.date
    paid_date: dt.date | None


class ProgrammeOut(Schema):
    programme: str
    label: str
    records: int
    headcount: int
    amount_fen: int
    goods_value_fen: int


class HeadlineOut(Schema):
    enterprises_visited: int
    households_visited: int
    warmth_cash_fen: int
    warmth_goods_fen: int
    warmth_people: int
    education_fen: int
    education_students: int
    trained: int
    mutual_aid_enrolled: int
    women_covered: int
    tickets: int
    model_worker_national: int
    model_worker_provincial: int
    model_worker_city: int
    model_worker_warmth_fen: int
    mw_living_people: int
    mw_living_fen: int
    mw_special_people: int
    mw_special_fen: int


class AssistanceStatisticsOut(Schema):
    organization_id: int | None
    start: dt.date | None
    end: dt.date | None
    headline: HeadlineOut
    programmes: list[ProgrammeOut]
    open_archives: Count
    overdue: Count


@router.get("/archives", response=list[ArchiveOut])
@paginate(ApiPagination, page_size=50)
def list_archives(
    request,
    q: SearchText = "",
    status: str = "",
    tier: Tier | None = None,
    organization_id: Id | None = None,
    overdue: bool = False,
):
    """Archives in the caller's scope; `q` is a name, pinyin initials or an archive number
    (a full ID number is looked up with /archives/lookup)."""
    org = get_organization_for_user(request.auth, organization_id) if organization_id else None
    if len(q) >= 15 and q[:15].isdigit():
        q = ""
    return selectors.archives_for_user(
        request.auth,
        selectors.ArchiveFilter(
            q=q, status=status, tier=tier or "", organization=org, overdue=overdue
        ),
    ).defer("address", "health", "bank_account", "monthly_income", "situation")


@router.get("/archives/lookup", response={200: list[ArchiveOut], 403: dict, 429: dict})
def lookup_archive(request, id_number: IdNumberText):
    """The archive with this full ID number in the caller's scope; needs the sensitive
    permission, is rate-limited and audited."""
    return list(selectors.archives_for_user(request.auth, selectors.ArchiveFilter(q=id_number))[:5])


@router.get("/archives/{archive_id}", response=ArchiveOut)
def get_archive(request, archive_id: Id):
    return selectors.get_archive_for_user(request.auth, archive_id)


@router.post("/archives/{archive_id}/reveal", response=SensitiveOut)
def reveal_archive(request, archive_id: Id, payload: RevealIn):
    """The household's full data; needs the permission and a stated reason; audited."""
    archive = selectors.get_archive_for_user(request.auth, archive_id)
    values = services.reveal_archive(by=request.auth, archive=archive, reason=payload.reason)
    return {"id": archive.pk, **values}


@router.post("/archives", response={201: ArchiveOut})
def create_archive(request, payload: ArchiveIn):
    data = payload.dict()
    org = get_organization_for_user(request.auth, data.pop("organization_id"))
    if data.get("housing") and data["housing"] not in Archive.Housing.values:
        data["housing"] = ""
    archive = services.create_archive(by=request.auth, organization=org, **data)
    return Status(201, selectors.get_archive_for_user(request.auth, archive.pk))


@router.post("/archives/{archive_id}/{verb}", response=ArchiveOut)
def archive_transition(request, archive_id: Id, verb: str, payload: AssistanceNoteIn):
    """submit, withdraw, review, approve, return (note required), recheck."""
    if verb not in ARCHIVE_VERBS:
        raise Http404(_("未知操作"))
    archive = selectors.get_archive_for_user(request.auth, archive_id, for_write=True)
    return services.note_verb(archive=archive, verb=verb, by=request.auth, note=payload.note)


@router.get("/batches", response=list[BatchOut])
@paginate(ApiPagination, page_size=50)
def list_batches(request):
    return selectors.batches_for_user(request.auth)


@router.get("/batches/{batch_id}", response=BatchOut)
def get_batch(request, batch_id: Id):
    return selectors.get_batch_for_user(request.auth, batch_id)


@router.post("/batches/{batch_id}/{verb}", response=BatchOut)
def batch_transition(request, batch_id: Id, verb: str, payload: AssistanceNoteIn):
    """approve, return (note required), cancel, pay (today, by the caller)."""
    if verb not in BATCH_VERBS:
        raise Http404(_("未知操作"))
    batch = selectors.get_batch_for_user(request.auth, batch_id)
    if verb == "approve":
        return services.approve_batch(by=request.auth, batch=batch, note=payload.note)
    if verb == "return":
        return services.return_batch(by=request.auth, batch=batch, note=payload.note)
    if verb == "cancel":
        return services.cancel_batch(by=request.auth, batch=batch, note=payload.note)
    return services.pay_batch(by=request.auth, batch=batch)


@router.get("/statistics", response=AssistanceStatisticsOut)
def statistics(
    request,
    organization_id: Id | None = None,
    start: Date | None = None,
    end: Date | None = None,
    fund_source: FundSource | None = None,
):
    """The headline figures of a year-end report (enterprises and households visited,
    慰问金, 助学, training, mutual aid, women's cover, tickets, 劳模 care) and every
    programme's totals, for the caller's scope or a subtree of it, over a period."""
    org = get_organization_for_user(request.auth, organization_id) if organization_id else None
    stats = selectors.assistance_statistics(
        request.auth,
        organization=org,
        start=start,
        end=end,
        fund_source=fund_source or "",
        breakdown=False,
    )
    return {
        "organization_id": stats.organization.pk if stats.organization else None,
        "start": stats.start,
        "end": stats.end,
        "headline": stats.headline,
        "programmes": [vars(p) for p in stats.programmes],
        "open_archives": stats.open_archives,
        "overdue": stats.overdue,
    }
