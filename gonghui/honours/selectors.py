"""Reads of 推优评先: scoped rounds and nominations, the review queue of a level, statistics and
the one-line figures, the honourees of a commendation, a person's honours history."""

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonghui.core.chinese import to_simplified
from gonghui.core.privacy import mask_name
from gonghui.organizations.models import Organization

from .models import AwardType, Honour, Level, Nomination, Quota, Round, VettingBody
from .workflow import FINAL, LIVE, Status


def rounds_for_user(user, *, year: int | None = None):
    """Rounds the user's organisation runs or takes part in: run in their subtree, or run
    above them (they nominate into it)."""
    qs = Round.objects.visible_to(user)
    scope = getattr(user, "scope", None)
    if scope is not None and scope.org_path and not user.is_superuser:
        ancestors = [scope.org_path[:i] for i in range(4, len(scope.org_path) + 1, 4)]
        qs = Round.objects.filter(Q(pk__in=qs.values("pk")) | Q(org_path__in=ancestors))
    if year:
        qs = qs.filter(year=year)
    return qs.select_related("organization").order_by("-year", "-pk")


def get_round_for_user(user, pk) -> Round:
    try:
        return rounds_for_user(user).get(pk=pk)
    except (Round.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("评选不存在或无权访问")) from exc


@dataclass
class NominationFilter:
    round: Round | None = None
    status: str = ""
    award_id: int | None = None
    q: str = ""
    organization: Organization | None = None
    queue: bool = False  # only those waiting for the user's own organisation


LIST_FIELDS = (
    "id",
    "nominee_name",
    "unit",
    "status",
    "rank",
    "is_frontline",
    "person_id",
    "round_id",
    "round__name",
    "award__name",
    "organization__name",
    "at_organization__name",
    "submitted_at",
)


def nominations_for_user(user, filters: NominationFilter | None = None):
    filters = filters or NominationFilter()
    # Newest first over a whole province: walking the primary key backwards and checking the
    # path beats reading the subtree's range and sorting it (indexed=False).
    qs = Nomination.objects.visible_to(user, indexed=False)
    if filters.round is not None:
        qs = qs.filter(round=filters.round)
    if filters.organization is not None:
        qs = qs.in_subtree(filters.organization)
    if filters.status in Status.values:
        qs = qs.filter(status=filters.status)
    if filters.award_id:
        qs = qs.filter(award_id=filters.award_id)
    if filters.queue:
        qs = qs.filter(at_organization_id=user.organization_id, status=Status.SUBMITTED)
    if filters.q:
        q = to_simplified(filters.q.strip())
        qs = qs.filter(Q(nominee_name__startswith=q) | Q(unit__contains=q))
    return qs.select_related("round", "award", "organization", "at_organization").order_by("-id")


def nominations_for_api(user, filters: NominationFilter | None = None):
    """The API's list: its schema names the award only, so only the award is joined."""
    return nominations_for_user(user, filters).select_related(None).select_related("award")


# What the list page shows of a nomination (the deeds and opinions stay in the database).
PAGE_FIELDS = (
    "id",
    "nominee_name",
    "person_id",
    "unit",
    "status",
    "rank",
    "is_frontline",
    "award__name",
    "organization__name",
    "at_organization__name",
)


class KeyedPage:
    """A filtered, newest-first nomination list as the paginator slices it: a page first takes
    its keys from the nomination table alone (the rows skipped by OFFSET are never joined),
    then loads those rows with their award and organisation names; counting stops at the
    paginator's cap (`order_by()` hands it the unordered query)."""

    def __init__(self, queryset):
        self.queryset = queryset

    def order_by(self, *fields):
        return self.queryset.order_by(*fields)

    def count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        keys = list(self.queryset.values_list("pk", flat=True)[index])
        if not keys:
            return []
        return list(
            Nomination.objects.filter(pk__in=keys)
            .select_related("award", "organization", "at_organization")
            .only(*PAGE_FIELDS)
            .order_by("-id")
        )


def nomination_page_rows(user, filters: NominationFilter | None = None) -> KeyedPage:
    return KeyedPage(nominations_for_user(user, filters).select_related(None))


