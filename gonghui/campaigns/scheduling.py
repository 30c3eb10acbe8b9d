"""倒排工期: milestones scheduled backwards from the assessment date, per indicator.

Pure functions over dates; the lead time of an item is its own `lead_days` or, by default,
the longest default of its collection methods (a survey needs more time than a site visit).
"""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import Method, Progress

DEFAULT_LEAD_DAYS = {
    Method.SURVEY: 45,
    Method.OPINION: 30,
    Method.MATERIAL: 30,
    Method.SITE: 20,
    Method.ONLINE: 15,
    Method.REPORT: 10,
}
FALLBACK_LEAD_DAYS = 30
WORK_DAYS = 30  # time an item takes from start to finished evidence
REVIEW_DAYS = 7  # submitted this long before the latest finish, so a return can still be fixed


@dataclass(frozen=True)
class Schedule:
    latest_start: dt.date
    submit_by: dt.date
    latest_finish: dt.date
    lead_days: int

    def milestones(self) -> list[tuple[str, dt.date]]:
        return [
            (_("最迟启动"), self.latest_start),
            (_("提交审核"), self.submit_by),
            (_("完成"), self.latest_finish),
        ]


def lead_days_for(lead_days: int | None, methods) -> int:
    if lead_days is not None:
        return lead_days
    return max((DEFAULT_LEAD_DAYS.get(m, FALLBACK_LEAD_DAYS) for m in methods or ()), default=30)


def schedule_for(
    *, assessment_date: dt.date, lead_days: int | None, methods, deadline: dt.date | None = None
) -> Schedule:
    days = lead_days_for(lead_days, methods)
    finish = assessment_date - dt.timedelta(days=days)
    if deadline is not None and deadline < finish:
        finish = deadline
    return Schedule(
        latest_start=finish - dt.timedelta(days=WORK_DAYS),
        submit_by=finish - dt.timedelta(days=REVIEW_DAYS),
        latest_finish=finish,
        lead_days=days,
    )


def behind_schedule(schedule: Schedule, status: str, today: dt.date) -> str:
    """Why the item is behind (a short phrase), or "" when it is on schedule."""
    if status == Progress.APPROVED:
        return ""
    if today > schedule.latest_finish:
        return _("已过最迟完成日期")
    if today > schedule.submit_by and status not in (Progress.SUBMITTED,):
        return _("应已提交审核")
    if today > schedule.latest_start and status == Progress.NOT_STARTED:
        return _("应已启动")
    return ""
