"""GB 11643 ID numbers: checksum, dates, normalisation."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gonghui.core.idcard import InvalidIdNumber, make_id_number, validate_id_number


def test_known_valid_number():
    assert validate_id_number("11010519491231002x") == "11010519491231002X"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("110105194912310021", "校验码"),
        ("1101051949123100", "18位"),
        ("110105194913310025", "出生日期"),
        ("", "18位"),
    ],
)
def test_invalid_numbers_explain_why(value, message):
    with pytest.raises(InvalidIdNumber, match=message):
        validate_id_number(value)


@given(
    st.dates(min_value=dt.date(1930, 1, 1), max_value=dt.date(2010, 12, 31)),
    st.integers(min_value=0, max_value=999),
)
def test_generated_numbers_validate(born, seq):
    assert validate_id_number(make_id_number("410102", born, seq))
