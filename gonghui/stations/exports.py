"""The station list's Excel export, from the list page's own filters."""

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from gonghui.exports.lists import ListExport
from gonghui.organizations.selectors import get_organization_for_user

from . import selectors


def _int(value: str) -> int | None:
    return int(value) if value.isdigit() else None


def filters(user, params: QueryDict) -> selectors.StationFilter:
    """The station list's filters from its query string (the page and its export share them)."""
    org = None
    if params.get("org", "").isdigit():
        org = get_organization_for_user(user, int(params["org"]))
    status = params.get("status", "")
    return selectors.StationFilter(
        organization=org,
        kind_id=_int(params.get("kind", "")),
        status=status if status in selectors.Station.Status.values else "",
        service_id=_int(params.get("service", "")),
        district=params.get("district", "").strip(),
        q=params.get("q", "").strip(),
    )


STATIONS = ListExport(
    key="stations.stations",
    title=_("工会驿站"),
    queryset=lambda user, params: selectors.stations_for_user(user, filters(user, params)),
    headers=selectors.EXPORT_HEADERS,
    rows=lambda qs, unmasked: selectors.export_rows(qs, unmasked=unmasked),
    sensitive_what=_("联系电话"),
    organization=lambda user, params: filters(user, params).organization,
)
