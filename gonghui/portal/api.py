"""Public endpoints (no login): the wish board, one wish, and claiming it."""

import datetime as dt

from django.db import transaction
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from gonghui.api.fields import Id
from gonghui.api.pagination import ApiPagination
from gonghui.wishes import selectors as wish_selectors
from gonghui.wishes import services as wish_services

from .forms import HONEYPOT
from .throttle import claim_allowed

router = Router()


class PublicWishOut(Schema):
    """What anyone may see of a wish: never a full name, phone, ID number, address or illness."""

    id: int
    title: str
    description: str
    category: str
    category_label: str
    amount_band: str
    amount_band_label: str
    is_claimed: bool
    worker_name: str
    organization_name: str
    published_at: dt.datetime | None
    claimed_at: dt.datetime | None
    claimant: str

    @staticmethod
    def resolve_category_label(obj):
        return obj.get_category_display()

    @staticmethod
    def resolve_amount_band_label(obj):
        return obj.get_amount_band_display()

    @staticmethod
    def resolve_worker_name(obj):
        return obj.worker_name_masked

    @staticmethod
    def resolve_organization_name(obj):
        return obj.organization.name

    @staticmethod
    def resolve_claimant(obj):
        return obj.claimant_name_masked if obj.is_claimed else ""


class ClaimIn(Schema):
    kind: str = "public"
    name: str
    phone: str
    company: str = ""
    website: str = ""  # honeypot: people never fill it


class MessageOut(Schema):
    detail: str


@router.get("/wishes", response=list[PublicWishOut], auth=None)
@paginate(ApiPagination, page_size=20)
def board(request, tab: str = "open", category: str = ""):
    """The public wish board: tab=open (waiting to be claimed) or tab=claimed."""
    return wish_selectors.board_wishes(tab=tab, category=category)


@router.get("/wishes/{wish_id}", response=PublicWishOut, auth=None)
def wish(request, wish_id: Id):
    return wish_selectors.get_board_wish(wish_id)


@router.post(
    "/wishes/{wish_id}/claim",
    response={201: PublicWishOut, 409: MessageOut, 429: MessageOut},
    auth=None,
)
def claim(request, wish_id: Id, payload: ClaimIn):
    """Claim a wish as a member of the public or an enterprise. 409 if someone was faster,
    429 when this address has sent too many claims."""
    if not claim_allowed(request):
        return Status(429, {"detail": "提交过于频繁，请稍后再试"})
    try:
        # A filled honeypot goes through the very same claim, checks and answer, then is
        # rolled back: a bot cannot tell from the status or the body that nothing was saved.
        with transaction.atomic():
            wish_services.claim_wish(
                wish=wish_selectors.get_board_wish(wish_id),
                kind=payload.kind,
                name=payload.name,
                phone=payload.phone,
                company=payload.company,
            )
            claimed = wish_selectors.get_board_wish(wish_id)
            if getattr(payload, HONEYPOT):
                transaction.set_rollback(True)
    except wish_services.AlreadyClaimed as exc:
        return Status(409, {"detail": exc.message})
    return Status(201, claimed)
