"""The activity list's Excel export, in the import template's columns."""

import datetime as dt

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from gonghui.exports.lists import ListExport, stream_values
from gonghui.organizations.selectors import get_organization_for_user

from . import selectors
from .models import fen_to_yuan


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def filters(user, params: QueryDict) -> selectors.ActivityFilter:
    """The activity list's filters from its query string (the page and its export share them)."""
    org = None
    if params.get("org", "").isdigit():
        org = get_organization_for_user(user, int(params["org"]))
    dept, kind = params.get("dept", ""), params.get("type", "")
    return selectors.ActivityFilter(
        organization=org,
        department_id=int(dept) if dept.isdigit() else None,
        type_id=int(kind) if kind.isdigit() else None,
        date_from=_date(params.get("from", "")),
        date_to=_date(params.get("to", "")),
        q=params.get("q", "").strip(),
    )


# selectors.EXPORT_HEADERS' columns (the import template's), money in fen.
_FIELDS = (
    "title",
    "activity_type__name",
    "organization__name",
    "department__name",
    "start_date",
    "end_date",
    "place",
    "participants",
    "attendances",
    "sessions",
    "money_fen",
    "items",
    "items_unit",
    "reach",
    "awards",
    "description",
)
_MONEY = _FIELDS.index("money_fen")
_DEPARTMENT = _FIELDS.index("department__name")


def export_rows(qs):
    """Plain rows in the import template's column order: the list's own query read as values,
    one streamed query however long the list."""
    for values in stream_values(qs, _FIELDS):
        row = list(values)
        row[_DEPARTMENT] = row[_DEPARTMENT] or ""
        row[_MONEY] = fen_to_yuan(row[_MONEY])
        yield row


ACTIVITIES = ListExport(
    key="activities.activities",
    title=_("活动登记"),
    queryset=lambda user, params: selectors.activities_for_user(user, filters(user, params)),
    headers=selectors.EXPORT_HEADERS,
    rows=lambda qs, unmasked: export_rows(qs),
    organization=lambda user, params: filters(user, params).organization,
)
