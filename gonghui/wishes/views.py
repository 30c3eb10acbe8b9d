"""Staff pages: the scoped wish list, statistics, collecting, detail with the workflow verbs."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gonghui.core.db import reads_from_replica
from gonghui.core.exceptions import DomainError
from gonghui.core.files import stored_file_response
from gonghui.core.forms import create_page
from gonghui.core.workflow import VERB_LABELS, allowed_verbs

from . import exports, permissions, selectors, services
from .forms import DeliverForm, WishForm
from .models import Wish
from .workflow import NOTE_VERBS, TRANSITIONS, Status


def _org_from(request):
    return exports.organization(request.user, request.GET)


def _filters(request) -> selectors.WishFilter:
    return exports.filters(request.user, request.GET)


@login_required
def wish_list(request):
    filters = _filters(request)
    qs = selectors.wishes_for_user(request.user, filters)
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "wishes/list.html",
        {
            "page": page,
            "filters": filters,
            "statuses": Status.choices,
            "categories": Wish.Category.choices,
            "kinds": Wish.ClaimantKind.choices,
            "can_collect": request.user.has_perm(permissions.COLLECT),
            "can_view_sensitive": permissions.can_view_sensitive(request.user),
        },
    )


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@login_required
@reads_from_replica
def statistics(request):
    stats = selectors.wish_statistics(
        request.user,
        organization=_org_from(request),
        start=_date(request.GET.get("start", "")),
        end=_date(request.GET.get("end", "")),
    )
    return render(request, "wishes/statistics.html", {"stats": stats})


create = create_page(
    WishForm,
    services.collect_wish,
    template="wishes/form.html",
    permission=permissions.COLLECT,
    denied=gettext_lazy("您无权录入微心愿"),
    message=lambda wish: _("已录入微心愿：%(title)s") % {"title": wish.title},
    success=lambda wish: reverse("wishes:detail", args=[wish.pk]),
)


@login_required
def detail(request, pk: int):
    wish = selectors.get_wish_for_user(request.user, pk)
    verbs = permissions.verbs_for(request.user)
    actions = [
        (verb, VERB_LABELS[verb])
        for verb in allowed_verbs(TRANSITIONS, wish.status)
        if verb in verbs
    ]
    return render(
        request,
        "wishes/detail.html",
        {
            "wish": wish,
            "history": selectors.history_of(wish),
            "actions": actions,
            "deliver_form": DeliverForm() if any(v == "deliver" for v, _ in actions) else None,
            "can_view_sensitive": permissions.can_view_sensitive(request.user),
            "can_contact_claimant": permissions.can_contact_claimant(request.user),
        },
    )


@login_required
@require_POST
def reveal(request, pk: int):
    """Show the worker's and claimant's full contact details once; each reveal is audited."""
    wish = selectors.get_wish_for_user(request.user, pk)
    try:
        values = services.reveal_sensitive(by=request.user, wish=wish)
    except DomainError as exc:
        raise PermissionDenied(exc.message) from exc
    return render(request, "wishes/_sensitive.html", {"wish": wish, "values": values})


@login_required
@require_POST
def reveal_claimant(request, pk: int):
    """Show the claimant's name and phone to the staff who deliver the wish; audited."""
    wish = selectors.get_wish_for_user(request.user, pk)
    try:
        values = services.reveal_claimant(by=request.user, wish=wish)
    except DomainError as exc:
        raise PermissionDenied(exc.message) from exc
    return render(request, "wishes/_claimant.html", {"wish": wish, "values": values})


@login_required
def photo(request, pk: int):
    wish = selectors.get_wish_for_user(request.user, pk)
    if not wish.delivery_photo:
        raise Http404(_("没有送达照片"))
    name = wish.delivery_photo.name
    return stored_file_response(
        name, download_name=f"送达照片.{name.rsplit('.', 1)[-1]}", inline=True
    )


@login_required
@require_POST
def deliver(request, pk: int):
    wish = selectors.get_wish_for_user(request.user, pk, for_write=True)
    form = DeliverForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, "；".join(errors))
        return redirect("wishes:detail", pk=pk)
    try:
        services.deliver_wish(
            wish=wish,
            by=request.user,
            delivered_date=form.cleaned_data["delivered_date"],
            photo=form.cleaned_data["photo"],
            note=form.cleaned_data["note"],
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已登记送达"))
    return redirect("wishes:detail", pk=pk)


@login_required
@require_POST
def transition(request, pk: int, verb: str):
    if verb not in NOTE_VERBS:
        raise Http404(_("未知操作"))
    wish = selectors.get_wish_for_user(request.user, pk, for_write=True)
    note = request.POST.get("note", "").strip()[:300]
    try:
        services.note_verb(wish=wish, verb=verb, by=request.user, note=note)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已%(verb)s") % {"verb": VERB_LABELS[verb]})
    return redirect("wishes:detail", pk=pk)
