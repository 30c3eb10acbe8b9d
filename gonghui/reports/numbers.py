"""Figures written the way Chinese reports write them: 5880元, 2.4万余次, 137万多元, 1.2亿元.

Below ten thousand a figure is written in full; above, in 万 (or 亿) with one decimal below a
hundred 万 and none above, and what the rounding leaves out is said with 余 (or 多). Pure."""

from decimal import ROUND_FLOOR, Decimal

WAN = Decimal(10_000)
YI = Decimal(100_000_000)


def _trim(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def stated_value(value) -> Decimal:
    """The value the written figure states (what a reader, or the ingest, reads back)."""
    number = Decimal(value)
    for size in (YI, WAN):
        if abs(number) >= size:
            scaled = number / size
            step = Decimal(1) if abs(scaled) >= 100 else Decimal("0.1")
            return scaled.quantize(step, rounding=ROUND_FLOOR) * size
    return number


def cn_number(value, unit: str = "", *, more: str = "余") -> str:
    """`value` with its unit in report style; `more` is 余 or 多 for the part left out."""
    if value is None:
        return ""
    number = Decimal(value)
    for size, word in ((YI, "亿"), (WAN, "万")):
        if abs(number) >= size:
            stated = stated_value(number)
            suffix = more if stated != number else ""
            return f"{_trim(stated / size)}{word}{suffix}{unit}"
    if number != number.to_integral():
        return f"{_trim(number.quantize(Decimal('0.01')))}{unit}"
    return f"{int(number)}{unit}"


def yuan_from_fen(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(Decimal("0.01"))