def get_nomination_for_user(user, pk) -> Nomination:
    try:
        return (
            Nomination.objects.visible_to(user)
            .select_related(
                "round",
                "round__organization",
                "award",
                "organization",
                "at_organization",
                "person",
                "created_by",
            )
            .get(pk=pk)
        )
    except (Nomination.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("推荐对象不存在或无权访问")) from exc


def history_of(nomination: Nomination):
    return nomination.history.select_related("by", "organization").order_by("at", "pk")


def round_history(round_: Round):
    return round_.history.select_related("by").order_by("at", "pk")


def attachments_of(nomination: Nomination):
    return nomination.attachments.order_by("pk")


def get_attachment_for_user(user, nomination_pk, attachment_pk):
    nomination = get_nomination_for_user(user, nomination_pk)
    attachment = nomination.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404(_("附件不存在"))
    return attachment


def opinions_of(nomination: Nomination):
    return nomination.opinions.select_related("body").order_by("body__sort_order")


def quotas_of(round_: Round):
    return (
        Quota.objects.filter(round=round_)
        .select_related("organization", "award")
        .order_by("organization__path", "award__sort_order")
    )


def active_awards():
    return AwardType.objects.filter(is_active=True)


def active_vetting_bodies():
    return VettingBody.objects.filter(is_active=True)


def get_award(pk) -> AwardType:
    try:
        return AwardType.objects.get(pk=pk, is_active=True)
    except (AwardType.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("奖项不存在")) from exc


def get_vetting_body(pk) -> VettingBody:
    try:
        return VettingBody.objects.get(pk=pk)
    except (VettingBody.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("征求意见单位不存在")) from exc


def awards_by_name(names) -> dict[str, AwardType]:
    return {a.name: a for a in AwardType.objects.filter(name__in=list(names))}


# --- Statistics -------------------------------------------------------------------------------


@dataclass
class AwardCount:
    award: str
    level: str
    subject: str
    nominated: int
    recommended: int
    honoured: int


def round_counts(round_: Round) -> list[AwardCount]:
    """Per award of a round: live nominations, those that reached the round's level, honoured."""
    rows = (
        Nomination.objects.filter(round=round_)
        .values("award__name", "award__level", "award__subject", "award__sort_order")
        .annotate(
            nominated=Count("id", filter=Q(status__in=LIVE)),
            recommended=Count("id", filter=Q(status__in=FINAL)),
            honoured=Count("id", filter=Q(status=Status.COMMENDED)),
        )
        .order_by("award__sort_order", "award__name")
    )
    return [
        AwardCount(
            r["award__name"],
            Level(r["award__level"]).label,
            AwardType.Subject(r["award__subject"]).label,
            r["nominated"],
            r["recommended"],
            r["honoured"],
        )
        for r in rows
    ]


def sentence(round_: Round, counts: list[AwardCount]) -> str:
    """Seed 004's sentence: 推荐（表彰）五一先锋集体13个、五一先锋岗14个 …"""
    parts = []
    for c in counts:
        n = c.honoured if round_.status == "commended" else c.recommended
        if n:
            unit = _("个") if c.subject == AwardType.Subject.COLLECTIVE.label else _("名")
            parts.append(f"{c.award}{n}{unit}")
    if not parts:
        return ""
    verb = _("表彰") if round_.status == "commended" else _("推荐")
    return _("%(org)s%(year)s年%(verb)s%(list)s。") % {
        "org": round_.organization.name,
        "year": round_.year,
        "verb": verb,
        "list": "、".join(parts),
    }


def statistics_for_user(user, *, year: int | None = None, level: str = "", organization=None):
    """Honours by award and level in the user's subtree (or a narrower one), with totals."""
    qs = Honour.objects.visible_to(user)
    if organization is not None:
        qs = qs.in_subtree(organization)
    if year:
        qs = qs.filter(year=year)
    if level in Level.values:
        qs = qs.filter(award__level=level)
    rows = list(
        qs.values("award__name", "award__level")
        .annotate(n=Count("id"), people=Count("id", filter=Q(person__isnull=False)))
        .order_by("award__level", "award__name")
    )
    for r in rows:
        r["level_label"] = Level(r["award__level"]).label
    return {"rows": rows, "total": sum(r["n"] for r in rows)}


