"""The leader dashboard and the big screen: every number read through the selectors or the
figures (core.figures) of the app that owns it, within the user's scope, as of a date."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from gonghui.activities import selectors as activity_selectors
from gonghui.campaigns import selectors as campaign_selectors
from gonghui.core.figures import Figure, Period, all_figures
from gonghui.ledger import selectors as ledger_selectors
from gonghui.organizations import selectors as organization_selectors
from gonghui.organizations.scoping import DataScope, scope_of
from gonghui.people import selectors as people_selectors
from gonghui.stations import selectors as station_selectors
from gonghui.wishes import selectors as wish_selectors

SPANS = ("month", "year")


def home_summary(user) -> dict:
    return {
        "num_organizations": organization_selectors.num_organizations_for_user(user),
        **people_selectors.headline_counts(user),
    }


def period_of(as_of: dt.date, span: str) -> Period:
    """The whole month (or year) holding the as-of date: month periods match the activity
    roll-ups, so the figures and the lists behind them count the same rows."""
    if span == "year":
        return Period(dt.date(as_of.year, 1, 1), dt.date(as_of.year, 12, 31))
    last = calendar.monthrange(as_of.year, as_of.month)[1]
    return Period(as_of.replace(day=1), as_of.replace(day=last))


@dataclass
class FigureValue:
    key: str
    label: str
    unit: str
    group: str
    value: int | Decimal | float | None
    url: str
    money_fen: bool = False

    @property
    def shown(self):
        """The value as a person reads it: money in 元."""
        if self.money_fen and self.value is not None:
            return (Decimal(self.value) / 100).quantize(Decimal("0.01")).normalize()
        return self.value


def figure_values(user, period: Period, figures: list[Figure] | None = None) -> list[FigureValue]:
    return [
        FigureValue(
            key=f.key,
            label=str(f.label),
            unit=str(f.unit),
            group=f.group,
            value=f.compute(user, period),
            url=f.url(period) if f.url else "",
            money_fen=f.money_fen,
        )
        for f in (all_figures() if figures is None else figures)
    ]


@dataclass
class Dashboard:
    as_of: dt.date
    span: str
    period: Period
    month: str  # YYYY-MM of the as-of date, for the monthly report status
    campaigns: list = field(default_factory=list)
    campaign: object | None = None
    summary: dict = field(default_factory=dict)
    partition: list = field(default_factory=list)
    by_unit: list = field(default_factory=list)
    by_group: list = field(default_factory=list)
    score: object | None = None
    raisers: list = field(default_factory=list)
    overdue: list = field(default_factory=list)
    monthly: list = field(default_factory=list)
    figures: list[FigureValue] = field(default_factory=list)
    tasks: list = field(default_factory=list)
    tasks_first: bool = False
    links: dict = field(default_factory=dict)

    @property
    def num_reported(self) -> int:
        return sum(1 for row in self.monthly if row.is_submitted)

    @property
    def chart(self) -> dict:
        """Plain data for the ECharts charts of the page."""
        return {
            "partition": [[str(label), n] for _status, label, n in self.partition],
            "units": [r["unit"] for r in self.by_unit],
            "groups": [f"{r['code']} {r['name']}" for r in self.by_group],
            "series": {
                key: {
                    "units": [r[key] for r in self.by_unit],
                    "groups": [r[key] for r in self.by_group],
                }
                for key in ("approved", "submitted", "returned", "in_progress", "not_started")
            },
            "labels": {status: str(label) for status, label, _n in self.partition},
        }

    def lookback_url(self, **params) -> str:
        base = f"/campaigns/{self.campaign.pk}/lookback/"
        params = {k: v for k, v in params.items() if v not in (None, "")}
        return base + ("?" + urlencode(params) if params else "")


def _choose_campaign(campaigns: list, campaign_id: int | None):
    if campaign_id:
        return next((c for c in campaigns if c.pk == campaign_id), None)
    active = [c for c in campaigns if c.status == "active"]
    return (active or campaigns or [None])[0]


def dashboard(
    user, *, as_of: dt.date | None = None, span: str = "month", campaign_id: int | None = None
) -> Dashboard:
    as_of = as_of or timezone.localdate()
    span = span if span in SPANS else "month"
    board = Dashboard(as_of=as_of, span=span, period=period_of(as_of, span), month=f"{as_of:%Y-%m}")
    board.campaigns = list(campaign_selectors.campaigns_for_user(user)[:50])
    campaign = _choose_campaign(board.campaigns, campaign_id)
    scope = scope_of(user)
    board.tasks_first = scope is not None and scope.data_scope == DataScope.DEPARTMENT
    board.tasks = list(campaign_selectors.my_tasks(user)[:10]) if user.is_authenticated else []
    if campaign is not None:
        board.campaign = campaign
        board.summary = campaign_selectors.lookback_summary(campaign, user, today=as_of)
        board.partition = campaign_selectors.status_partition(board.summary)
        board.by_unit = campaign_selectors.progress_by_unit_as_of(campaign, user, today=as_of)
        board.by_group = campaign_selectors.progress_by_indicator_group(campaign, user, today=as_of)
        board.score = campaign_selectors.score_for(campaign, user, by_unit=False)
        board.raisers = sorted(
            (r for r in board.score.rows if r.is_leaf and r.gap > 0),
            key=lambda r: (-r.gap, r.code),
        )[:5]
        overdue = campaign_selectors.lookback_queryset(
            campaign, user, campaign_selectors.LookbackFilter(status="overdue"), today=as_of
        ).order_by("deadline", "indicator_position", "pk")[:10]
        board.overdue = campaign_selectors.lookback_rows(campaign, list(overdue), today=as_of)
        board.monthly = ledger_selectors.meeting(campaign, board.month, user)
        _add_links(board)
    board.figures = figure_values(user, board.period)
    return board


def _add_links(board: Dashboard) -> None:
    """Every count links to the 回头看 rows it counts."""
    board.links = {
        "total": board.lookback_url(),
        "overdue": board.lookback_url(status="overdue"),
        **{status: board.lookback_url(status=status) for status, _l, _n in board.partition},
    }
    for row in board.by_unit:
        unit = (
            {"dept": row["department_id"]}
            if row["department_id"]
            else {"org": row["organization_id"]}
        )
        row["url"] = board.lookback_url(**unit)
        row["overdue_url"] = board.lookback_url(status="overdue", **unit)
    for row in board.by_group:
        row["url"] = board.lookback_url(q=row["code"])


# --- tables for the Excel export ---------------------------------------------------------

TABLES = {
    "figures": (_("服务数据"), ["指标", "数值", "单位", "分组"]),
    "units": (
        _("创建进度（按责任部门）"),
        ["责任部门", "任务", "已通过", "已提交", "已退回", "进行中", "未开始", "已逾期"],
    ),
    "groups": (
        _("创建进度（按测评项目）"),
        ["编号", "测评项目", "任务", "已通过", "已提交", "已退回", "进行中", "未开始", "已逾期"],
    ),
    "overdue": (_("逾期最久的任务"), ["编号", "指标", "责任部门", "完成时限", "状态"]),
    "monthly": (_("本月汇报情况"), ["责任部门", "月份", "状态", "提交时间"]),
}

COUNTS = ("total", "approved", "submitted", "returned", "in_progress", "not_started", "overdue")


def table_rows(board: Dashboard, table: str) -> list[list]:
    """The rows of one dashboard table, plain values for the xlsx renderer."""
    if table == "figures":
        return [[f.label, f.shown, f.unit, f.group] for f in board.figures]
    if table == "units":
        return [[r["unit"], *(r[k] for k in COUNTS)] for r in board.by_unit]
    if table == "groups":
        return [[r["code"], r["name"], *(r[k] for k in COUNTS)] for r in board.by_group]
    if table == "overdue":
        return [
            [
                row.indicator.code,
                row.indicator.name,
                row.assignment.unit_name,
                row.assignment.deadline,
                str(row.status_label),
            ]
            for row in board.overdue
        ]
    if table == "monthly":
        return [
            [
                row.unit["name"],
                board.month,
                row.report.get_status_display() if row.report else str(_("未提交")),
                timezone.localtime(row.report.submitted_at).strftime("%Y-%m-%d %H:%M")
                if row.report and row.report.submitted_at
                else "",
            ]
            for row in board.monthly
        ]
    raise KeyError(table)


# --- the big screen ----------------------------------------------------------------------

MAP_FIGURES = {
    "activities": "开展活动",
    "wishes_published": "发布微心愿",
    "wishes_claimed": "认领微心愿",
    "stations": "运营中的驿站",
}
# The big screen's key totals, two rows of nine, in this order; a key no app offers is skipped.
# (The dashboard shows every figure; a 1920×1080 screen keeps room for its map and lists.)
SCREEN_TOTALS = (
    "organizations.count",
    "people.people",
    "people.volunteers",
    "people.model_workers",
    "activities.count",
    "activities.attendances",
    "volunteering.hours",
    "wishes.published",
    "wishes.claimed",
    "stations.total",
    "stations.usage",
    "demands.received",
    "demands.finish_rate",
    "assistance.paid",
    "assistance.households_visited",
    "honours.awarded",
    "surveys.quiz_attempts",
    "surveys.satisfaction",
)


def screen_figures() -> list[Figure]:
    offered = {f.key: f for f in all_figures()}
    return [offered[key] for key in SCREEN_TOTALS if key in offered]


# Provinces whose city boundaries are vendored (static/dashboards/maps/<code>.json).
MAPS = ("410000", "430000", "510000")


@dataclass
class Screen:
    organization: object | None
    as_of: dt.date
    period: Period
    figure: str
    map_code: str
    regions: list[dict]
    totals: list[FigureValue]
    activities: list[dict]
    wishes: list[dict]


def _map_code(org) -> str:
    code = getattr(org, "region_code", "") or ""
    province = code[:2] + "0000" if len(code) == 6 else ""
    return province if province in MAPS else ""


def _regions(user, org, figure: str, period: Period) -> list[dict]:
    children = [c for c in organization_selectors.children_for_user(user, org) if c.region_code]
    if figure == "activities":
        counts = activity_selectors.activity_counts_by_child(user, org, period.start, period.end)
        values = {c.pk: counts.get(c.pk, 0) for c in children}
    elif figure == "stations":
        # The stations in operation now (a station keeps no history of its status).
        counts = station_selectors.open_counts_by_child(user, org)
        values = {c.pk: counts.get(c.pk, 0) for c in children}
    else:
        stats = wish_selectors.wish_statistics(
            user, organization=org, start=period.start, end=period.end
        )
        attr = "published" if figure == "wishes_published" else "claimed"
        per_child = {child.pk: getattr(figures, attr) for child, figures in stats.rows}
        values = {c.pk: per_child.get(c.pk, 0) for c in children}
    return [
        {
            "code": c.region_code,
            "name": c.region or c.short_name or c.name,
            "organization": c.name,
            "value": values[c.pk],
        }
        for c in children
        if c.region_code != getattr(org, "region_code", "")
    ]


def _recent_activities(user, org, as_of: dt.date, n: int = 20) -> list:
    """The newest `n` activities up to the as-of day, read as the activity list reads a page at
    a million rows (a date floor from the monthly roll-ups, then the date index walked from the
    newest end) instead of sorting the whole subtree. That list runs in whole months, so it
    ends with the as-of month; the activities after the as-of day, counted from the daily
    roll-up, are skipped."""
    filters = activity_selectors.ActivityFilter
    month_end = period_of(as_of, "month").end
    listing = activity_selectors.ActivityList(user, filters(organization=org, date_to=month_end))
    later = 0
    if as_of < month_end:
        after = filters(organization=org, date_from=as_of + dt.timedelta(days=1), date_to=month_end)
        later = activity_selectors.activity_statistics(user, after).totals["num_activities"]
    return listing[later : later + n]


def screen(
    user, *, organization=None, figure: str = "activities", as_of: dt.date | None = None
) -> Screen:
    """What the big screen shows: the year to the as-of date, per city of the organisation."""
    as_of = as_of or timezone.localdate()
    figure = figure if figure in MAP_FIGURES else "activities"
    org = organization or (user.organization if user.organization_id else None)
    period = Period(dt.date(as_of.year, 1, 1), as_of)
    regions = _regions(user, org, figure, period) if org is not None else []
    recent = _recent_activities(user, org, as_of)
    wishes = wish_selectors.wishes_for_user(
        user, wish_selectors.WishFilter(organization=org, status="published")
    )[:20]
    return Screen(
        organization=org,
        as_of=as_of,
        period=period,
        figure=figure,
        map_code=_map_code(org),
        regions=regions,
        totals=figure_values(user, period, screen_figures()),
        activities=[
            {
                "title": a.title,
                "organization": a.organization.short_name or a.organization.name,
                "date": a.start_date.isoformat(),
                "attendances": a.attendances,
            }
            for a in recent
        ],
        wishes=[
            {
                "title": w.title,
                "organization": w.organization.short_name or w.organization.name,
                "category": w.get_category_display(),
            }
            for w in wishes
        ],
    )
