"""Reads of demands: the scoped lists (the union's own, the 督办 list, overdue), a demand with
its hops and history, the public lookup, statistics with hot topics, and export rows."""

import calendar
import datetime as dt
import hmac
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Case, F, Q, Sum, When
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.chinese import to_simplified
from gonghui.organizations.models import Organization
from gonghui.organizations.paths import subtree_range
from gonghui.organizations.scoping import DataScope, ScopedQuerySet, scope_of

from . import tallies, tickets
from .models import (
    Demand,
    DemandAttachment,
    DemandTally,
    DemandTopic,
    DemandType,
)
from .permissions import can_handle
from .workflow import OPEN, Status

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


# Depth of a city federation (national 1, province 2, city 3).
LARGE_SUBTREE_DEPTH = 3


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


def jointly_handled(user):
    """The demands the user's union handles jointly (协办) with the union holding them: it sees
    these and nothing else of that union's demands."""
    if scope_of(user) is None or not user.organization_id:
        return Demand.objects.none()
    return Demand.objects.filter(collaborators__organization_id=user.organization_id)


def demands_for_user(user, filters: DemandFilter | None = None):
    filters = filters or DemandFilter()
    # A province or city holds most of the rows: walking them newest first and checking the
    # path beats reading the subtree by path and sorting it; a county or below is read by path.
    narrow = filters.organization or getattr(user, "organization", None)
    indexed = narrow is not None and narrow.depth > LARGE_SUBTREE_DEPTH
    qs = (
        jointly_handled(user)
        if filters.view == "joint"
        else Demand.objects.visible_to(user, within=filters.organization, indexed=indexed)
    )
    if filters.organization is not None and filters.view == "joint":
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


def get_demand_for_user(user, pk, *, for_write: bool = False, joint: bool = False) -> Demand:
    """A demand in the user's scope and routing chain (404 otherwise); for_write also needs
    the handling permission. `joint` also finds a demand the user's union handles jointly
    (then `demand.is_joint` is True: it may read it and add handling notes, nothing more)."""
    related = (
        "organization__parent",
        "receiving_org",
        "demand_type",
        "topic",
        "supervising_org",
        "created_by",
    )
    try:
        demand = Demand.objects.visible_to(user).select_related(*related).filter(pk=pk).first()
        is_joint = False
        if demand is None and joint:
            demand = jointly_handled(user).select_related(*related).filter(pk=pk).first()
            is_joint = True
    except (ValueError, TypeError) as exc:
        raise Http404(_("职工诉求不存在或无权访问")) from exc
    if demand is None or (for_write and not can_handle(user)):
        raise Http404(_("职工诉求不存在或无权访问"))
    demand.is_joint = is_joint
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


def transfer_targets(user, demand: Demand):
    """Unions below the holder in the user's scope (for 转办), nearest first: every one of
    them, however many (the page lists a few, and searches among many)."""
    return (
        Organization.objects.visible_to(user)
        .subtree(demand.org_path, include_self=False)
        .filter(is_active=True)
        .order_by("depth", "sort_order", "name")
    )


