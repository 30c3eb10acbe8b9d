"""Working-day periods on the State Council's published schedule for 2026 (国办发明电〔2025〕
关于2026年部分节假日安排的通知), dates worked out by hand:

- 春节: 2月15日（星期日）至23日（星期一）放假，2月14日（星期六）、2月28日（星期六）上班;
- 国庆节、中秋节: 10月1日至7日放假，9月20日（星期日）、10月10日（星期六）上班."""

import datetime as dt

import pytest
from django.utils import timezone

from gonghui.core.models import CalendarDay
from gonghui.core.workdays import (
    WorkingCalendar,
    calendar_days_after,
    calendar_known,
    working_days_after,
)

pytestmark = pytest.mark.django_db


def at(y, m, d, hour=0, minute=0):
    return timezone.make_aware(dt.datetime(y, m, d, hour, minute))


def test_five_working_days_across_the_spring_festival_use_the_saturday_make_up_day():
    # Fri 13 Feb 10:00 → counts Sat 14 (make-up), then Tue 24 … Fri 27.
    assert working_days_after(at(2026, 2, 13, 10), 5) == at(2026, 2, 28)


def test_five_working_days_across_national_day_use_the_make_up_saturday():
    # Wed 30 Sep 09:00 → Thu 8, Fri 9, Sat 10 (make-up), Mon 12, Tue 13 Oct.
    assert working_days_after(at(2026, 9, 30, 9), 5) == at(2026, 10, 14)


def test_a_make_up_sunday_counts_and_a_start_at_midnight_counts_its_own_day():
    # Sat 19 Sep 00:00 is a rest day → Sun 20 (make-up), Mon 21, Tue 22.
    assert working_days_after(at(2026, 9, 19), 3) == at(2026, 9, 23)
    # Mon 21 Sep 00:00 is a working day and counts itself.
    assert working_days_after(at(2026, 9, 21), 1) == at(2026, 9, 22)


def test_counting_working_days_in_a_range():
    calendar = WorkingCalendar.load()
    # 14 Feb (make-up) + 24–27 Feb + 28 Feb (make-up) = 6 between 14 and 28 Feb.
    assert calendar.count_working_days(dt.date(2026, 2, 14), dt.date(2026, 2, 28)) == 6
    assert calendar.count_working_days(dt.date(2026, 10, 1), dt.date(2026, 10, 7)) == 0
    assert calendar.first_counted_day(at(2026, 9, 30, 15)) == dt.date(2026, 10, 8)


def test_a_year_the_library_does_not_know_falls_back_to_weekdays_until_entered():
    assert not calendar_known(2031)
    # Wed 1 Jan 2031 would be a weekday; with no entry it counts.
    assert working_days_after(at(2031, 1, 1), 1) == at(2031, 1, 2)
    CalendarDay.objects.create(date=dt.date(2031, 1, 1), is_working_day=False, name="元旦")
    assert calendar_known(2031)
    assert working_days_after(at(2031, 1, 1), 1) == at(2031, 1, 3)


def test_calendar_days_are_selectable():
    assert calendar_days_after(at(2026, 9, 30, 9), 7) == at(2026, 10, 8)
    assert calendar_days_after(at(2026, 9, 30), 7) == at(2026, 10, 7)
