"""Figures in the words of Chinese reports: 5880元, 2.4万余次, 137万多元, 1.2亿元."""

from decimal import Decimal

import pytest

from gonghui.reports.numbers import cn_number, stated_value


@pytest.mark.parametrize(
    ("value", "unit", "more", "expected"),
    [
        (5880, "元", "余", "5880元"),
        (672, "本", "余", "672本"),
        (24380, "次", "余", "2.4万余次"),
        (24000, "次", "余", "2.4万次"),
        (1_372_345, "元", "多", "137万多元"),
        (1_370_000, "元", "多", "137万元"),
        (10_000, "人", "余", "1万人"),
        (99_999, "人次", "余", "9.9万余人次"),
        (123_456_789, "元", "多", "1.2亿多元"),
        (Decimal("3374.41"), "元", "多", "3374.41元"),
        (Decimal("54.000"), "", "余", "54"),
        (0, "个", "余", "0个"),
    ],
)
def test_report_style_numbers(value, unit, more, expected):
    assert cn_number(value, unit, more=more) == expected


def test_the_stated_value_is_what_the_words_say():
    assert stated_value(24380) == 24000
    assert stated_value(1_372_345) == 1_370_000
    assert stated_value(5880) == 5880
    assert stated_value(123_456_789) == 120_000_000


def test_nothing_is_written_for_no_value():
    assert cn_number(None, "元") == ""
