"""Limits are counted on China's official working days, with holidays and 调休 make-up days."""

import datetime as dt

import pytest
from django.utils import timezone

from gonghui.core.models import CalendarDay
from gonghui.core.workdays import WorkingCalendar
from gonghui.demands import services

from .factories import demand_type, make_demand

pytestmark = pytest.mark.django_db


def _at(*args):
    return timezone.make_aware(dt.datetime(*args))


def test_the_limits_skip_the_spring_festival_and_count_its_make_up_saturdays(fed):
    # Received Friday 13 Feb 2026 at 10:00: Sat 14 Feb is a make-up working day (day 1),
    # 15–23 Feb are the holiday, then 24, 25, 26, 27 Feb are days 2–5.
    accept, finish = services.limits(demand_type("consult"), _at(2026, 2, 13, 10))
    assert accept == _at(2026, 2, 15)  # 受理 by the end of the make-up Saturday
    assert finish == _at(2026, 2, 28)  # 办结 (5 working days) by the end of 27 Feb


def test_a_fifteen_day_limit_counts_the_second_make_up_saturday(fed):
    _accept, finish = services.limits(demand_type("complaint"), _at(2026, 2, 13, 10))
    # 14 Feb, 24–27 Feb, 28 Feb (make-up), 2–6 Mar, 9–12 Mar: the 15th is Thu 12 Mar.
    assert finish == _at(2026, 3, 13)


def test_office_entered_days_override_the_calendar(fed):
    CalendarDay.objects.create(date=dt.date(2026, 2, 24), is_working_day=False)
    _accept, finish = services.limits(
        demand_type("consult"), _at(2026, 2, 13, 10), WorkingCalendar.load()
    )
    assert finish == _at(2026, 3, 1)  # 24 Feb off: 14, 25, 26, 27, 28 Feb


def test_a_registered_demand_carries_its_limits(fed):
    demand = make_demand(fed, received_at=_at(2026, 2, 13, 10))
    assert (demand.accept_due_at, demand.finish_due_at) == (_at(2026, 2, 15), _at(2026, 2, 28))


def test_each_hop_counts_the_working_days_its_union_held_the_demand():
    calendar = WorkingCalendar.load()
    # Held from Friday 13 Feb 10:00 to Wednesday 25 Feb: 14, 24, 25 Feb.
    assert services.held_working_days(calendar, _at(2026, 2, 13, 10), _at(2026, 2, 25, 9)) == 3
