"""Campaign score: Σ score × grade fraction + bonus − deductions; veto occurrences disqualify.

The rule, also written on the score page:

- Current score (当前得分): a leaf indicator counts once every responsible unit's evidence is
  approved, at its self-grade; until it is self-graded it counts 0.
- Projected score (预计得分): a leaf indicator also counts while its evidence awaits review
  (every unit's evidence approved or submitted), as if the review passes. It counts at its
  self-grade, or at the campaign's highest grade while not yet self-graded. Returned, in-progress
  and not-started tasks are not projected: they still need work before they can score.

What is missing is reported per indicator (the units still to deliver or awaiting review, the
value at each grade) and as four sums that together make the distance from the projected
indicator score to the highest attainable one.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.utils.translation import gettext as _

from gonghui.core.templatetags.cn import cn_date

from .models import CampaignRule, Progress, RuleKind, RuleOccurrence

ZERO = Decimal(0)
DONE = (Progress.APPROVED, Progress.SUBMITTED)


class TaskProgress(NamedTuple):
    """What scoring reads of a task: its indicator, progress and responsible unit's name."""

    indicator_id: int
    status: str
    unit_name: str


class State:
    """Where a leaf indicator stands, from the progress of all its tasks."""

    APPROVED = "approved"  # every unit approved: scored
    PENDING = "pending"  # every unit approved or awaiting review: projected
    OPEN = "open"  # some unit has not delivered (not started, in progress, returned)
    UNASSIGNED = "unassigned"  # no responsible unit yet


@dataclass
class UnitScore:
    name: str
    attainable: Decimal = ZERO
    current: Decimal = ZERO
    projected: Decimal = ZERO
    num_items: int = 0


@dataclass
class IndicatorScore:
    """One indicator of the tree with its score; a parent sums its leaves."""

    pk: int
    parent_id: int | None
    code: str
    name: str
    depth: int
    is_leaf: bool
    full: Decimal
    self_grade: str = ""
    share: Decimal = ZERO  # the part of `full` counted here (less than full for one unit's view)
    state: str = ""
    grade: str = ""  # the grade the projection uses
    current: Decimal = ZERO
    projected: Decimal = ZERO
    attainable: Decimal = ZERO  # share at the highest grade
    by_grade: list[tuple[str, Decimal]] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)  # units whose evidence awaits review
    todo: list[tuple[str, str]] = field(default_factory=list)  # (unit, progress label)
    num_waiting: int = 0
    num_todo: int = 0

    @property
    def gap(self) -> Decimal:
        """Points still open at the highest grade beyond the projection."""
        return self.attainable - self.projected

    @property
    def is_projected_ungraded(self) -> bool:
        return (
            self.is_leaf and not self.self_grade and self.state in (State.APPROVED, State.PENDING)
        )


@dataclass
class Gap:
    """A reason the projection falls short of the highest attainable score."""

    num: int = 0
    points: Decimal = ZERO


@dataclass
class CampaignScore:
    full: Decimal
    indicators: Decimal
    projected_indicators: Decimal
    bonus: Decimal
    deductions: Decimal
    vetoes: list[str] = field(default_factory=list)
    units: list[UnitScore] = field(default_factory=list)
    ungraded: int = 0
    rows: list[IndicatorScore] = field(default_factory=list)
    top_grade: str = ""
    attainable: Decimal = ZERO  # every leaf at the highest grade
    # open: not yet delivered; pending: awaiting review (projected, not yet current);
    # ungraded: approved but not self-graded (projected at the highest grade, current 0);
    # below_top: self-graded below the highest grade (points only a higher grade would add).
    gaps: dict[str, Gap] = field(default_factory=dict)
    # True when the user sees only their own units' share (no campaign totals, rules, vetoes).
    is_partial: bool = False

    @property
    def total(self) -> Decimal:
        return max(ZERO, self.indicators + self.bonus - self.deductions)

    @property
    def projected(self) -> Decimal:
        return max(ZERO, self.projected_indicators + self.bonus - self.deductions)

    @property
    def is_eligible(self) -> bool:
        return not self.vetoes

    @property
    def missing(self) -> Decimal:
        """Indicator points between the projection and the highest attainable score."""
        return self.attainable - self.projected_indicators