def joint_targets(user, demand: Demand):
    """Unions the user may ask to handle the demand jointly: those it may be routed to (the
    holder's parent, the unions below the holder) within the user's scope, not already in."""
    _low, high = subtree_range(demand.org_path)
    routable = Q(path__gt=demand.org_path, path__lt=high)
    if demand.organization.parent_id:
        routable |= Q(pk=demand.organization.parent_id)
    return (
        Organization.objects.visible_to(user)
        .filter(routable, is_active=True)
        .exclude(pk__in=demand.collaborators.values("organization_id"))
        .order_by("depth", "sort_order", "name")
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


def _rate(part: int, whole: int) -> float | None:
    return round(part * 100 / whole, 1) if whole else None


@dataclass
class DemandCounts:
    """The counters of a group of demands (a union's subtree, a channel, a month …)."""

    label: str = ""
    values: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return self.values["num_received"]

    @property
    def accept_rate(self):
        return _rate(self.values["num_accepted_on_time"], self.values["num_accepted"])

    @property
    def finish_rate(self):
        return _rate(self.values["num_answered_on_time"], self.values["num_answered"])

    @property
    def satisfaction_rate(self):
        return _rate(self.values["num_satisfied"], self.values["num_rated"])

    @property
    def avg_days(self) -> float | None:
        handled = self.values["num_handled"]
        return round(self.values["handling_seconds"] / handled / 86400, 1) if handled else None


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
    # The same groups with every counter, for the tables and the Excel export.
    tables: dict = field(default_factory=dict)

    @property
    def accept_rate(self):
        return _rate(self.accepted_on_time, self.accepted)

    @property
    def finish_rate(self):
        return _rate(self.answered_on_time, self.answered)

    @property
    def satisfaction_rate(self):
        return _rate(self.satisfied, self.rated)


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


def whole_months(start: dt.date | None, end: dt.date | None):
    """The period widened to whole months (the summary counts by month received)."""
    if start:
        start = start.replace(day=1)
    if end:
        end = end.replace(day=calendar.monthrange(end.year, end.month)[1])
    return start, end


KEY_FIELDS = ("month", "channel", "demand_type_id", "topic_id")


def _tallies(org_ids, start, end):
    qs = DemandTally.objects.filter(organization_id__in=org_ids)
    if start:
        qs = qs.filter(month__gte=start.replace(day=1))
    if end:
        qs = qs.filter(month__lte=end.replace(day=1))
    return qs


def _sums(qs, group: tuple[str, ...]):
    if not group:
        row = qs.aggregate(**{f"s_{n}": Sum(n) for n in tallies.COUNTERS})
        yield row, Counter({n: row[f"s_{n}"] or 0 for n in tallies.COUNTERS})
        return
    rows = qs.values(*group).annotate(**{f"s_{n}": Sum(n) for n in tallies.COUNTERS}).order_by()
    for row in rows:
        yield row, Counter({n: row[f"s_{n}"] or 0 for n in tallies.COUNTERS})


def _per_union(org_ids, start, end) -> dict[int, Counter]:
    if not org_ids:
        return {}
    found = _sums(_tallies(org_ids, start, end), ("organization_id",))
    return {row["organization_id"]: values for row, values in found}


def _raw_values(qs):
    """The same from the demands themselves (a user who sees only what they registered)."""
    for row in qs.values(*tallies.TALLIED).iterator(chunk_size=2000):
        key, values = tallies.counters(row)
        yield None, key, Counter(values)


def _summary_plan(user, organization):
    """How the user's statistics read the summary: (unions whose subtree counts, whether to
    take away their children's subtrees, i.e. only what the union holds itself); None when
    the user's scope is not a set of subtrees (counted from the demands instead)."""
    scope = scope_of(user)
    if scope is None:
        return [], False
    if scope.data_scope == DataScope.ALL:
        if organization is not None:
            return [organization.pk], False
        return list(
            Organization.objects.filter(parent__isnull=True).values_list("pk", flat=True)
        ), False
    if not scope.org_path:
        return [], False
    if scope.data_scope == DataScope.SUBTREE:
        if organization is None or not organization.path.startswith(scope.org_path):
            return [], False
        return [organization.pk], False
    if scope.data_scope in (DataScope.ORGANIZATION, DataScope.DEPARTMENT):
        if organization is not None and not scope.org_path.startswith(organization.path):
            return [], False
        return [scope.organization_id], True
    return None


def _children(org_ids) -> list[Organization]:
    return list(Organization.objects.filter(parent_id__in=org_ids).order_by("sort_order", "name"))


def demand_statistics(
    user,
    *,
    organization: Organization | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    hot_words: int = 15,
) -> DemandStatistics:
    """Volumes and rates of the demands the user counts, by channel, type, topic, month and
    the unions below, read from the summary (DemandTally) over whole months."""
    if organization is None and user.organization_id:
        organization = user.organization
    start, end = whole_months(start, end)
    plan = _summary_plan(user, organization)
    branches: list[Organization] = []
    if plan is None:
        rows = list(_raw_values(_counted(user, organization, start, end)))
        stats = _statistics_from(rows, organization, start, end)
    else:
        org_ids, own_only = plan
        branches = _children(org_ids) if org_ids else []
        minus = [b.pk for b in branches] if own_only else []
        summed = _groups_from_summary(org_ids, minus, start, end)
        stats = _statistics_from([], organization, start, end, summed=summed)
        if own_only:
            branches = []
    if branches:
        per_branch = _per_union([b.pk for b in branches], start, end)
        totals = [(b, per_branch.get(b.pk, Counter())) for b in branches]
        totals = [(b, values) for b, values in totals if values["num_received"]]
        stats.tables["branch"] = [DemandCounts(b.name, values) for b, values in totals]
        stats.by_branch = [(b, values["num_received"]) for b, values in totals]
    if hot_words:
        stats.hot_words = hot_topics_for_user(
            user, organization=organization, start=start, end=end, limit=hot_words
        )
    return stats


def demand_totals(
    user, *, start: dt.date | None = None, end: dt.date | None = None
) -> DemandStatistics:
    """The totals of `demand_statistics` for the user's own union (no groups, no branches, no
    hot words): the union's summary rows, less its children's for a user who counts only what
    the union holds itself, summed in one query."""
    organization = user.organization if user.organization_id else None
    plan = _summary_plan(user, organization)
    if plan is None:
        return demand_statistics(user, organization=organization, start=start, end=end, hot_words=0)
    start, end = whole_months(start, end)
    org_ids, own_only = plan
    total = Counter()
    if org_ids:
        own = Q(organization_id__in=org_ids)
        children = Organization.objects.filter(parent_id__in=org_ids).values("pk")
        qs = DemandTally.objects.filter(own | Q(organization_id__in=children) if own_only else own)
        if start:
            qs = qs.filter(month__gte=start)
        if end:
            qs = qs.filter(month__lte=end.replace(day=1))
        row = qs.aggregate(
            **{
                f"s_{n}": Sum(Case(When(own, then=F(n)), default=-F(n))) if own_only else Sum(n)
                for n in tallies.COUNTERS
            }
        )
        total = Counter({n: row[f"s_{n}"] or 0 for n in tallies.COUNTERS})
    return _totals(organization, start, end, total)


def _totals(organization, start, end, total: Counter) -> DemandStatistics:
    """Statistics holding only the totals summed in `total` (no groups yet)."""
    return DemandStatistics(
        organization,
        start,
        end,
        total=total["num_received"],
        accepted=total["num_accepted"],
        accepted_on_time=total["num_accepted_on_time"],
        answered=total["num_answered"],
        answered_on_time=total["num_answered_on_time"],
        rated=total["num_rated"],
        satisfied=total["num_satisfied"],
        overdue=total["num_overdue"],
        escalated=total["num_escalated"],
        avg_days=DemandCounts("", total).avg_days,
    )


GROUPS = {"channel": "channel", "type": "demand_type_id", "topic": "topic_id", "month": "month"}


def _groups_from_rows(rows) -> tuple[Counter, dict]:
    """The total and the per-channel, type, topic and month counters of rows of demands."""
    total = Counter()
    groups = {name: defaultdict(Counter) for name in GROUPS}
    for _pk, (month, channel, type_id, topic_id), values in rows:
        total.update(values)
        groups["channel"][channel].update(values)
        groups["type"][type_id].update(values)
        groups["topic"][topic_id].update(values)
        groups["month"][month].update(values)
    return total, groups


def _groups_from_summary(org_ids, minus_ids, start, end) -> tuple[Counter, dict]:
    """The same summed by the database from the unions' tally rows, less those of
    `minus_ids` (the unions below, for a user who counts only their own union's demands)."""
    total = Counter()
    groups = {name: defaultdict(Counter) for name in GROUPS}
    for ids, sign in ((org_ids, 1), (minus_ids, -1)):
        if not ids:
            continue
        qs = _tallies(ids, start, end)
        for _row, values in _sums(qs, ()):
            total.update({k: sign * v for k, v in values.items()})
        for name, column in GROUPS.items():
            for row, values in _sums(qs, (column,)):
                groups[name][row[column]].update({k: sign * v for k, v in values.items()})
    return total, groups


def _statistics_from(rows, organization, start, end, *, summed=None) -> DemandStatistics:
    total, groups = summed or _groups_from_rows(rows)
    stats = _totals(organization, start, end, total)
    channels = dict(Demand.Channel.choices)
    types, topics = _types(), _topics()
    labels = {
        "channel": lambda v: str(channels.get(v, v)),
        "type": lambda v: str(types.get(v, v)),
        "topic": lambda v: str(topics.get(v, v)),
        "month": lambda v: v.strftime("%Y-%m"),
    }
    for name, grouped in groups.items():
        table = [
            DemandCounts(labels[name](key), values)
            for key, values in grouped.items()
            if values["num_received"]
        ]
        if name == "month":
            table.sort(key=lambda c: c.label)
        else:
            table.sort(key=lambda c: (-c.total, c.label))
        stats.tables[name] = table
    stats.tables["total"] = [DemandCounts(str(_("合计")), total)]
    stats.by_channel = [(c.label, c.total) for c in stats.tables["channel"]]
    stats.by_type = [(c.label, c.total) for c in stats.tables["type"]]
    stats.by_topic = [(c.label, c.total) for c in stats.tables["topic"]]
    stats.by_month = [(c.label, c.total) for c in stats.tables["month"]]
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
    start, end = whole_months(start, end)
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


STATISTICS_HEADERS = [
    "统计表",
    "项目",
    "诉求（件）",
    "按时受理率(%)",
    "按期办结率(%)",
    "满意率(%)",
    "平均办理天数",
    "超期（件）",
    "督办（件）",
]
STATISTICS_TABLES = [
    ("total", "总体"),
    ("channel", "按渠道"),
    ("type", "按类型"),
    ("topic", "按事项"),
    ("month", "按月份"),
    ("branch", "按下级工会"),
]


def statistics_rows(stats: DemandStatistics) -> list[list]:
    """Every table of the statistics page as rows of one sheet: the table, the group, its
    volume and rates; then the hot topics."""
    rows = []
    for key, title in STATISTICS_TABLES:
        for counts in stats.tables.get(key, []):
            rows.append(
                [
                    title,
                    counts.label,
                    counts.total,
                    counts.accept_rate,
                    counts.finish_rate,
                    counts.satisfaction_rate,
                    counts.avg_days,
                    counts.values["num_overdue"],
                    counts.values["num_escalated"],
                ]
            )
    rows += [
        ["热点问题", word, n, None, None, None, None, None, None] for word, n in stats.hot_words
    ]
    return rows
