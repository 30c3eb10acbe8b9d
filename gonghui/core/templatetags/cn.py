"""Chinese formats for dates, amounts and counts, available in every template."""

import datetime as dt
from decimal import Decimal

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import formats, timezone
from django.utils.translation import get_language

from gonghui.core.privacy import mask_id_number

register = template.Library()


def _chinese() -> bool:
    return (get_language() or "zh-hans").startswith("zh")


@register.filter
def cn_date(value) -> str:
    """2020年6月3日 in Chinese; the active language's own date format otherwise (June 3, 2020)."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    if not _chinese():
        return formats.date_format(value, "DATE_FORMAT")
    return f"{value.year}年{value.month}月{value.day}日"


@register.filter
def cn_datetime(value) -> str:
    """2020年6月3日 14:05 in Chinese; June 3, 2020 14:05 otherwise."""
    if not value:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    if not _chinese():
        return f"{formats.date_format(local, 'DATE_FORMAT')} {local:%H:%M}"
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"


@register.filter
def cn_month(value) -> str:
    """2020年5月 in Chinese; the active language's year-month format otherwise (May 2020)."""
    if not value:
        return ""
    if not _chinese():
        return formats.date_format(value, "YEAR_MONTH_FORMAT")
    return f"{value.year}年{value.month}月"


def month_name(month: int) -> str:
    """5月 in Chinese; the month's name in the active language otherwise (May)."""
    if _chinese():
        return f"{month}月"
    return formats.date_format(dt.date(2000, month, 1), "F")


@register.filter
def yuan(value) -> str:
    """¥1,370,000.00 — amounts always with two decimals and thousands separators."""
    if value is None or value == "":
        return ""
    amount = Decimal(value)
    return f"¥{amount:,.2f}"


@register.filter
def wan(value) -> str:
    """137万 / 2.4万 for large counts, the plain number below ten thousand."""
    if value is None or value == "":
        return ""
    number = Decimal(value)
    if abs(number) >= 10000:
        shown = (number / 10000).quantize(Decimal("0.01")).normalize()
        return f"{shown:f}万"
    return f"{number.normalize():f}" if number != number.to_integral() else f"{int(number)}"


@register.filter
def cn_int(value) -> str:
    """12,345"""
    if value is None or value == "":
        return ""
    return f"{int(value):,}"


@register.simple_tag(takes_context=True)
def query_with(context, **kwargs) -> str:
    """The current query string with some parameters replaced (for pagination links)."""
    params = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


@register.filter
def mask_id(value) -> str:
    return mask_id_number(value)


# A pk no page has, reversed in place of the real one and then swapped for it.
_PK_PLACEHOLDER = "9081726354"
_pk_url_parts: dict[tuple, tuple[str, str]] = {}


@register.filter
def pk_url(pk, url_name: str) -> str:
    """`{{ row.pk|pk_url:"app:detail" }}` is `{% url "app:detail" row.pk %}` for a URL taking
    one integer, reversed once per URL name, script prefix and URL configuration instead of once
    per row: a list of fifty rows with two links each no longer reverses a hundred times."""
    key = (url_name, get_script_prefix(), get_urlconf())
    parts = _pk_url_parts.get(key)
    if parts is None:
        head, _placeholder, tail = reverse(url_name, args=[_PK_PLACEHOLDER]).rpartition(
            _PK_PLACEHOLDER
        )
        parts = _pk_url_parts[key] = (head, tail)
    return f"{parts[0]}{int(pk)}{parts[1]}"