def months_before(day: dt.date, months: int) -> dt.date:
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, 28))


def _fraction(grade_map: dict, grade: str) -> Decimal:
    if not grade:
        return ZERO
    return Decimal(str(grade_map.get(grade, 0)))


def grades_by_fraction(grade_map: dict) -> list[tuple[str, Decimal]]:
    """The grades from the highest fraction down: [("A", 1.0), ("B", 0.8), ("C", 0.6)]."""
    return sorted(
        ((g, Decimal(str(f))) for g, f in (grade_map or {}).items()), key=lambda gf: -gf[1]
    )


def rule_totals(campaign) -> tuple[Decimal, Decimal, list[str]]:
    """(bonus, deductions, veto reasons) from what occurred under the campaign's rules."""
    bonus = deductions = ZERO
    vetoes: list[str] = []
    rules = {r.pk: r for r in CampaignRule.objects.filter(campaign=campaign)}
    bonus_by_rule: dict[int, Decimal] = {}
    occurrences = RuleOccurrence.objects.filter(rule__campaign=campaign).order_by("occurred_date")
    for occurrence in occurrences:
        rule = rules[occurrence.rule_id]
        if rule.kind == RuleKind.BONUS:
            earned = occurrence.points if occurrence.points is not None else rule.points
            bonus_by_rule[rule.pk] = min(rule.points, bonus_by_rule.get(rule.pk, ZERO) + earned)
        elif rule.kind == RuleKind.DEDUCTION:
            deductions += rule.points * occurrence.occurrences
        elif rule.kind == RuleKind.VETO:
            since = months_before(campaign.assessment_date, rule.window_months or 0)
            if since <= occurrence.occurred_date <= campaign.assessment_date:
                vetoes.append(
                    _("%(rule)s（%(date)s发生，在测评前 %(n)s 个月内）")
                    % {
                        "rule": rule.name,
                        "date": cn_date(occurrence.occurred_date),
                        "n": rule.window_months,
                    }
                )
    bonus = sum(bonus_by_rule.values(), ZERO)
    return bonus, deductions, vetoes


def _state(num_tasks: int, num_approved: int, num_done: int) -> str:
    if not num_tasks:
        return State.UNASSIGNED
    if num_approved == num_tasks:
        return State.APPROVED
    if num_done == num_tasks:
        return State.PENDING
    return State.OPEN


