"""Opening hours: 24h, weekly patterns, and "open now" across midnight."""

import datetime as dt

import pytest

from gonghui.stations.hours import HoursError, format_hours, is_open_at, parse_hours

MON = dt.datetime(2026, 11, 30)  # a Monday


def at(day_offset: int, hhmm: str) -> dt.datetime:
    hour, minute = (int(x) for x in hhmm.split(":"))
    return MON + dt.timedelta(days=day_offset, hours=hour, minutes=minute)


def test_always_open():
    rules = parse_hours("24小时")
    assert format_hours(rules) == "24小时开放"
    assert all(is_open_at(rules, at(d, "03:17")) for d in range(7))


def test_weekday_pattern_is_closed_at_the_weekend_and_after_hours():
    rules = parse_hours("1-5 08:00-20:00; 6 09:00-12:00")
    assert is_open_at(rules, at(0, "08:00"))
    assert not is_open_at(rules, at(0, "20:00"))
    assert not is_open_at(rules, at(0, "07:59"))
    assert is_open_at(rules, at(5, "11:59"))
    assert not is_open_at(rules, at(5, "12:00"))
    assert not is_open_at(rules, at(6, "10:00"))  # Sunday
    assert format_hours(rules) == "周一至周五 08:00-20:00；周六 09:00-12:00"


def test_overnight_rule_runs_into_the_next_day_and_wraps_sunday_to_monday():
    rules = parse_hours("5,7 22:00-06:00")
    assert is_open_at(rules, at(4, "23:30"))  # Friday night
    assert is_open_at(rules, at(5, "05:59"))  # Saturday early morning, from Friday
    assert not is_open_at(rules, at(5, "06:00"))
    assert not is_open_at(rules, at(5, "23:00"))  # Saturday night has no rule
    assert is_open_at(rules, at(7, "01:00"))  # Monday early morning, from Sunday
    assert not is_open_at(rules, at(1, "01:00"))  # Tuesday: Monday night has no rule
    assert not is_open_at(rules, at(4, "21:59"))


@pytest.mark.parametrize("text", ["周一 8点", "1-5 25:00-26:00", "5-1 08:00-09:00"])
def test_unreadable_hours_are_refused(text):
    with pytest.raises(HoursError):
        parse_hours(text)


def test_weekday_names_follow_the_reader_language():
    from django.utils import translation

    rules = parse_hours("1-5 08:00-20:00; 1,3,7 09:00-12:00")
    with translation.override("en"):
        assert format_hours(rules) == "Mon–Fri 08:00-20:00; Mon, Wed, Sun 09:00-12:00"
    with translation.override("zh-hans"):
        assert format_hours(rules) == "周一至周五 08:00-20:00；周一、周三、周日 09:00-12:00"
