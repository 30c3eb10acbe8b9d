"""A notice's period on the official calendar: 调休 make-up days count, holidays do not
(2026 dates checked by hand against 国办发明电〔2025〕: 春节 2月15日–23日放假，2月14日、28日上班;
中秋 9月25日–27日放假; 国庆 10月1日–7日放假，9月20日、10月10日上班)."""

import datetime as dt

import pytest
from django.utils import timezone

from gonghui.core.models import CalendarDay
from gonghui.notices.workflow import Status

from .factories import make_notice

pytestmark = pytest.mark.django_db


def at(y, m, d, hour=0, minute=0):
    return timezone.make_aware(dt.datetime(y, m, d, hour, minute))


def test_five_working_days_from_before_the_spring_festival_end_after_the_holiday(fed):
    notice = make_notice(fed, opens_at=at(2026, 2, 13, 10))
    # Sat 14 Feb (make-up) + Tue 24 … Fri 27 Feb → ends at midnight into Sat 28 Feb.
    assert notice.closes_at == at(2026, 2, 28)
    assert notice.period_kind == "working" and notice.period_days == 5


def test_five_working_days_across_national_day_count_the_make_up_saturday(fed):
    notice = make_notice(fed, opens_at=at(2026, 9, 30, 9))
    # Thu 8, Fri 9, Sat 10 (make-up), Mon 12, Tue 13 Oct → midnight into Wed 14 Oct.
    assert notice.closes_at == at(2026, 10, 14)


def test_seven_working_days_from_the_make_up_sunday_skip_the_mid_autumn_festival(fed):
    notice = make_notice(fed, opens_at=at(2026, 9, 20), working_days=7)
    # Sun 20 (make-up), Mon 21 … Thu 24; 中秋 Fri 25 – Sun 27 off; Mon 28, Tue 29
    # → midnight into Wed 30 Sep.
    assert notice.closes_at == at(2026, 9, 30)


def test_calendar_days_can_be_chosen_instead(fed):
    notice = make_notice(fed, opens_at=at(2026, 9, 30, 9), calendar_days=7)
    assert notice.closes_at == at(2026, 10, 8)
    assert notice.period_kind == "calendar"


def test_entered_days_count_for_a_year_the_library_does_not_know(fed):
    CalendarDay.objects.create(date=dt.date(2031, 1, 1), is_working_day=False, name="元旦")
    notice = make_notice(fed, opens_at=at(2030, 12, 31, 9), working_days=1)
    # Wed 1 Jan 2031 is a holiday by the office's entry → Thu 2 Jan counts.
    assert notice.closes_at == at(2031, 1, 3)


def test_a_notice_starting_in_the_future_waits_scheduled(fed):
    notice = make_notice(fed, opens_at=timezone.now() + dt.timedelta(days=3))
    assert notice.status == Status.SCHEDULED
