"""Staff pages (lists, 督办, statistics, intake, a demand with its handling) and the public
pages (submit a demand, track it with the ticket and phone digits, rate the answer)."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gonghui.core.db import reads_from_replica
from gonghui.core.exceptions import DomainError
from gonghui.core.files import stored_file_response
from gonghui.core.forms import add_domain_error, create_page
from gonghui.core.pagination import CappedPaginator
from gonghui.core.spreadsheets import render_xlsx, xlsx_response
from gonghui.core.workflow import VERB_LABELS, allowed_verbs

from . import exports, permissions, selectors, services, throttles
from .forms import (
    AnswerForm,
    FollowUpForm,
    IntakeForm,
    JoinForm,
    LookupForm,
    NoteForm,
    PublicDemandForm,
    RateForm,
    TransferForm,
)
from .models import Demand
from .workflow import NOTE_VERBS, OPEN, TRANSITIONS, Status

LIST_VIEWS = [
    ("", gettext_lazy("全部")),
    ("own", gettext_lazy("本级承办")),
    ("open", gettext_lazy("办理中")),
    ("overdue", gettext_lazy("超期")),
    ("joint", gettext_lazy("本级协办")),
]


def _page(request, qs):
    page = CappedPaginator(qs, 20).get_page(request.GET.get("page"))
    selectors.attach_labels(page)
    return page


@login_required
def demand_list(request):
    filters = exports.filters(request.user, request.GET)
    page = _page(request, selectors.demands_for_user(request.user, filters))
    return render(
        request,
        "demands/list.html",
        {
            "page": page,
            "filters": filters,
            "views": LIST_VIEWS,
            "statuses": Status.choices,
            "channels": Demand.Channel.choices,
            "types": selectors.active_types(),
            "topics": selectors.active_topics(),
            "can_register": request.user.has_perm(permissions.REGISTER),
            "can_view_sensitive": permissions.can_view_sensitive(request.user),
        },
    )


@login_required
def supervision(request):
    """督办: the demands escalated to the user's union because a union below let them run late."""
    page = _page(request, selectors.supervised_for_user(request.user))
    return render(request, "demands/supervision.html", {"page": page})


def _month(value: str) -> dt.date | None:
    """A month (2026-03) or a date (2026-03-15) from the query string; the statistics count
    whole months."""
    try:
        if len(value) == 7:
            return dt.date.fromisoformat(f"{value}-01")
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@login_required
@reads_from_replica
def statistics(request):
    # Hot topics come in a second request (the keyword model takes seconds to load once).
    stats = _statistics(request)
    chart = {
        "channels": [[label, n] for label, n in stats.by_channel],
        "types": [[label, n] for label, n in stats.by_type],
        "topics": [[label, n] for label, n in stats.by_topic],
        "months": [m for m, _n in stats.by_month],
        "month_counts": [n for _m, n in stats.by_month],
    }
    return render(request, "demands/statistics.html", {"stats": stats, "chart": chart})


def _statistics(request, *, hot_words: int = 0):
    return selectors.demand_statistics(
        request.user,
        organization=exports.organization(request.user, request.GET),
        start=_month(request.GET.get("start", "")),
        end=_month(request.GET.get("end", "")),
        hot_words=hot_words,
    )


@login_required
@reads_from_replica
def statistics_export(request):
    """Every table of the statistics page, with the hot topics, as one Excel sheet."""
    stats = _statistics(request, hot_words=15)
    period = "—".join(d.strftime("%Y-%m") if d else "" for d in (stats.start, stats.end)) or _(
        "全部时间"
    )
    org = stats.organization.name if stats.organization else _("全部")
    content = render_xlsx(
        title=str(_("诉求统计")),
        headers=selectors.STATISTICS_HEADERS,
        rows=selectors.statistics_rows(stats),
        notes=[f"{org} · {period}"],
    )
    return xlsx_response(content, f"{_('诉求统计')}-{org}.xlsx")


@login_required
@reads_from_replica
def hot_topics(request):
    """The keywords of the latest summaries in the statistics' scope and period (cached)."""
    words = selectors.hot_topics_for_user(
        request.user,
        organization=exports.organization(request.user, request.GET),
        start=_month(request.GET.get("start", "")),
        end=_month(request.GET.get("end", "")),
    )
    return render(request, "demands/_hot_topics.html", {"words": words})


def _registered(demand):
    return _("已登记职工诉求，编号 %(ticket)s，分派至%(org)s") % {
        "ticket": demand.ticket,
        "org": demand.organization.name,
    }


create = create_page(
    IntakeForm,
    services.register_demand,
    template="demands/intake.html",
    permission=permissions.REGISTER,
    denied=gettext_lazy("您无权登记职工诉求"),
    message=_registered,
    success=lambda demand: reverse("demands:detail", args=[demand.pk]),
)


