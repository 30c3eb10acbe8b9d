"""The wish list's Excel export: the list's own filters, names and phones masked."""

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from gonghui.exports.lists import ListExport
from gonghui.organizations.selectors import get_organization_for_user

from . import selectors
from .permissions import SENSITIVE


def organization(user, params: QueryDict):
    value = params.get("org", "")
    return get_organization_for_user(user, int(value)) if value.isdigit() else None


def filters(user, params: QueryDict) -> selectors.WishFilter:
    """The wish list's filters from its query string (the page and its export share them)."""
    return selectors.WishFilter(
        q=params.get("q", "").strip(),
        status=params.get("status", ""),
        category=params.get("category", ""),
        claimant_kind=params.get("kind", ""),
        organization=organization(user, params),
    )


WISHES = ListExport(
    key="wishes.wishes",
    title=_("微心愿清单"),
    queryset=lambda user, params: selectors.wishes_for_user(user, filters(user, params)),
    headers=selectors.EXPORT_HEADERS,
    rows=selectors.export_rows,
    sensitive_permission=SENSITIVE,
    sensitive_what=_("姓名和电话"),
    organization=organization,
)