def campaign_score(
    campaign,
    indicators,
    assignments=None,
    *,
    progress=None,
    num_tasks: dict[int, int] | None = None,
    partial: bool = False,
    labels: dict[str, str] | None = None,
) -> CampaignScore:
    """Score from the indicator tree (with self grades) and the progress of its tasks: either
    the tasks (anything with `indicator_id`, `status` and `unit_name`, such as `TaskProgress`),
    which also gives each unit's share and who is still to deliver, or only `progress`,
    {indicator id: (tasks, approved, approved or submitted)} counted in the database.

    A unit's share of an indicator held by several units is score / number of units; with
    `partial` the tasks are one user's units only (`num_tasks` then gives every indicator's
    number of units) and the totals are those units' shares, without bonus, deductions and
    vetoes, which belong to the whole campaign.
    """
    grade_map = campaign.grade_map or {}
    ladder = grades_by_fraction(grade_map)
    top_grade, top = ladder[0] if ladder else ("", ZERO)
    labels = labels or {value: str(label) for value, label in Progress.choices}
    by_indicator: dict[int, list] = {}
    for a in assignments or ():
        by_indicator.setdefault(a.indicator_id, []).append(a)
    if progress is None:
        progress = {
            pk: (
                len(tasks),
                sum(t.status == Progress.APPROVED for t in tasks),
                sum(t.status in DONE for t in tasks),
            )
            for pk, tasks in by_indicator.items()
        }
    units: dict[str, UnitScore] = {}
    rows: dict[int, IndicatorScore] = {}
    gaps = {key: Gap() for key in ("open", "pending", "ungraded", "below_top")}
    full = current = projected = attainable = ZERO
    ungraded = 0
    for ind in indicators:
        row = IndicatorScore(
            pk=ind.pk,
            parent_id=ind.parent_id,
            code=ind.code,
            name=ind.name,
            depth=ind.depth,
            is_leaf=ind.is_leaf,
            full=ind.full_score,
            self_grade=ind.self_grade if ind.is_leaf else "",
        )
        rows[ind.pk] = row
        if not ind.is_leaf:
            continue
        tasks = by_indicator.get(ind.pk, [])
        if partial and not tasks:
            continue
        num_all = (num_tasks or {}).get(ind.pk, len(tasks)) if partial else None
        share = ind.full_score * len(tasks) / num_all if partial and num_all else ind.full_score
        row.share = share
        row.state = _state(*progress.get(ind.pk, (0, 0, 0)))
        row.grade = ind.self_grade or top_grade
        fraction = _fraction(grade_map, ind.self_grade)
        projected_fraction = fraction if ind.self_grade else top
        row.by_grade = [(g, share * f) for g, f in ladder]
        row.attainable = share * top
        if row.state == State.APPROVED:
            row.current = share * fraction
        if row.state in (State.APPROVED, State.PENDING):
            row.projected = share * projected_fraction
        if not ind.self_grade:
            ungraded += 1
        for t in tasks:
            if t.status == Progress.SUBMITTED:
                row.num_waiting += 1
                row.waiting.append(t.unit_name)
            elif t.status != Progress.APPROVED:
                row.num_todo += 1
                row.todo.append((t.unit_name, labels.get(t.status, t.status)))
        # Counted from the progress when only the totals are asked for.
        if not tasks:
            n, approved, done = progress.get(ind.pk, (0, 0, 0))
            row.num_waiting, row.num_todo = done - approved, n - done
        full += share
        current += row.current
        projected += row.projected
        attainable += row.attainable
        if row.state in (State.OPEN, State.UNASSIGNED):
            gaps["open"].num += 1
            gaps["open"].points += row.attainable
        else:
            if row.state == State.PENDING:
                gaps["pending"].num += 1
                gaps["pending"].points += row.projected
            elif not ind.self_grade:
                gaps["ungraded"].num += 1
                gaps["ungraded"].points += row.projected
            if row.gap:
                gaps["below_top"].num += 1
                gaps["below_top"].points += row.gap
        unit_share = ind.full_score / (num_all or len(tasks)) if tasks else ZERO
        for t in tasks:
            unit = units.get(t.unit_name)
            if unit is None:
                unit = units[t.unit_name] = UnitScore(name=t.unit_name)
            unit.attainable += unit_share
            unit.num_items += 1
            if t.status == Progress.APPROVED:
                unit.current += unit_share * fraction
            if t.status in DONE:
                unit.projected += unit_share * projected_fraction
    _sum_parents(rows)
    shown = [r for r in rows.values() if not partial or r.share or r.attainable]
    if partial:
        bonus, deductions, vetoes = ZERO, ZERO, []
    else:
        bonus, deductions, vetoes = rule_totals(campaign)
    return CampaignScore(
        full=full,
        indicators=current,
        projected_indicators=projected,
        bonus=bonus,
        deductions=deductions,
        vetoes=vetoes,
        units=sorted(units.values(), key=lambda u: -u.attainable),
        ungraded=ungraded,
        rows=shown,
        top_grade=top_grade,
        attainable=attainable,
        gaps=gaps,
        is_partial=partial,
    )


def _sum_parents(rows: dict[int, IndicatorScore]) -> None:
    """Each parent's share, current, projected and attainable points: the sums of its leaves
    (rows arrive in tree order, so the deepest are added first when walked backwards)."""
    for row in reversed(list(rows.values())):
        parent = rows.get(row.parent_id) if row.parent_id else None
        if parent is None:
            continue
        parent.share += row.share
        parent.current += row.current
        parent.projected += row.projected
        parent.attainable += row.attainable
