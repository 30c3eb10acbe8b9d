"""China's official working-day calendar: statutory holidays and 调休 make-up working days.

The calendar comes from `chinese_calendar` (the State Council's published schedules). Days
the office enters as `CalendarDay` win over it — for a year the library does not know yet,
or a local adjustment. For a year neither knows, Monday to Friday are working days and
`calendar_known(year)` says so, so pages can warn that the dates may still move.

Periods are counted in whole working days: a period that starts during a day counts from the
next working day (a notice put up at 15:00 on a Monday does not spend Monday as a full day),
and it ends at midnight after its last working day. `working_days_after` returns that
midnight (an exclusive end, aware in the site's time zone)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import chinese_calendar
from django.utils import timezone

from .models import CalendarDay

# Far enough for any period the product counts (a 15-working-day limit spans under a month).
_SEARCH_LIMIT_DAYS = 400


def official_status(day: dt.date) -> bool | None:
    """Whether the published calendar makes `day` a working day; None for an unknown year."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return None


def calendar_known(year: int) -> bool:
    """The official schedule for `year` is known (from the library or entered days)."""
    if official_status(dt.date(year, 6, 1)) is not None:
        return True
    return CalendarDay.objects.filter(date__year=year).exists()


@dataclass
class WorkingCalendar:
    """The calendar with the office's entered days loaded once (use one per request or job
    when counting many periods)."""

    overrides: dict[dt.date, bool] = field(default_factory=dict)

    @classmethod
    def load(cls) -> WorkingCalendar:
        return cls(dict(CalendarDay.objects.values_list("date", "is_working_day")))

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        official = official_status(day)
        if official is not None:
            return official
        return day.weekday() < 5

    def working_days_after(self, start: dt.datetime, days: int) -> dt.datetime:
        """The end (exclusive midnight, aware) of a period of `days` working days begun at
        `start`. A start at midnight of a working day counts that day."""
        if days < 1:
            raise ValueError("days must be at least 1")
        local = timezone.localtime(start) if timezone.is_aware(start) else start
        day = local.date()
        if local.time() != dt.time(0, 0) or not self.is_working_day(day):
            day += dt.timedelta(days=1)
        counted = 0
        for _ in range(_SEARCH_LIMIT_DAYS):
            if self.is_working_day(day):
                counted += 1
                if counted == days:
                    return _midnight(day + dt.timedelta(days=1))
            day += dt.timedelta(days=1)
        raise ValueError("no working days found within the search limit")

    def first_counted_day(self, start: dt.datetime) -> dt.date:
        """The first working day a period begun at `start` counts."""
        local = timezone.localtime(start) if timezone.is_aware(start) else start
        day = local.date()
        if local.time() != dt.time(0, 0) or not self.is_working_day(day):
            day += dt.timedelta(days=1)
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def count_working_days(self, first: dt.date, last: dt.date) -> int:
        """Working days from `first` to `last`, both included (0 when last < first)."""
        count, day = 0, first
        while day <= last:
            count += self.is_working_day(day)
            day += dt.timedelta(days=1)
        return count


def calendar_days_after(start: dt.datetime, days: int) -> dt.datetime:
    """The end (exclusive midnight) of a period of `days` calendar days begun at `start`,
    counted like working days: a start during a day counts from the next day."""
    local = timezone.localtime(start) if timezone.is_aware(start) else start
    day = local.date()
    if local.time() != dt.time(0, 0):
        day += dt.timedelta(days=1)
    return _midnight(day + dt.timedelta(days=days))


def is_working_day(day: dt.date) -> bool:
    return WorkingCalendar.load().is_working_day(day)


def working_days_after(start: dt.datetime, days: int) -> dt.datetime:
    return WorkingCalendar.load().working_days_after(start, days)


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(0, 0)))
