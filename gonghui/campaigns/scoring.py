"""Campaign score: Σ score × grade fraction + bonus − deductions; veto events disqualify.

The current score counts leaf indicators whose evidence is approved by every responsible
unit; the projected score also counts those still awaiting review, as if they passed.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from .models import CampaignRule, Progress, RuleEvent, RuleKind

ZERO = Decimal(0)


class TaskProgress(NamedTuple):
    """What scoring reads of a task: its indicator, progress and responsible unit's name."""

    indicator_id: int
    status: str
    unit_name: str


@dataclass
class UnitScore:
    name: str
    attainable: Decimal = ZERO
    current: Decimal = ZERO
    projected: Decimal = ZERO
    num_items: int = 0


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

    @property
    def total(self) -> Decimal:
        return max(ZERO, self.indicators + self.bonus - self.deductions)

    @property
    def projected(self) -> Decimal:
        return max(ZERO, self.projected_indicators + self.bonus - self.deductions)

    @property
    def is_eligible(self) -> bool:
        return not self.vetoes


def months_before(day: dt.date, months: int) -> dt.date:
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, 28))


def _fraction(grade_map: dict, grade: str) -> Decimal:
    if not grade:
        return ZERO
    return Decimal(str(grade_map.get(grade, 0)))


def rule_totals(campaign) -> tuple[Decimal, Decimal, list[str]]:
    """(bonus, deductions, veto reasons) from the events recorded against the campaign's rules."""
    bonus = deductions = ZERO
    vetoes: list[str] = []
    rules = {r.pk: r for r in CampaignRule.objects.filter(campaign=campaign)}
    bonus_by_rule: dict[int, Decimal] = {}
    for event in RuleEvent.objects.filter(rule__campaign=campaign).order_by("occurred_date"):
        rule = rules[event.rule_id]
        if rule.kind == RuleKind.BONUS:
            earned = event.points if event.points is not None else rule.points
            bonus_by_rule[rule.pk] = min(rule.points, bonus_by_rule.get(rule.pk, ZERO) + earned)
        elif rule.kind == RuleKind.DEDUCTION:
            deductions += rule.points * event.occurrences
        elif rule.kind == RuleKind.VETO:
            since = months_before(campaign.assessment_date, rule.window_months or 0)
            if since <= event.occurred_date <= campaign.assessment_date:
                vetoes.append(
                    f"{rule.name}（{event.occurred_date:%Y年%-m月%-d日}发生，"
                    f"在测评前 {rule.window_months} 个月内）"
                )
    bonus = sum(bonus_by_rule.values(), ZERO)
    return bonus, deductions, vetoes


def campaign_score(campaign, indicators, assignments=None, *, progress=None) -> CampaignScore:
    """Score from leaf indicators (with self grades) and their assignments' progress: either
    the tasks (anything with `indicator_id`, `status` and `unit_name`, such as `TaskProgress`),
    which also gives each unit's share, or only `progress`, {indicator id: (tasks, approved,
    approved or submitted)} counted in the database, for the totals.

    A department's share of an indicator shared by several units is score / number of units.
    """
    grade_map = campaign.grade_map or {}
    by_indicator: dict[int, list] = {}
    for a in assignments or ():
        by_indicator.setdefault(a.indicator_id, []).append(a)
    if progress is None:
        done = (Progress.APPROVED, Progress.SUBMITTED)
        progress = {
            pk: (
                len(tasks),
                sum(t.status == Progress.APPROVED for t in tasks),
                sum(t.status in done for t in tasks),
            )
            for pk, tasks in by_indicator.items()
        }
    units: dict[str, UnitScore] = {}
    full = current = projected = ZERO
    ungraded = 0
    for ind in indicators:
        if not ind.is_leaf:
            continue
        full += ind.full_score
        fraction = _fraction(grade_map, ind.self_grade)
        if not ind.self_grade:
            ungraded += 1
        num_tasks, num_approved, num_pending = progress.get(ind.pk, (0, 0, 0))
        value = ind.full_score * fraction
        if num_tasks and num_approved == num_tasks:
            current += value
        if num_tasks and num_pending == num_tasks:
            projected += value
        tasks = by_indicator.get(ind.pk, [])
        share = ind.full_score / len(tasks) if tasks else ZERO
        for t in tasks:
            unit = units.get(t.unit_name)
            if unit is None:
                unit = units[t.unit_name] = UnitScore(name=t.unit_name)
            unit.attainable += share
            unit.num_items += 1
            if t.status == Progress.APPROVED:
                unit.current += share * fraction
            if t.status in (Progress.APPROVED, Progress.SUBMITTED):
                unit.projected += share * fraction
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
    )
