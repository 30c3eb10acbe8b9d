"""Reads of demands: the scoped lists (the union's own, the 督办 list, overdue), a demand with
its hops and history, the public lookup, statistics with hot topics, and export rows."""

import datetime as dt
import hmac
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q
from django.db.models.functions import Substr, TruncMonth
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.chinese import to_simplified
from gonghui.organizations.models import Organization
from gonghui.organizations.scoping import ScopedQuerySet

from . import tickets
from .models import Demand, DemandAttachment, DemandHop, DemandTopic, DemandType
from .permissions import can_handle
from .workflow import ANSWERED_OR_LATER, OPEN, Status

LIST_FIELDS = [
    "id",
    "ticket",
    "channel",
    "status",
    "is_anonymous",
    "worker_name",
    "worker_phone",
    "summary",
    "received_at",
    "accept_due_at",
    "finish_due_at",
    "is_overdue",
    "is_escalated",
    "rating",
    "organization_id",
    "org_path",
    "demand_type_id",
    "topic_id",
    "organization__name",
    "supervising_org_id",
]


@dataclass
class DemandFilter:
    q: str = ""
    status: str = ""
    channel: str = ""
    demand_type: str = ""
    topic: str = ""
    view: str = ""  # "" all · "own" held by the user's union · "overdue" · "open"
    organization: Organization | None = None


def _types() -> dict[int, DemandType]:
    return {t.pk: t for t in DemandType.objects.all()}


def _topics() -> dict[int, DemandTopic]:
    return {t.pk: t for t in DemandTopic.objects.all()}


def attach_labels(page) -> None:
    """Type and topic names on a page of demands from two small reads of the managed lists
    (rather than two joins per row)."""
    types, topics = _types(), _topics()
    for demand in page:
        demand.type_name = str(types.get(demand.demand_type_id, ""))
        demand.topic_name = str(topics.get(demand.topic_id, ""))


def demands_for_user(user, filters: DemandFilter | None = None):
    filters = filters or DemandFilter()
    qs = Demand.objects.visible_to(user)
    if filters.organization is not None:
        qs = qs.in_subtree(filters.organization)
    if filters.view == "own" and user.organization_id:
        qs = qs.filter(organization_id=user.organization_id)
    elif filters.view == "overdue":
        qs = qs.filter(is_overdue=True)
    elif filters.view == "open":
        qs = qs.filter(status__in=OPEN)
    if filters.status in Status.values:
        qs = qs.filter(status=filters.status)
    if filters.channel in Demand.Channel.values:
        qs = qs.filter(channel=filters.channel)
    if filters.demand_type.isdigit():
        qs = qs.filter(demand_type_id=int(filters.demand_type))
    if filters.topic.isdigit():
        qs = qs.filter(topic_id=int(filters.topic))
    if filters.q:
        q = to_simplified(filters.q.strip())
        normalised = tickets.normalise(q)
        if tickets.is_well_formed(normalised):
            qs = qs.filter(ticket=normalised)
        else:
            qs = qs.filter(Q(summary__contains=q) | Q(employer__contains=q))
    return qs.select_related("organization").only(*LIST_FIELDS).order_by("-id")


def supervised_for_user(user):
    """The 督办 list of the user's union: demands escalated to it, newest first."""
    return (
        Demand.objects.supervised_by(user)
        .select_related("organization")
        .only(*LIST_FIELDS)
        .order_by("-id")
    )


def get_demand_for_user(user, pk, *, for_write: bool = False) -> Demand:
    """A demand in the user's scope and routing chain (404 otherwise); for_write also needs
    the handling permission."""
    try:
        demand = (
            Demand.objects.visible_to(user)
            .select_related(
                "organization__parent",
                "receiving_org",
                "demand_type",
                "topic",
                "supervising_org",
                "created_by",
            )
            .get(pk=pk)
        )
    except (Demand.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("职工诉求不存在或无权访问")) from exc
    if for_write and not can_handle(user):
        raise Http404(_("职工诉求不存在或无权访问"))
    return demand


def history_of(demand: Demand):
    return demand.history.select_related("by").order_by("at", "pk")


def hops_of(demand: Demand):
    return demand.hops.select_related("from_org", "organization", "by").order_by("started_at", "pk")


def attachments_of(demand: Demand):
    return list(demand.attachments.order_by("pk"))


def collaborators_of(demand: Demand):
    return list(demand.collaborators.select_related("organization").order_by("pk"))


def get_attachment(demand: Demand, pk) -> DemandAttachment:
    found = demand.attachments.filter(pk=pk).first()
    if found is None:
        raise Http404(_("附件不存在"))
    return found


def transfer_targets(user, demand: Demand, *, limit: int = 200):
    """Unions below the holder in the user's scope (for 转办), nearest first."""
    return (
        Organization.objects.visible_to(user)
        .subtree(demand.org_path, include_self=False)
        .filter(is_active=True)
        .order_by("depth", "sort_order", "name")[:limit]
    )


