"""Reads of wishes: the scoped staff list, the public board, statistics and export rows."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.chinese import to_simplified
from gonghui.core.privacy import mask_phone
from gonghui.organizations.models import Organization

from .models import Wish
from .permissions import verbs_for
from .workflow import CLAIMED_OR_LATER, Status

# The columns the public board reads; the worker's name is read only to be masked.
PUBLIC_FIELDS = [
    "id",
    "title",
    "description",
    "category",
    "amount_band",
    "status",
    "worker_name",
    "published_at",
    "claimed_at",
    "claimant_kind",
    "claimant_name",
    "claimant_company",
    "organization__name",
]


@dataclass
class WishFilter:
    q: str = ""
    status: str = ""
    category: str = ""
    claimant_kind: str = ""
    organization: Organization | None = None


def wishes_for_user(user, filters: WishFilter | None = None):
    filters = filters or WishFilter()
    qs = Wish.objects.visible_to(user)
    if filters.organization is not None:
        qs = qs.in_subtree(filters.organization)
    if filters.status in Status.values:
        qs = qs.filter(status=filters.status)
    if filters.category in Wish.Category.values:
        qs = qs.filter(category=filters.category)
    if filters.claimant_kind in Wish.ClaimantKind.values:
        qs = qs.filter(claimant_kind=filters.claimant_kind)
    if filters.q:
        q = to_simplified(filters.q.strip())
        qs = qs.filter(Q(title__contains=q) | Q(worker_name__startswith=q))
    return qs.select_related("organization").order_by("-pk")


def get_wish_for_user(user, pk, *, for_write: bool = False) -> Wish:
    """A wish in the user's scope (404 otherwise); for_write also needs a handling permission."""
    try:
        wish = (
            Wish.objects.visible_to(user)
            .select_related("organization", "person", "created_by", "claimed_by")
            .get(pk=pk)
        )
    except (Wish.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("微心愿不存在或无权访问")) from exc
    if for_write and not verbs_for(user):
        raise Http404(_("微心愿不存在或无权访问"))
    return wish


def history_of(wish: Wish):
    return wish.history.select_related("by").order_by("at", "pk")


# --- The public board -------------------------------------------------------------------

BOARD_TABS = {
    "open": [Status.PUBLISHED],
    "claimed": CLAIMED_OR_LATER,
}


def board_wishes(*, tab: str = "open", category: str = ""):
    """Wishes on the public board, public fields only; newest first."""
    statuses = BOARD_TABS.get(tab, BOARD_TABS["open"])
    qs = Wish.objects.filter(status__in=statuses)
    if category in Wish.Category.values:
        qs = qs.filter(category=category)
    return qs.select_related("organization").only(*PUBLIC_FIELDS).order_by("-published_at", "-id")


def get_board_wish(pk) -> Wish:
    try:
        return (
            Wish.objects.on_board().select_related("organization").only(*PUBLIC_FIELDS).get(pk=pk)
        )
    except (Wish.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("心愿不存在或已下架")) from exc


def board_counts() -> dict:
    """Headline figures for the board: open wishes and wishes already claimed.

    Two counts, each answered from an index, rather than one pass over every wish."""
    return {
        "open": Wish.objects.filter(status=Status.PUBLISHED).count(),
        "claimed": Wish.objects.filter(status__in=CLAIMED_OR_LATER).count(),
    }


# --- Statistics --------------------------------------------------------------------------

# The words a report of an organisation of each kind uses: "全省…其中省总工会机关…".
REGION_WORDS = {
    Organization.Kind.NATIONAL: ("全国", "全总"),
    Organization.Kind.PROVINCIAL: ("全省", "省总工会"),
    Organization.Kind.CITY: ("全市", "市总工会"),
    Organization.Kind.COUNTY: ("全县（区）", "县（区）总工会"),
}


@dataclass
class WishFigures:
    published: int = 0
    claimed: int = 0
    delivered: int = 0
    thanked: int = 0
    agency: int = 0
    agency_own: int = 0  # claimed by staff of the organisation's own agency (机关)

    @property
    def claim_rate(self) -> float:
        return round(self.claimed * 100 / self.published, 1) if self.published else 0.0


