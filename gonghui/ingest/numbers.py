"""Chinese and Arabic numerals to exact values (`二十余万` → 200000, `867.4万` → 8674000)."""

from decimal import Decimal, InvalidOperation

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
          "七": 7, "八": 8, "九": 9}  # fmt: skip
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
MAGNITUDES = {**SMALL_UNITS, **BIG_UNITS}
CHINESE_NUMERAL_CHARS = "".join(DIGITS) + "".join(MAGNITUDES)


def parse_chinese(text: str) -> int | None:
    """A Chinese numeral (一千二百, 十五, 两万, 三〇五) as an int, or None if malformed."""
    if not text or any(ch not in CHINESE_NUMERAL_CHARS for ch in text):
        return None
    if all(ch in DIGITS for ch in text):
        if len(text) == 1:
            return DIGITS[text]
        if "两" in text:
            return None
        # Digit-by-digit only for 〇-style spellings (二〇二三); 五一 or 三八 are names.
        if "〇" not in text and "零" not in text:
            return None
        return int("".join(str(DIGITS[ch]) for ch in text))
    total = 0
    section = 0
    digit: int | None = None
    last_unit = 10**12
    for ch in text:
        if ch in DIGITS:
            if digit not in (None, 0):
                return None
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            if unit >= last_unit and section:
                return None
            section += (1 if digit is None else digit) * unit
            digit = None
            last_unit = unit
        else:
            unit = BIG_UNITS[ch]
            section += digit or 0
            if section == 0:
                section = 1
            total = (total + section) * unit if unit > 10_000 else total + section * unit
            section = 0
            digit = None
            last_unit = 10**12
    section += digit or 0
    return total + section


def parse_arabic(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def plain_number(value: Decimal) -> int | float:
    """Integral values as int, others as float rounded to 4 places (JSON friendly)."""
    if value == value.to_integral_value():
        return int(value)
    return float(round(value, 4))
