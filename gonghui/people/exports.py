"""The people list's Excel export: the list's own filters, sensitive columns masked."""

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from gonghui.exports.lists import ListExport
from gonghui.organizations.selectors import get_organization_for_user

from . import selectors


def filters(user, params: QueryDict) -> selectors.PeopleFilter:
    """The people list's filters from its query string (the page and its export share them)."""
    org = None
    if params.get("org", "").isdigit():
        org = get_organization_for_user(user, int(params["org"]))
    dept = params.get("dept", "")
    return selectors.PeopleFilter(
        q=params.get("q", "").strip(),
        organization=org,
        department_id=int(dept) if dept.isdigit() else None,
        tag=params.get("tag", ""),
        gender=params.get("gender", ""),
    )


PEOPLE = ListExport(
    key="people.people",
    title=_("人员名单"),
    queryset=lambda user, params: selectors.people_for_user(user, filters(user, params)),
    headers=selectors.EXPORT_HEADERS,
    rows=selectors.export_rows,
    sensitive_what=_("完整身份证号和手机号"),
    organization=lambda user, params: filters(user, params).organization,
)