@login_required
def hotline(request):
    """The 12351 operator's form: keyboard first, the caller's number at the cursor, saved with
    Enter, and back to an empty form for the next call."""
    if not request.user.has_perm(permissions.REGISTER):
        raise PermissionDenied(_("您无权登记职工诉求"))
    form = IntakeForm(
        request.POST or None, request.FILES or None, user=request.user, channel="hotline"
    )
    if request.method == "POST" and form.is_valid():
        try:
            demand = services.register_demand(by=request.user, **form.service_data())
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _registered(demand))
            return redirect("demands:hotline")
    return render(request, "demands/intake.html", {"form": form, "hotline": True})


@login_required
def detail(request, demand_id: int):
    demand = selectors.get_demand_for_user(request.user, demand_id, joint=True)
    services.record_content_read(by=request.user, demand=demand)
    # A union handling it jointly reads it and adds handling notes; the holder does the rest.
    may_note = permissions.can_handle(request.user) and demand.status in OPEN
    can_handle = permissions.can_handle(request.user) and not demand.is_joint
    verbs = [
        (verb, VERB_LABELS[verb])
        for verb in allowed_verbs(TRANSITIONS, demand.status)
        if can_handle and verb in NOTE_VERBS
    ]
    allowed = set(allowed_verbs(TRANSITIONS, demand.status)) if can_handle else set()
    return render(
        request,
        "demands/detail.html",
        {
            "demand": demand,
            "history": selectors.history_of(demand),
            "hops": selectors.hops_of(demand),
            "attachments": selectors.attachments_of(demand),
            "collaborators": selectors.collaborators_of(demand),
            "verbs": verbs,
            "can_handle": can_handle,
            "can_transfer": "transfer" in allowed,
            "can_return": "return" in allowed and demand.organization.parent_id is not None,
            "can_answer": "answer" in allowed,
            "can_follow_up": "follow_up" in allowed,
            "can_note": may_note,
            "can_join": can_handle and demand.status in OPEN,
            "transfer_form": TransferForm(user=request.user, demand=demand)
            if "transfer" in allowed
            else None,
            "join_form": JoinForm(user=request.user, demand=demand)
            if can_handle and demand.status in OPEN
            else None,
            "note_form": NoteForm(),
            "answer_form": AnswerForm(initial={"answer": demand.answer}),
            "follow_up_form": FollowUpForm(),
            "can_view_sensitive": permissions.can_view_sensitive(request.user),
        },
    )


def _act(request, demand_id: int, action, success: str, *, joint: bool = False):
    demand = selectors.get_demand_for_user(request.user, demand_id, for_write=True, joint=joint)
    try:
        action(demand)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect("demands:detail", demand_id=demand_id)


@login_required
@require_POST
def transition(request, demand_id: int, verb: str):
    if verb not in NOTE_VERBS:
        raise Http404(_("未知操作"))
    note = request.POST.get("note", "").strip()[:300]
    return _act(
        request,
        demand_id,
        lambda d: services.note_verb(demand=d, verb=verb, by=request.user, note=note),
        _("已%(verb)s") % {"verb": VERB_LABELS[verb]},
    )


@login_required
@require_POST
def transfer(request, demand_id: int):
    demand = selectors.get_demand_for_user(request.user, demand_id, for_write=True)
    form = TransferForm(request.POST, user=request.user, demand=demand)
    if not form.is_valid():
        if "to" in form.errors:
            messages.error(request, _("请选择转办的下级工会（从列表或提示中选择）"))
        else:
            messages.error(request, f"{_('转办说明')}：{form.errors['reason'][0]}")
        return redirect("demands:detail", demand_id=demand_id)
    to, reason = form.cleaned_data["to"], form.cleaned_data["reason"]
    return _act(
        request,
        demand.pk,
        lambda d: services.transfer_demand(demand=d, by=request.user, to=to, reason=reason),
        _("已转办至%(org)s") % {"org": to.name},
    )


@login_required
@require_POST
def return_up(request, demand_id: int):
    reason = request.POST.get("reason", "")
    return _act(
        request,
        demand_id,
        lambda d: services.return_demand(demand=d, by=request.user, reason=reason),
        _("已退回上级工会"),
    )


@login_required
@require_POST
def add_note(request, demand_id: int):
    selectors.get_demand_for_user(request.user, demand_id, for_write=True, joint=True)
    form = NoteForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请填写办理记录"))
        return redirect("demands:detail", demand_id=demand_id)
    return _act(
        request,
        demand_id,
        lambda d: services.add_handling_note(
            demand=d,
            by=request.user,
            note=form.cleaned_data["note"],
            attachment=form.cleaned_data["attachment"],
        ),
        _("已添加办理记录"),
        joint=True,
    )


