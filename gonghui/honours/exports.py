"""Excel exports: nominations (names masked unless asked for in full) and honourees."""

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from gonghui.exports.lists import Column, ListExport
from gonghui.organizations.selectors import get_organization_for_user

from . import selectors
from .models import Honour


def organization(user, params: QueryDict):
    value = params.get("org", "")
    return get_organization_for_user(user, int(value)) if value.isdigit() else None


def filters(user, params: QueryDict) -> selectors.NominationFilter:
    round_id = params.get("round", "")
    award = params.get("award", "")
    return selectors.NominationFilter(
        round=selectors.get_round_for_user(user, int(round_id)) if round_id.isdigit() else None,
        status=params.get("status", ""),
        award_id=int(award) if award.isdigit() else None,
        q=params.get("q", "").strip()[:50],
        organization=organization(user, params),
        queue=params.get("queue") == "1",
    )


NOMINATIONS = ListExport(
    key="honours.nominations",
    title=_("推荐对象清单"),
    queryset=lambda user, params: selectors.nominations_for_user(user, filters(user, params)),
    headers=selectors.EXPORT_HEADERS,
    rows=selectors.export_rows,
    sensitive_what=_("推荐对象姓名"),
    organization=organization,
)


def _honours(user, params):
    flt = filters(user, params)
    qs = Honour.objects.visible_to(user).select_related("award", "round")
    if flt.round is not None:
        qs = qs.filter(round=flt.round)
    return qs.order_by("-year", "award__sort_order", "unit", "pk")


HONOUREES = ListExport(
    key="honours.honourees",
    title=_("获奖名单"),
    queryset=_honours,
    columns=[
        Column(_("年度"), "year"),
        Column(_("奖项"), "award.name"),
        # Honourees are named in the public 表彰决定: the full name is not a secret here.
        Column(_("获奖对象"), "name"),
        Column(_("工作单位"), "unit"),
        Column(_("授予单位"), "conferred_by"),
    ],
)
