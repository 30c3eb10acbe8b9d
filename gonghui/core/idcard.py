"""Resident identity card numbers (GB 11643-1999): checksum, birth date and gender."""

import datetime as dt
import re

from django.utils.translation import gettext as _

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_PATTERN = re.compile(r"^\d{17}[\dX]$")


class InvalidIdNumber(ValueError):
    pass


def check_digit(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def normalize_id_number(raw: str) -> str:
    return (raw or "").strip().replace(" ", "").upper()


def validate_id_number(raw: str) -> str:
    """Return the normalised number or raise InvalidIdNumber with a translated message."""
    value = normalize_id_number(raw)
    if not _PATTERN.match(value):
        raise InvalidIdNumber(_("身份证号应为18位，前17位为数字，最后一位为数字或X"))
    try:
        birth_date(value)
    except ValueError as exc:
        raise InvalidIdNumber(_("身份证号中的出生日期无效")) from exc
    if check_digit(value[:17]) != value[17]:
        raise InvalidIdNumber(_("身份证号校验码错误"))
    return value


def birth_date(value: str) -> dt.date:
    return dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))


def gender(value: str) -> str:
    """'M' or 'F' from the sequence digit."""
    return "M" if int(value[16]) % 2 == 1 else "F"


def make_id_number(region: str, born: dt.date, sequence: int) -> str:
    """Build a valid number (used by demo and scale data generators)."""
    first17 = f"{region[:6]:0<6}{born:%Y%m%d}{sequence % 1000:03d}"
    return first17 + check_digit(first17)
