"""The station list's Excel export, from the list page's own filters."""

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.exports.lists import STATUS, Column, ListExport
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


def _year(params: QueryDict) -> int:
    text = params.get("year", "")
    this_year = timezone.localdate().year
    return int(text) if text.isdigit() and 2000 <= int(text) <= this_year else this_year


NOT_INSPECTED = ListExport(
    key="stations.not_inspected",
    title=_("本年度未星级评定的驿站"),
    queryset=lambda user, params: selectors.not_inspected(
        user, _year(params), filters(user, params)
    ),
    columns=[
        Column(_("编号"), "code"),
        Column(_("名称"), "name"),
        Column(_("类型"), "kind.name"),
        Column(_("所属组织"), "organization.name"),
        Column(_("所在区县"), "district"),
        Column(_("地址"), "address"),
        STATUS,
    ],
    organization=lambda user, params: filters(user, params).organization,
)

USAGE = ListExport(
    key="stations.usage",
    title=_("驿站月度服务人次"),
    queryset=lambda user, params: selectors.usage_rows(user, _year(params), filters(user, params)),
    columns=[
        Column(_("驿站编号"), "station.code"),
        Column(_("驿站名称"), "station.name"),
        Column(_("所属组织"), "station.organization.name"),
        Column(_("月份"), lambda u: f"{u.month:%Y-%m}"),
        Column(_("服务人次"), "visits"),
        Column(_("备注"), "note"),
    ],
    organization=lambda user, params: filters(user, params).organization,
)
