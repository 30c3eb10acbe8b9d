"""Excel export of every dashboard table, with the page's own as-of date, span and campaign."""

import datetime as dt

from django.http import QueryDict
from django.utils import timezone

from gonghui.exports.lists import ListExport

from . import selectors


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def as_of_date(value: str) -> dt.date | None:
    """An "as of" date from a query string: a valid date no later than today, else None."""
    found = _date(value)
    return found if found is not None and found <= timezone.localdate() else None


def board_for(user, params: QueryDict) -> selectors.Dashboard:
    campaign = params.get("campaign", "")
    return selectors.dashboard(
        user,
        as_of=_date(params.get("as_of", "")),
        span=params.get("span", "month"),
        campaign_id=int(campaign) if campaign.isdigit() and len(campaign) < 19 else None,
    )


def _export(table: str) -> ListExport:
    title, headers = selectors.TABLES[table]
    return ListExport(
        key=f"dashboards.{table}",
        title=title,
        queryset=lambda user, params: selectors.table_rows(board_for(user, params), table),
        headers=headers,
        rows=lambda rows, unmasked: rows,
    )


TABLES = {table: _export(table) for table in selectors.TABLES}