def honours_awarded(user, *, start: dt.date, end: dt.date) -> dict[str, int]:
    """Honours conferred in the period (both ends included) in the user's scope, by award
    level: by the commendation's date, or by year for honours recorded without a round (their
    year must lie wholly within the period)."""
    qs = Honour.objects.visible_to(user).filter(
        Q(round__commended_at__date__gte=start, round__commended_at__date__lte=end)
        | Q(
            round__isnull=True,
            year__gte=start.year + (start > dt.date(start.year, 1, 1)),
            year__lte=end.year - (end < dt.date(end.year, 12, 31)),
        )
    )
    counts = dict(qs.values_list("award__level").annotate(n=Count("id")).order_by())
    return {level: counts.get(level, 0) for level in Level.values}


def honourees(round_: Round) -> list[dict]:
    """The honoured (or, before 表彰, the approved) of a round as plain rows for the decision,
    grouped by award then unit; the document is for the record, so names are in full."""
    statuses = [Status.COMMENDED] if round_.status == "commended" else [Status.APPROVED]
    return list(
        Nomination.objects.filter(round=round_, status__in=statuses)
        .order_by("award__sort_order", "award__name", "unit", "rank", "pk")
        .values("nominee_name", "unit", "post_title", "award__name", "award__subject")
    )


def decision_groups(round_: Round) -> "OrderedDict[str, list[dict]]":
    groups: OrderedDict[str, list[dict]] = OrderedDict()
    for row in honourees(round_):
        groups.setdefault(row["award__name"], []).append(row)
    return groups


@dataclass
class CommendedRound:
    """A commendation as evidence for a unit: its honourees in the unit's subtree, by award."""

    round_id: int
    name: str
    commended_on: dt.date | None
    by_award: list[tuple[str, int]]

    @property
    def total(self) -> int:
        return sum(n for _award, n in self.by_award)


def commended_rounds(user, *, organization, start: dt.date, end: dt.date, limit: int = 20):
    """Rounds commended in the period (both ends included) whose honourees include the unit's
    subtree, newest first, with the honourees counted per award (one grouped query)."""
    rows = (
        Honour.objects.visible_to(user)
        .in_subtree(organization)
        .filter(
            round__status="commended",
            round__commended_at__date__gte=start,
            round__commended_at__date__lte=end,
        )
        .values("round_id", "round__name", "round__commended_at", "award__name")
        .annotate(n=Count("id"))
        .order_by("-round__commended_at", "-round_id", "award__name")
    )
    found: OrderedDict[int, CommendedRound] = OrderedDict()
    for r in rows:
        entry = found.get(r["round_id"])
        if entry is None:
            if len(found) == limit:
                break
            at = r["round__commended_at"]
            entry = found[r["round_id"]] = CommendedRound(
                r["round_id"], r["round__name"], timezone.localdate(at) if at else None, []
            )
        entry.by_award.append((r["award__name"], r["n"]))
    return list(found.values())


def honours_of_person(user, person) -> list[Honour]:
    return list(
        Honour.objects.visible_to(user)
        .filter(person=person)
        .select_related("award")
        .order_by("-year", "-pk")
    )


def export_rows(items, *, unmasked: bool):
    for n in items:
        name = n.nominee_name if (unmasked or not n.person_id) else mask_name(n.nominee_name)
        yield [
            n.round.name,
            n.award.name,
            name,
            n.unit,
            n.post_title,
            _("是") if n.is_frontline else _("否"),
            n.organization.name,
            n.at_organization.name,
            n.get_status_display(),
            n.rank or "",
        ]


EXPORT_HEADERS = (
    gettext_lazy("评选"),
    gettext_lazy("奖项"),
    gettext_lazy("推荐对象"),
    gettext_lazy("工作单位"),
    gettext_lazy("职务/岗位"),
    gettext_lazy("一线职工"),
    gettext_lazy("推荐单位"),
    gettext_lazy("当前审核单位"),
    gettext_lazy("状态"),
    gettext_lazy("排序"),
)


def today() -> dt.date:
    return dt.date.today()
