"""Money in integer fen shown in 元, and in 万元 for headline figures."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def fen_yuan(value) -> str:
    """137000000 → ¥1,370,000.00"""
    if value is None or value == "":
        return ""
    return f"¥{Decimal(int(value)) / 100:,.2f}"


@register.filter
def fen_wan(value) -> str:
    """137200000 fen → 137.2万元 (two decimals at most)."""
    if value is None or value == "":
        return ""
    wan = (Decimal(int(value)) / 1_000_000).quantize(Decimal("0.01")).normalize()
    return f"{wan:f}万元"


@register.filter
def fen_tile(value) -> str:
    """A money figure short enough for a tile: 万元 from 1万元 up (867400000 → 867.4万元),
    whole 元 below it (50000 → ¥500, 12345 → ¥123.45)."""
    if value is None or value == "":
        return ""
    value = int(value)
    if abs(value) >= 1_000_000:
        return fen_wan(value)
    yuan = Decimal(value) / 100
    return f"¥{yuan:,.0f}" if value % 100 == 0 else f"¥{yuan:,.2f}"
