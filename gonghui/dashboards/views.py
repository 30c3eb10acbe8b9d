"""The home page (工作台)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from gonghui.core.db import reads_from_replica

from . import selectors


@login_required
@reads_from_replica
def home(request):
    return render(
        request, "dashboards/home.html", {"summary": selectors.home_summary(request.user)}
    )