@login_required
@require_POST
def join(request, demand_id: int):
    demand = selectors.get_demand_for_user(request.user, demand_id, for_write=True)
    form = JoinForm(request.POST, user=request.user, demand=demand)
    if not form.is_valid():
        messages.error(request, _("请从提示中选择协办工会（上级工会或下级工会）"))
        return redirect("demands:detail", demand_id=demand_id)
    org = form.cleaned_data["organization"]
    return _act(
        request,
        demand.pk,
        lambda d: services.add_collaborator(demand=d, by=request.user, organization=org),
        _("已添加协办工会：%(org)s") % {"org": org.name},
    )


@login_required
@require_POST
def answer(request, demand_id: int):
    text = request.POST.get("answer", "")
    return _act(
        request,
        demand_id,
        lambda d: services.answer_demand(demand=d, by=request.user, answer=text),
        _("已答复"),
    )


@login_required
@require_POST
def follow_up(request, demand_id: int):
    note, rating = request.POST.get("note", ""), request.POST.get("rating", "")
    return _act(
        request,
        demand_id,
        lambda d: services.follow_up_demand(demand=d, by=request.user, note=note, rating=rating),
        _("已登记回访"),
    )


@login_required
@require_POST
def reveal(request, demand_id: int):
    """The worker's full name and phone, once; each reveal is audited."""
    demand = selectors.get_demand_for_user(request.user, demand_id, joint=True)
    try:
        values = services.reveal_contact(by=request.user, demand=demand)
    except DomainError as exc:
        raise PermissionDenied(exc.message) from exc
    return render(request, "demands/_contact.html", {"values": values})


@login_required
def attachment(request, demand_id: int, demand_file_id: int):
    demand = selectors.get_demand_for_user(request.user, demand_id, joint=True)
    found = selectors.get_attachment(demand, demand_file_id)
    return stored_file_response(found.file.name, download_name=found.original_name)


# --- Public pages ---------------------------------------------------------------------------


def public_new(request):
    form = PublicDemandForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data.get("website"):
            raise PermissionDenied(_("提交失败"))
        if not throttles.submission_allowed(request):
            form.add_error(None, _("提交过于频繁，请稍后再试或拨打 12351 职工服务热线"))
        else:
            try:
                demand = services.register_demand(
                    by=None,
                    channel=Demand.Channel.WEB,
                    receiving_org=form.cleaned_data["receiving_org"],
                    **form.demand_values(),
                )
            except DomainError as exc:
                add_domain_error(form, exc)
            else:
                request.session["demand_ticket"] = demand.ticket
                return redirect("demands:public_done")
    return render(request, "demands/public/new.html", {"form": form})


def public_done(request):
    ticket = request.session.get("demand_ticket")
    if not ticket:
        return redirect("demands:public_track")
    return render(request, "demands/public/done.html", {"ticket": ticket})


def public_track(request):
    """The worker's view of their demand: status and answer, for the ticket + phone digits.
    A ticket that does not exist and wrong digits get the same answer."""
    form = LookupForm(request.POST or None, initial={"ticket": request.GET.get("ticket", "")[:20]})
    demand, status = None, 200
    if request.method == "POST" and form.is_valid():
        ticket = form.cleaned_data["ticket"]
        if not throttles.lookup_allowed(request, ticket):
            form.add_error(None, _("查询过于频繁，请稍后再试"))
            status = 429
        else:
            demand = selectors.lookup_for_worker(ticket, form.cleaned_data["phone_last4"])
            if demand is None:
                form.add_error(None, _("没有查到：请核对诉求编号和联系电话后四位"))
    return render(
        request,
        "demands/public/track.html",
        {
            "form": form,
            "demand": demand,
            "digits": form.cleaned_data.get("phone_last4", "") if demand else "",
            "rate_form": RateForm() if demand else None,
        },
        status=status,
    )


@require_POST
def public_rate(request):
    form = RateForm(request.POST)
    demand = None
    if form.is_valid():
        ticket = form.cleaned_data["ticket"]
        if not throttles.lookup_allowed(request, ticket):
            form.add_error(None, _("查询过于频繁，请稍后再试"))
        else:
            demand = selectors.lookup_for_worker(ticket, form.cleaned_data["phone_last4"])
            if demand is None:
                form.add_error(None, _("没有查到：请核对诉求编号和联系电话后四位"))
            else:
                try:
                    services.rate_demand(
                        demand=demand,
                        by=None,
                        rating=form.cleaned_data["rating"],
                        note=form.cleaned_data["note"],
                    )
                except DomainError as exc:
                    form.add_error(None, exc.message)
                else:
                    messages.success(request, _("感谢您的评价"))
                demand = selectors.lookup_for_worker(ticket, form.cleaned_data["phone_last4"])
    return render(
        request,
        "demands/public/track.html",
        {
            "form": LookupForm(initial={"ticket": form.data.get("ticket", "")}),
            "demand": demand,
            "digits": form.cleaned_data.get("phone_last4", "") if demand else "",
            "rate_form": form,
        },
    )
