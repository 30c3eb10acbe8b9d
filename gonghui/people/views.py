"""Pages: people list (search, filters, export), detail with audited unmasking, edit, import."""

import copy
from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from gonghui.core.exceptions import DomainError
from gonghui.core.forms import create_page, save_form
from gonghui.core.imports import import_page
from gonghui.core.pagination import COUNT_CAP, CappedPaginator
from gonghui.core.panels import render_panels
from gonghui.core.privacy import can_view_sensitive
from gonghui.core.spreadsheets import xlsx_response

from . import exports, selectors, services
from .forms import ImportForm, PersonForm
from .permissions import EDIT_PERMISSION

SEARCH_CAP = 1_000


def _filters(request) -> selectors.PeopleFilter:
    return exports.filters(request.user, request.GET)


@login_required
def person_list(request):
    filters = _filters(request)
    try:
        qs = selectors.people_for_user(request.user, filters)
    except DomainError as exc:  # a full phone number without the permission, or too often
        messages.error(request, exc.message)
        qs = selectors.people_for_user(request.user, replace(filters, q=""))
    # A search counts its matches up to SEARCH_CAP ("1 000+"): a broad one walks the list.
    cap = SEARCH_CAP if filters.q else COUNT_CAP
    page = CappedPaginator(qs, 20, cap=cap).get_page(request.GET.get("page"))
    return render(
        request,
        "people/list.html",
        {
            "page": page,
            "rows": selectors.list_rows(page.object_list),
            "filters": filters,
            "tags": [
                ("volunteer", _("志愿者")),
                ("needy", _("困难职工")),
                ("liaison", _("联络员")),
                ("model_worker", _("劳模工匠")),
            ],
            "can_edit": request.user.has_perm(EDIT_PERMISSION),
            "can_view_sensitive": can_view_sensitive(request.user),
        },
    )


@login_required
def detail(request, pk: int):
    person = selectors.get_person_for_user(request.user, pk)
    return render(
        request,
        "people/detail.html",
        {
            "person": person,
            "can_view_sensitive": can_view_sensitive(request.user),
            "can_edit": request.user.has_perm(EDIT_PERMISSION),
            "panels": render_panels("person_detail", request, person),
        },
    )


@login_required
@require_POST
def reveal(request, pk: int):
    """Show the full ID number and phone once; every reveal is written to the audit log."""
    person = selectors.get_person_for_user(request.user, pk)
    try:
        values = services.reveal_sensitive(by=request.user, person=person)
    except DomainError as exc:
        raise PermissionDenied(exc.message) from exc
    return render(request, "people/_sensitive.html", {"person": person, "values": values})


create = create_page(
    PersonForm,
    services.create_person,
    template="people/form.html",
    permission=EDIT_PERMISSION,
    denied=_("您无权新建人员"),
    message=lambda person: _("已新建人员：%(name)s") % {"name": person.name},
    success=lambda person: reverse("people:detail", args=[person.pk]),
)


@login_required
def edit(request, pk: int):
    person = selectors.get_person_for_user(request.user, pk, for_write=True)
    # The form validates a copy: the service compares against the unchanged record.
    form = PersonForm(request.POST or None, instance=copy.copy(person), user=request.user)
    done = save_form(
        request,
        form,
        lambda: services.update_person(by=request.user, person=person, **form.cleaned_data),
        message=_("已保存"),
        success=reverse("people:detail", args=[person.pk]),
    )
    return done or render(request, "people/form.html", {"form": form, "person": person})


@login_required
def import_template(request):
    return xlsx_response(services.PEOPLE_IMPORT.template(), "人员导入模板.xlsx")


@login_required
def import_people(request):
    if not request.user.has_perm(EDIT_PERMISSION):
        raise PermissionDenied(_("您无权导入人员"))
    return import_page(
        request,
        services.PEOPLE_IMPORT,
        form=ImportForm(request.POST or None, request.FILES or None),
        heading=_("人员 Excel 导入"),
        template_url=reverse("people:import_template"),
        done_url=reverse("people:list"),
        done_message=_("已导入 %(n)s 人"),
    )