def receiving_unions():
    """Unions a visitor may address a demand to on the public form: provincial and city
    federations."""
    return Organization.objects.filter(
        is_active=True, kind__in=[Organization.Kind.PROVINCIAL, Organization.Kind.CITY]
    ).order_by("path")


def get_receiving_union(pk) -> Organization:
    try:
        return receiving_unions().get(pk=pk)
    except (Organization.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("请选择受理的工会")) from exc


def active_types():
    return DemandType.objects.filter(is_active=True)


def active_topics():
    return DemandTopic.objects.filter(is_active=True)


# --- The public lookup ------------------------------------------------------------------

PUBLIC_FIELDS = [
    "id",
    "ticket",
    "status",
    "worker_phone",
    "summary",
    "received_at",
    "finish_due_at",
    "answered_at",
    "answer",
    "rating",
    "reopened_at",
    "closed_at",
    "organization__name",
    "demand_type__name",
]


def lookup_for_worker(ticket: str, phone_last4: str) -> Demand | None:
    """The demand with this ticket when the phone's last four digits match; None otherwise,
    the same for a ticket that does not exist, a malformed one and wrong digits."""
    ticket = tickets.normalise(ticket)
    digits = "".join(ch for ch in (phone_last4 or "") if ch.isdigit())
    if not tickets.is_well_formed(ticket) or len(digits) != 4:
        return None
    demand = (
        Demand.objects.filter(ticket=ticket)
        .select_related("organization", "demand_type")
        .only(*PUBLIC_FIELDS)
        .first()
    )
    stored = demand.worker_phone[-4:] if demand is not None and demand.worker_phone else ""
    # Compared in constant time, and even when there is no demand, so timing tells nothing.
    matches = hmac.compare_digest(stored.encode() or b"----", digits.encode())
    return demand if demand is not None and matches and len(stored) == 4 else None


# --- Statistics ---------------------------------------------------------------------------


@dataclass
class DemandStatistics:
    organization: Organization | None
    start: dt.date | None
    end: dt.date | None
    total: int = 0
    accepted: int = 0
    accepted_on_time: int = 0
    answered: int = 0
    answered_on_time: int = 0
    rated: int = 0
    satisfied: int = 0
    overdue: int = 0
    escalated: int = 0
    avg_days: float | None = None
    by_channel: list = field(default_factory=list)
    by_type: list = field(default_factory=list)
    by_topic: list = field(default_factory=list)
    by_month: list = field(default_factory=list)
    by_branch: list = field(default_factory=list)
    hot_words: list = field(default_factory=list)

    @staticmethod
    def _rate(part: int, whole: int) -> float | None:
        return round(part * 100 / whole, 1) if whole else None

    @property
    def accept_rate(self):
        return self._rate(self.accepted_on_time, self.accepted)

    @property
    def finish_rate(self):
        return self._rate(self.answered_on_time, self.answered)

    @property
    def satisfaction_rate(self):
        return self._rate(self.satisfied, self.rated)


def _counted(user, organization, start, end):
    """Demands counted for the user: their subtree, without the routing-chain condition (a
    count shows nobody's content)."""
    qs = ScopedQuerySet.visible_to(Demand.objects.all(), user)
    if organization is not None:
        qs = qs.in_subtree(organization)
    tz = timezone.get_current_timezone()
    if start:
        qs = qs.filter(received_at__gte=dt.datetime.combine(start, dt.time.min, tz))
    if end:
        qs = qs.filter(
            received_at__lt=dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tz)
        )
    return qs


def _grouped(qs, key: str, labels=None) -> list[tuple[str, int]]:
    rows = qs.values(key).annotate(n=Count("pk")).order_by("-n")
    return [(labels(row[key]) if labels else row[key], row["n"]) for row in rows]


