"""The demand list's Excel export: the list's own filters, names and phones masked."""

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from gonghui.exports.lists import ListExport
from gonghui.organizations.selectors import get_organization_for_user

from . import selectors
from .permissions import SENSITIVE


def organization(user, params: QueryDict):
    value = params.get("org", "")
    return get_organization_for_user(user, int(value)) if value.isdigit() else None


def filters(user, params: QueryDict) -> selectors.DemandFilter:
    """The list's filters from its query string (the page and its export share them)."""
    return selectors.DemandFilter(
        q=params.get("q", "").strip()[:50],
        status=params.get("status", ""),
        channel=params.get("channel", ""),
        demand_type=params.get("type", ""),
        topic=params.get("topic", ""),
        view=params.get("view", ""),
        organization=organization(user, params),
    )


DEMANDS = ListExport(
    key="demands.demands",
    title=_("职工诉求清单"),
    queryset=lambda user, params: selectors.demands_for_user(user, filters(user, params)),
    headers=selectors.EXPORT_HEADERS,
    rows=selectors.export_rows,
    sensitive_permission=SENSITIVE,
    sensitive_what=_("诉求人姓名和电话"),
    organization=organization,
)

SUPERVISED = ListExport(
    key="demands.supervised",
    title=_("督办诉求清单"),
    queryset=lambda user, params: selectors.supervised_for_user(user),
    headers=selectors.EXPORT_HEADERS,
    rows=selectors.export_rows,
    sensitive_permission=SENSITIVE,
    sensitive_what=_("诉求人姓名和电话"),
    organization=organization,
)