@dataclass
class WishStatistics:
    organization: Organization | None
    start: dt.date | None
    end: dt.date | None
    totals: WishFigures
    rows: list = field(default_factory=list)  # (Organization, WishFigures) per child

    @property
    def sentence(self) -> str:
        """The figures in the words of a progress report (seed 000's last sentence)."""
        org = self.organization
        region, agency = REGION_WORDS.get(org.kind, ("全系统", org.name)) if org else ("", "")
        t = self.totals
        return (
            f"目前{region}困难职工已发布微心愿{t.published}个，爱心人士认领{t.claimed}个，"
            f"其中{agency}机关干部职工认领{t.agency_own}个"
        )


def _day_range(start: dt.date | None, end: dt.date | None):
    tz = timezone.get_current_timezone()
    low = dt.datetime.combine(start, dt.time.min, tz) if start else None
    high = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tz) if end else None
    return low, high


def _figure_aggregates(org: Organization | None, start, end) -> dict:
    low, high = _day_range(start, end)

    def within(prefix: str) -> Q:
        q = Q(**{f"{prefix}__isnull": False})
        if low:
            q &= Q(**{f"{prefix}__gte": low})
        if high:
            q &= Q(**{f"{prefix}__lt": high})
        return q

    delivered = Q(delivered_date__isnull=False)
    if start:
        delivered &= Q(delivered_date__gte=start)
    if end:
        delivered &= Q(delivered_date__lte=end)
    claimed = within("claimed_at")
    agency = claimed & Q(claimant_kind=Wish.ClaimantKind.AGENCY_STAFF)
    return {
        "published": Count("pk", filter=within("published_at")),
        "claimed": Count("pk", filter=claimed),
        "delivered": Count("pk", filter=delivered),
        "thanked": Count("pk", filter=within("thanked_at")),
        "agency": Count("pk", filter=agency),
        "agency_own": Count("pk", filter=agency & Q(claimant_organization=org) if org else agency),
    }


def wish_statistics(
    user,
    *,
    organization: Organization | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> WishStatistics:
    """Published / claimed / delivered / claimed by agency staff in an organisation's subtree
    over a period, with one row per child organisation. Three queries whatever the size."""
    if organization is None and user.organization_id:
        organization = user.organization
    qs = Wish.objects.visible_to(user)
    if organization is not None:
        qs = qs.in_subtree(organization)
    aggregates = _figure_aggregates(organization, start, end)
    totals = WishFigures(**qs.aggregate(**aggregates))
    rows = []
    children = (
        list(Organization.objects.filter(parent=organization).order_by("sort_order", "name"))
        if organization is not None
        else []
    )
    if children:
        # Paths are fixed-width per level: a child's path is the prefix of its whole subtree.
        width = len(children[0].path)
        per_child = {
            row.pop("branch"): row
            for row in qs.exclude(organization=organization)
            .annotate(branch=Substr("org_path", 1, width))
            .values("branch")
            .annotate(**aggregates)
            .order_by()
        }
        for child in children:
            figures = per_child.get(child.path)
            if figures:
                figures["agency_own"] = 0
                rows.append((child, WishFigures(**figures)))
    return WishStatistics(organization, start, end, totals, rows)


# --- Export ------------------------------------------------------------------------------

EXPORT_HEADERS = [
    "编号",
    "心愿",
    "类别",
    "金额区间",
    "状态",
    "所属组织",
    "职工",
    "职工电话",
    "征集日期",
    "发布时间",
    "认领人类型",
    "认领人",
    "认领人电话",
    "认领时间",
    "送达日期",
]


def export_rows(qs, *, unmasked: bool):
    for wish in qs.iterator(chunk_size=2000):
        yield [
            wish.pk,
            wish.title,
            wish.get_category_display(),
            wish.get_amount_band_display(),
            wish.get_status_display(),
            wish.organization.name,
            wish.worker_name if unmasked else wish.worker_name_masked,
            wish.worker_phone if unmasked else mask_phone(wish.worker_phone),
            wish.collected_date,
            timezone.localtime(wish.published_at) if wish.published_at else None,
            wish.get_claimant_kind_display(),
            wish.claimant_name if unmasked else wish.claimant_name_masked,
            wish.claimant_phone if unmasked else mask_phone(wish.claimant_phone),
            timezone.localtime(wish.claimed_at) if wish.claimed_at else None,
            wish.delivered_date,
        ]