def demand_statistics(
    user,
    *,
    organization: Organization | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    hot_words: int = 15,
) -> DemandStatistics:
    if organization is None and user.organization_id:
        organization = user.organization
    qs = _counted(user, organization, start, end)
    handling = ExpressionWrapper(F("answered_at") - F("received_at"), output_field=DurationField())
    agg = qs.aggregate(
        total=Count("pk"),
        accepted=Count("pk", filter=Q(accepted_at__isnull=False)),
        accepted_on_time=Count("pk", filter=Q(accepted_at__lt=F("accept_due_at"))),
        answered=Count("pk", filter=Q(status__in=ANSWERED_OR_LATER)),
        answered_on_time=Count(
            "pk", filter=Q(status__in=ANSWERED_OR_LATER, answered_at__lt=F("finish_due_at"))
        ),
        rated=Count("pk", filter=~Q(rating="")),
        satisfied=Count("pk", filter=Q(rating__in=["satisfied", "fairly"])),
        overdue=Count("pk", filter=Q(is_overdue=True)),
        escalated=Count("pk", filter=Q(is_escalated=True)),
        avg=Avg(handling, filter=Q(answered_at__isnull=False)),
    )
    avg = agg.pop("avg")
    stats = DemandStatistics(organization, start, end, **agg)
    if avg is not None:
        stats.avg_days = round(avg.total_seconds() / 86400, 1)
    channels = dict(Demand.Channel.choices)
    types, topics = _types(), _topics()
    stats.by_channel = _grouped(qs, "channel", lambda v: str(channels.get(v, v)))
    stats.by_type = _grouped(qs, "demand_type_id", lambda v: str(types.get(v, v)))
    stats.by_topic = _grouped(qs, "topic_id", lambda v: str(topics.get(v, v)))
    months = (
        qs.annotate(month=TruncMonth("received_at"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    stats.by_month = [(row["month"].strftime("%Y-%m"), row["n"]) for row in months if row["month"]]
    if organization is not None:
        children = list(
            Organization.objects.filter(parent=organization).order_by("sort_order", "name")
        )
        if children:
            width = len(children[0].path)
            per_branch = dict(
                qs.exclude(organization=organization)
                .annotate(branch=Substr("org_path", 1, width))
                .values("branch")
                .annotate(n=Count("pk"))
                .order_by()
                .values_list("branch", "n")
            )
            stats.by_branch = [
                (child, per_branch[child.path]) for child in children if child.path in per_branch
            ]
    if hot_words:
        stats.hot_words = hot_topics(qs, limit=hot_words)
    return stats


def hot_topics(qs, *, limit: int = 15, sample: int = 3000) -> list[tuple[str, int]]:
    """The keywords (jieba, TF-IDF) of the latest summaries, with how many summaries use each."""
    from . import keywords

    summaries = list(qs.order_by("-id").values_list("summary", flat=True)[:sample])
    return keywords.hot_words(summaries, limit=limit)


def hot_topics_for_user(user, *, organization=None, start=None, end=None, limit: int = 15):
    """Hot topics of the demands the user counts, cached for ten minutes per scope and period."""
    if organization is None and user.organization_id:
        organization = user.organization
    scope = getattr(getattr(user, "scope", None), "org_path", "") or "all"
    key = f"demands:hot:{scope}:{organization.pk if organization else ''}:{start}:{end}:{limit}"
    words = cache.get(key)
    if words is None:
        words = hot_topics(_counted(user, organization, start, end), limit=limit)
        cache.set(key, words, 600)
    return words


def overdue_for_user(user):
    return demands_for_user(user, DemandFilter(view="overdue"))


# --- Export -------------------------------------------------------------------------------

EXPORT_HEADERS = [
    "诉求编号",
    "渠道",
    "类型",
    "事项",
    "诉求摘要",
    "状态",
    "承办工会",
    "诉求人",
    "联系电话",
    "登记时间",
    "办结期限",
    "超期",
    "督办",
    "评价",
]


def export_rows(qs, *, unmasked: bool):
    types, topics = _types(), _topics()
    channels = dict(Demand.Channel.choices)
    statuses = dict(Status.choices)
    ratings = dict(Demand.Rating.choices)
    for d in qs.iterator(chunk_size=2000):
        yield [
            d.ticket,
            str(channels.get(d.channel, "")),
            str(types.get(d.demand_type_id, "")),
            str(topics.get(d.topic_id, "")),
            d.summary,
            str(statuses.get(d.status, "")),
            d.organization.name,
            d.worker_name if unmasked else d.worker_name_masked,
            d.worker_phone if unmasked else d.worker_phone_masked,
            timezone.localtime(d.received_at),
            timezone.localtime(d.finish_due_at),
            "是" if d.is_overdue else "",
            "是" if d.is_escalated else "",
            str(ratings.get(d.rating, "")),
        ]


def statistics_rows(stats: DemandStatistics) -> list[list]:
    """The statistics as rows for the Excel export."""
    rows = [
        ["诉求总数", stats.total],
        ["按时受理率(%)", stats.accept_rate],
        ["按期办结率(%)", stats.finish_rate],
        ["满意率(%)", stats.satisfaction_rate],
        ["平均办理天数", stats.avg_days],
        ["超期", stats.overdue],
        ["督办", stats.escalated],
    ]
    for title, data in (
        ("渠道", stats.by_channel),
        ("类型", stats.by_type),
        ("事项", stats.by_topic),
        ("月份", stats.by_month),
    ):
        rows += [[f"{title}：{label}", n] for label, n in data]
    rows += [[f"下级：{org.name}", n] for org, n in stats.by_branch]
    return rows


def hops_for_statistics(user):
    """Average working days each union held demands (its hops), for the union table."""
    return (
        DemandHop.objects.filter(
            demand__in=ScopedQuerySet.visible_to(Demand.objects.all(), user).values("pk"),
            working_days__isnull=False,
        )
        .values("organization__name")
        .annotate(n=Count("pk"), avg=Avg("working_days"))
        .order_by("-n")[:50]
    )
