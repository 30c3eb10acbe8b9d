"""REST endpoints for staff: scoped wish list, detail, collecting, workflow verbs, statistics."""

import datetime as dt

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from gonghui.api.fields import Date, Id
from gonghui.api.pagination import ApiPagination
from gonghui.organizations.selectors import get_organization_for_user

from . import selectors, services
from .models import Wish
from .workflow import NOTE_VERBS

router = Router()


class WishOut(Schema):
    id: int
    title: str
    description: str
    category: str
    amount_band: str
    status: str
    status_label: str
    organization_id: int
    organization_name: str
    worker_name: str
    worker_phone: str
    collected_date: dt.date
    published_at: dt.datetime | None
    expires_at: dt.datetime | None
    claimed_at: dt.datetime | None
    claimant_kind: str
    claimant_name: str
    claimant_phone: str
    delivered_date: dt.date | None

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

    @staticmethod
    def resolve_claimant_name(obj):
        return obj.claimant_name_masked

    @staticmethod
    def resolve_claimant_phone(obj):
        return obj.claimant_phone_masked


class WishSensitiveOut(Schema):
    id: int
    worker_name: str
    worker_phone: str
    worker_address: str
    hardship: str
    claimant_name: str
    claimant_phone: str


class ClaimantContactOut(Schema):
    id: int
    claimant_name: str
    claimant_phone: str
    claimant_company: str


class WishIn(Schema):
    organization_id: Id
    title: str
    category: Wish.Category
    amount_band: Wish.AmountBand
    worker_name: str
    description: str = ""
    worker_phone: str = ""
    worker_address: str = ""
    hardship: str = ""
    is_home_visit: bool = True
    collected_date: Date | None = None


class NoteIn(Schema):
    note: str = ""


class WishFiguresOut(Schema):
    published: int
    claimed: int
    delivered: int
    thanked: int
    agency: int
    agency_own: int


class WishStatisticsRowOut(Schema):
    organization_id: int
    organization_name: str
    figures: WishFiguresOut


class WishStatisticsOut(Schema):
    organization_id: int | None
    start: dt.date | None
    end: dt.date | None
    totals: WishFiguresOut
    sentence: str
    rows: list[WishStatisticsRowOut]


@router.get("/", response=list[WishOut])
@paginate(ApiPagination, page_size=50)
def list_wishes(
    request,
    q: str = "",
    status: str = "",
    category: str = "",
    claimant_kind: str = "",
    organization_id: Id | None = None,
):
    org = get_organization_for_user(request.auth, organization_id) if organization_id else None
    return selectors.wishes_for_user(
        request.auth,
        selectors.WishFilter(
            q=q, status=status, category=category, claimant_kind=claimant_kind, organization=org
        ),
    )


@router.get("/statistics", response=WishStatisticsOut)
def statistics(
    request,
    organization_id: Id | None = None,
    start: Date | None = None,
    end: Date | None = None,
):
    """Published, claimed, delivered and claimed by agency staff, by subtree and period."""
    org = get_organization_for_user(request.auth, organization_id) if organization_id else None
    stats = selectors.wish_statistics(request.auth, organization=org, start=start, end=end)
    return {
        "organization_id": stats.organization.pk if stats.organization else None,
        "start": stats.start,
        "end": stats.end,
        "totals": vars(stats.totals),
        "sentence": stats.sentence if stats.organization else "",
        "rows": [
            {"organization_id": o.pk, "organization_name": o.name, "figures": vars(f)}
            for o, f in stats.rows
        ],
    }


@router.get("/{wish_id}", response=WishOut)
def get_wish(request, wish_id: Id):
    return selectors.get_wish_for_user(request.auth, wish_id)


@router.get("/{wish_id}/sensitive", response={200: WishSensitiveOut, 403: dict})
def get_wish_sensitive(request, wish_id: Id):
    """Unmasked contact details; needs the permission and is written to the audit log."""
    wish = selectors.get_wish_for_user(request.auth, wish_id)
    return {"id": wish.pk, **services.reveal_sensitive(by=request.auth, wish=wish)}


@router.get("/{wish_id}/claimant", response={200: ClaimantContactOut, 400: dict, 403: dict})
def get_wish_claimant(request, wish_id: Id):
    """The claimant's name and phone for the staff who deliver the wish; audited."""
    wish = selectors.get_wish_for_user(request.auth, wish_id)
    return {"id": wish.pk, **services.reveal_claimant(by=request.auth, wish=wish)}


@router.post("/", response={201: WishOut})
def collect_wish(request, payload: WishIn):
    data = payload.dict()
    org = get_organization_for_user(request.auth, data.pop("organization_id"))
    wish = services.collect_wish(by=request.auth, organization=org, **data)
    return Status(201, selectors.get_wish_for_user(request.auth, wish.pk))


@router.post("/{wish_id}/deliver", response=WishOut)
def deliver_wish(
    request,
    wish_id: Id,
    delivered_date: Date = Form(...),  # noqa: B008 (Ninja parameter declaration)
    note: str = Form(""),
    photo: UploadedFile | None = File(None),  # noqa: B008
):
    """Record delivery with the date and a JPG/PNG photo (multipart form)."""
    wish = selectors.get_wish_for_user(request.auth, wish_id, for_write=True)
    services.deliver_wish(
        wish=wish, by=request.auth, delivered_date=delivered_date, photo=photo, note=note
    )
    return wish


@router.post("/{wish_id}/{verb}", response=WishOut)
def transition(request, wish_id: Id, verb: str, payload: NoteIn):
    """vet, publish, thank (note optional) or withdraw (note is the required reason)."""
    if verb not in NOTE_VERBS:
        raise Http404(_("未知操作"))
    wish = selectors.get_wish_for_user(request.auth, wish_id, for_write=True)
    return services.note_verb(wish=wish, verb=verb, by=request.auth, note=payload.note)
