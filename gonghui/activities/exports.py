"""The activity list's Excel export, in the import template's columns."""

import datetime as dt

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from gonghui.exports.lists import ListExport
from gonghui.organizations.selectors import get_organization_for_user

from . import selectors


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


ACTIVITIES = ListExport(
    key="activities.activities",
    title=_("活动登记"),
    queryset=lambda user, params: selectors.activities_for_user(user, filters(user, params)),
    headers=selectors.EXPORT_HEADERS,
    rows=lambda qs, unmasked: selectors.export_rows(qs),
    organization=lambda user, params: filters(user, params).organization,
)
