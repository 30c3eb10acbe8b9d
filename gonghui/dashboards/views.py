"""The home page (工作台 / leader dashboard) and the federation's big screen (大屏)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from gonghui.core.db import reads_from_replica
from gonghui.organizations.selectors import get_organization_for_user

from . import exports, selectors


@login_required
@reads_from_replica
def home(request):
    board = exports.board_for(request.user, request.GET)
    return render(
        request,
        "dashboards/home.html",
        {
            "summary": selectors.home_summary(request.user),
            "board": board,
            "query": request.GET.urlencode(),
            "tables": selectors.TABLES,
        },
    )


@login_required
@reads_from_replica
def screen(request):
    org_id = request.GET.get("org", "")
    org = get_organization_for_user(request.user, int(org_id)) if org_id.isdigit() else None
    figure = request.GET.get("figure", "activities")
    as_of = exports.as_of_date(request.GET.get("as_of", ""))
    data = selectors.screen(request.user, organization=org, figure=figure, as_of=as_of)
    return render(
        request,
        "dashboards/screen.html",
        {
            "screen": data,
            "figures": selectors.MAP_FIGURES,
            "org_id": org_id,
            "as_of": request.GET.get("as_of", "") if as_of else "",
        },
    )
