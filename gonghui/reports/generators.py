"""Generators: gather the plain rows a report is written from, through the owning apps'
selectors and figures, within the user's scope. They know nothing of Word or Excel."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from gonghui.activities import selectors as activity_selectors
from gonghui.campaigns import selectors as campaign_selectors
from gonghui.core.figures import Period, all_figures
from gonghui.ledger import selectors as ledger_selectors
from gonghui.wishes import selectors as wish_selectors

from .numbers import yuan_from_fen


@dataclass
class ActivityRow:
    title: str
    unit: str  # the department, or the organisation when none
    start_date: dt.date
    participants: int = 0
    attendances: int = 0
    sessions: int = 0
    money_yuan: object = 0
    items: int = 0
    items_unit: str = ""
    reach: int = 0
    awards: int = 0


@dataclass
class UnitRow:
    name: str
    reported: bool
    summary: str = ""  # the unit's own monthly report, when it sent one
    activities: list[ActivityRow] = field(default_factory=list)


@dataclass
class WishRow:
    region: str  # 全省 / 全市 …
    agency: str  # 省总工会 …
    published: int
    claimed: int
    agency_own: int


@dataclass
class NewsRows:
    organization: str
    short_name: str
    topic: str  # the campaign's name without its year: 争创全国文明单位
    period: str  # YYYY-MM
    meeting_date: dt.date
    chair: str
    attendees: str
    requirements: str
    units: list[UnitRow]
    wishes: WishRow | None

    @property
    def num_reported(self) -> int:
        return sum(1 for u in self.units if u.reported)


def month_period(period: str) -> Period:
    year, month = (int(p) for p in period.split("-"))
    return Period(
        dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    )


def _activity_row(activity) -> ActivityRow:
    unit = (
        activity.department.name
        if activity.department_id
        else activity.organization.short_name or activity.organization.name
    )
    return ActivityRow(
        title=activity.title,
        unit=unit,
        start_date=activity.start_date,
        participants=activity.participants,
        attendances=activity.attendances,
        sessions=activity.sessions,
        money_yuan=yuan_from_fen(activity.money_fen),
        items=activity.items,
        items_unit=activity.items_unit,
        reach=activity.reach,
        awards=activity.awards,
    )


def news_rows(
    user,
    *,
    organization,
    campaign,
    period: str,
    meeting_date: dt.date,
    chair: str = "",
    attendees: str = "",
    requirements: str = "",
    max_activities: int = 500,
) -> NewsRows:
    """The month's meeting: each responsible unit with its report and its activities of the
    month, and the 微心愿 totals of the organisation's subtree as of the meeting."""
    month = month_period(period)
    meeting = ledger_selectors.meeting(campaign, period, user) if campaign else []
    activities = activity_selectors.activities_for_user(
        user,
        activity_selectors.ActivityFilter(
            organization=organization, date_from=month.start, date_to=month.end
        ),
    )
    rows = [_activity_row(a) for a in activities.order_by("start_date", "pk")[:max_activities]]
    units: dict[str, UnitRow] = {}
    # The agency's departments first, then the organisations holding tasks (seed 000's order).
    for m in sorted(meeting, key=lambda m: m.unit["department_id"] is None):
        name = m.unit["name"]
        units[name] = UnitRow(
            name=name,
            reported=m.is_submitted,
            summary=m.report.summary if m.report is not None else "",
        )
    for row in rows:
        unit = units.get(row.unit)
        if unit is None and campaign is None:
            unit = units.setdefault(row.unit, UnitRow(name=row.unit, reported=False))
        if unit is not None:  # with a campaign, the meeting's units only
            unit.activities.append(row)
    stats = wish_selectors.wish_statistics(user, organization=organization, end=meeting_date)
    region, agency = wish_selectors.REGION_WORDS.get(
        organization.kind, ("全系统", organization.name)
    )
    t = stats.totals
    wishes = WishRow(region, agency, t.published, t.claimed, t.agency_own) if t.published else None
    return NewsRows(
        organization=organization.name,
        short_name=organization.short_name or organization.name,
        topic=re.sub(r"^\d{4}年(度)?", "", campaign.name) if campaign else "",
        period=period,
        meeting_date=meeting_date,
        chair=chair,
        attendees=attendees,
        requirements=requirements,
        units=[u for u in units.values() if u.reported or u.activities],
        wishes=wishes,
    )


@dataclass
class FigureRow:
    key: str
    label: str
    value: object
    unit: str
    group: str
    money_fen: bool = False


@dataclass
class SummaryRows:
    organization: str
    start: dt.date
    end: dt.date
    campaign: str
    progress: dict  # counts by status, total, overdue
    projected_score: object | None
    full_score: object | None
    activity_totals: dict
    activity_types: list[tuple[str, int]]  # (type, count), most first
    figures: list[FigureRow]
    next_steps: list[str]
    unit_progress: list[dict] = field(default_factory=list)

    @property
    def label(self) -> str:
        if self.start.month == 1 and self.end.month == 6:
            return "上半年"
        if self.start.month == 1 and self.end.month == 12:
            return "全年"
        return ""


def summary_rows(
    user, *, organization, campaign, start: dt.date, end: dt.date, next_steps: str = ""
) -> SummaryRows:
    """A half-year or annual 工作总结: the period's figures by work area."""
    period = Period(start, end)
    progress, projected, full, units = {}, None, None, []
    if campaign is not None:
        progress = campaign_selectors.lookback_summary(campaign, user, today=end)
        score = campaign_selectors.score_for(campaign, user, by_unit=False)
        projected, full = score.projected, score.attainable
        units = campaign_selectors.progress_by_unit_as_of(campaign, user, today=end)
    stats = activity_selectors.activity_statistics(
        user,
        activity_selectors.ActivityFilter(organization=organization, date_from=start, date_to=end),
    )
    types = sorted(
        ((r["label"], r["num_activities"]) for r in stats.by_type if r["num_activities"]),
        key=lambda pair: -pair[1],
    )
    figures = [
        FigureRow(f.key, str(f.label), f.compute(user, period), str(f.unit), f.group, f.money_fen)
        for f in all_figures()
    ]
    return SummaryRows(
        organization=organization.name,
        start=start,
        end=end,
        campaign=campaign.name if campaign else "",
        progress=progress,
        projected_score=projected,
        full_score=full,
        activity_totals=stats.totals,
        activity_types=types,
        figures=figures,
        next_steps=[line.strip() for line in next_steps.splitlines() if line.strip()],
        unit_progress=units,
    )
