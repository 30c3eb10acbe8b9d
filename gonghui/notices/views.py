"""Staff pages (notices, objections, the working calendar) and the public notice page with its
objection form and printable version."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.exceptions import DomainError
from gonghui.core.forms import add_domain_error

from . import exports, permissions, selectors, services, throttle
from .forms import CalendarDayForm, CloseObjectionForm, ObjectionForm, WithdrawForm
from .workflow import ObjectionStatus, Status

# --- Staff ------------------------------------------------------------------------------------


@login_required
def notice_list(request):
    if not request.user.has_perm(permissions.VIEW):
        raise PermissionDenied(_("您无权查看公示"))
    filters = exports.filters(request.GET)
    page = Paginator(selectors.notices_for_user(request.user, filters), 20).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notices/list.html",
        {"page": page, "filters": filters, "statuses": Status.choices},
    )


@login_required
def detail(request, notice_id: int):
    notice = selectors.get_notice_for_user(request.user, notice_id)
    can_handle = permissions.can_handle_objections(request.user, notice.organization_id)
    return render(
        request,
        "notices/detail.html",
        {
            "notice": notice,
            "entries": selectors.entries_of(notice)[:500],
            "history": selectors.history_of(notice),
            "counts": selectors.objection_counts(notice) if can_handle else None,
            "objections": (
                selectors.objections_for_user(request.user, notice=notice) if can_handle else []
            ),
            "can_withdraw": request.user.has_perm(permissions.MANAGE)
            and notice.status in (Status.SCHEDULED, Status.OPEN),
            "withdraw_form": WithdrawForm(),
        },
    )


@login_required
@require_POST
def withdraw(request, notice_id: int):
    notice = selectors.get_notice_for_user(request.user, notice_id)
    try:
        services.withdraw_notice(
            notice=notice, by=request.user, reason=request.POST.get("reason", "")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已撤销公示"))
    return redirect("notices:detail", notice_id=notice.pk)


@login_required
def objection_list(request):
    status = request.GET.get("status", "")
    qs = selectors.objections_for_user(request.user, status=status)
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "notices/objections.html",
        {"page": page, "status": status, "statuses": ObjectionStatus.choices},
    )


@login_required
def objection(request, objection_id: int):
    item = selectors.get_objection_for_user(request.user, objection_id)
    form = CloseObjectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.close_objection(objection=item, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("异议已办结"))
            return redirect("notices:objection", objection_id=item.pk)
    return render(
        request,
        "notices/objection.html",
        {"objection": item, "form": form, "history": selectors.objection_history(item)},
    )


@login_required
@require_POST
def objection_reveal(request, objection_id: int):
    item = selectors.get_objection_for_user(request.user, objection_id)
    try:
        values = services.reveal_objector(by=request.user, objection=item)
    except DomainError as exc:
        raise PermissionDenied(exc.message) from exc
    return render(request, "notices/_objector.html", {"values": values})


@login_required
def calendar(request):
    if not request.user.has_perm(permissions.CALENDAR):
        raise PermissionDenied(_("您无权维护工作日历"))
    try:
        year = int(request.GET.get("year") or selectors.today().year)
    except ValueError:
        year = selectors.today().year
    year = min(max(year, 2004), 2100)
    form = CalendarDayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            day = services.set_calendar_day(by=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("已保存 %(date)s") % {"date": day.date.isoformat()})
            return redirect(f"{request.path}?year={day.date.year}")
    return render(
        request,
        "notices/calendar.html",
        {"cal": selectors.calendar_year(year), "form": form, "years": _years(year)},
    )


def _years(year: int) -> list[int]:
    this = selectors.today().year
    return sorted({this - 1, this, this + 1, year})


@login_required
@require_POST
def calendar_delete(request, day_id: int):
    if not request.user.has_perm(permissions.CALENDAR):
        raise PermissionDenied(_("您无权维护工作日历"))
    day = selectors.get_calendar_day(day_id)
    year = day.date.year
    try:
        services.remove_calendar_day(by=request.user, day=day)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(f"{reverse('notices:calendar')}?year={year}")


# --- Public -----------------------------------------------------------------------------------


def public_index(request):
    return render(
        request, "notices/public_index.html", {"notices": selectors.open_public_notices()}
    )


def public(request, notice_id: int):
    notice = selectors.get_public_notice(notice_id)
    entries = selectors.public_entries(notice)
    form = ObjectionForm(request.POST if request.method == "POST" else None, entries=entries)
    status = 200
    if request.method == "POST":
        if not throttle.objection_allowed(request):
            messages.error(request, _("提交过于频繁，请稍后再试"))
            status = 429
        elif form.is_bot:
            messages.success(request, _("您的异议已收到，我们将核实后答复"))
            return redirect("notices:public", notice_id=notice.pk)
        elif form.is_valid():
            data = form.cleaned_data
            try:
                services.lodge_objection(
                    notice=notice,
                    name=data["name"],
                    phone=data["phone"],
                    content=data["content"],
                    entry_id=data["entry"],
                )
            except DomainError as exc:
                add_domain_error(form, exc)
                status = 400
            else:
                messages.success(request, _("您的异议已收到，我们将核实后答复"))
                return redirect("notices:public", notice_id=notice.pk)
        else:
            status = 400
    return render(
        request,
        "notices/public.html",
        {
            "notice": notice,
            "entries": entries,
            # a notice of units (survey results) has no name column
            "has_names": any(e["masked_name"] for e in entries),
            "entries_key": selectors.public_entries_key(notice),
            "form": form,
        },
        status=status,
    )


def public_print(request, notice_id: int):
    notice = selectors.get_public_notice(notice_id)
    entries = selectors.public_entries(notice)
    return render(
        request,
        "notices/print.html",
        {
            "notice": notice,
            "entries": entries,
            "has_names": any(e["masked_name"] for e in entries),
            "now": dt.datetime.now(),
        },
    )
