"""Pages: overview, teams, volunteers with certificates, events with sign-up/check-in/hours,
the leader's approval queue, pairings, visit logs, livelihood problems, public sign-up."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gonghui.core.exceptions import DomainError
from gonghui.core.forms import create_page

from . import forms, selectors, services, throttles
from . import permissions as perms
from .models import Visit
from .workflow import EventStatus, HoursStatus, ProblemStatus

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _page(request, qs, per_page=20):
    return Paginator(qs, per_page).get_page(request.GET.get("page"))


def list_view(template, rows, *, filter="", choices=None, extra=None):
    """A login-only list page: `rows(user)` paginated, narrowed by the one query parameter
    `filter` (passed to `rows` and echoed back, with its `choices` as `<filter>s`), plus the
    context `extra(user)` adds."""

    @login_required
    def view(request):
        context = {}
        params = {}
        if filter:
            params[filter] = context[filter] = request.GET.get(filter, "").strip()
        if choices is not None:
            context[f"{filter}s"] = choices
        context["page"] = _page(request, rows(request.user, **params))
        if extra is not None:
            context.update(extra(request.user))
        return render(request, template, context)

    return view


def create_view(form_class, service, *, title, success, permission):
    """A page that creates one record in the volunteering form template."""
    return create_page(
        form_class,
        service,
        template="volunteering/form.html",
        context={"title": title},
        permission=permission,
        denied=gettext_lazy("您无权进行此操作"),
        message=gettext_lazy("已保存"),
        success=success,
    )


def _act(request, call, success_url, done="已完成"):
    """Run one workflow service for a POST; its DomainError becomes a message."""
    try:
        call()
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect(success_url)


@login_required
def index(request):
    return render(
        request,
        "volunteering/index.html",
        {
            "overview": selectors.overview(request.user),
            "totals": selectors.hours_totals(request.user, limit=10),
        },
    )


# --- teams and volunteers -------------------------------------------------------------------


team_list = list_view("volunteering/team_list.html", selectors.teams_for_user)
team_create = create_view(
    forms.TeamForm,
    services.create_team,
    title=gettext_lazy("新建志愿服务队"),
    success=lambda t: f"/volunteering/teams/{t.pk}/",
    permission=perms.MANAGE_TEAMS,
)


@login_required
def team_detail(request, pk: int):
    team = selectors.get_team_for_user(request.user, pk)
    form = forms.MemberForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        return _act(
            request,
            lambda: services.add_member(
                by=request.user, team=team, volunteer=form.cleaned_data["volunteer"]
            ),
            request.path,
            "已加入队员",
        )
    members = selectors.members_of(team)
    return render(
        request,
        "volunteering/team_detail.html",
        {
            "team": team,
            "members": members,
            "form": form,
            "hours": selectors.hours_for_user(request.user, team=team)[:20],
        },
    )


volunteer_list = list_view(
    "volunteering/volunteer_list.html", selectors.volunteers_for_user, filter="q"
)
volunteer_create = create_view(
    forms.VolunteerForm,
    services.register_volunteer,
    title=gettext_lazy("注册志愿者"),
    success=lambda v: f"/volunteering/volunteers/{v.pk}/",
    permission=perms.MANAGE_VOLUNTEERS,
)


@login_required
def volunteer_detail(request, pk: int):
    volunteer = selectors.get_volunteer_for_user(request.user, pk)
    return render(
        request,
        "volunteering/volunteer_detail.html",
        {
            "volunteer": volunteer,
            "summary": selectors.volunteer_hours(volunteer),
            "teams": selectors.memberships_of(volunteer),
            "pending": selectors.pending_hours_of(volunteer),
        },
    )


@login_required
def certificate(request, pk: int):
    """志愿服务时长证明 (.docx) of approved hours."""
    volunteer = selectors.get_volunteer_for_user(request.user, pk)
    content = services.issue_certificate(by=request.user, volunteer=volunteer)
    response = HttpResponse(content, content_type=DOCX_MIME)
    response["Content-Disposition"] = f"attachment; filename=certificate-{volunteer.code}.docx"
    return response


# --- events ---------------------------------------------------------------------------------


event_list = list_view(
    "volunteering/event_list.html",
    selectors.events_for_user,
    filter="status",
    choices=EventStatus.choices,
)
event_create = create_view(
    forms.EventForm,
    services.create_event,
    title=gettext_lazy("发布志愿服务活动"),
    success=lambda e: f"/volunteering/events/{e.pk}/",
    permission=perms.MANAGE_EVENTS,
)


@login_required
def event_detail(request, pk: int):
    event = selectors.get_event_for_user(request.user, pk)
    own = getattr(getattr(request.user, "person", None), "volunteer", None)
    return render(
        request,
        "volunteering/event_detail.html",
        {
            "event": event,
            "signups": selectors.signups_of(event),
            "signup_form": forms.SignUpForm(user=request.user),
            "hours_form": forms.EventHoursForm(),
            "own_volunteer": own,
            "can_manage": request.user.has_perm(perms.MANAGE_EVENTS),
            "history": selectors.history_of(event),
        },
    )


@login_required
@require_POST
def event_action(request, pk: int, verb: str):
    event = selectors.get_event_for_user(request.user, pk)
    url = f"/volunteering/events/{pk}/"
    by = request.user
    if verb == "close":
        return _act(request, lambda: services.close_event(by=by, event=event), url, "活动已结束")
    if verb == "cancel":
        return _act(request, lambda: services.cancel_event(by=by, event=event), url, "活动已取消")
    if verb == "signup":
        form = forms.SignUpForm(request.POST, user=by)
        if not form.is_valid():
            messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
            return redirect(url)
        volunteer = form.cleaned_data["volunteer"]
        return _act(
            request,
            lambda: services.sign_up(by=by, event=event, volunteer=volunteer),
            url,
            "已报名",
        )
    if verb == "self_signup":
        volunteer = getattr(getattr(by, "person", None), "volunteer", None)
        if volunteer is None:
            messages.error(request, _("您还不是注册志愿者"))
            return redirect(url)
        return _act(
            request,
            lambda: services.sign_up(by=by, event=event, volunteer=volunteer),
            url,
            "已报名",
        )
    if verb == "hours":
        form = forms.EventHoursForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("请填写有效的服务时长"))
            return redirect(url)
        return _act(
            request,
            lambda: services.record_event_hours(
                by=by, event=event, hours=form.cleaned_data["hours"]
            ),
            url,
            "已登记服务时长，等待队长审核",
        )
    raise PermissionDenied(_("未知操作"))


@login_required
@require_POST
def signup_action(request, pk: int, verb: str):
    signup = selectors.get_signup_for_user(request.user, pk)
    url = f"/volunteering/events/{signup.event_id}/"
    if verb == "check_in":
        return _act(
            request, lambda: services.check_in(by=request.user, signup=signup), url, "已签到"
        )
    if verb == "withdraw":
        return _act(
            request,
            lambda: services.withdraw_sign_up(by=request.user, signup=signup),
            url,
            "已取消报名",
        )
    raise PermissionDenied(_("未知操作"))


# --- hours ----------------------------------------------------------------------------------


hours_list = list_view(
    "volunteering/hours_list.html",
    selectors.hours_for_user,
    filter="status",
    choices=HoursStatus.choices,
    extra=lambda user: {
        "awaiting": list(selectors.hours_awaiting(user)[:100]),
        "reject_form": forms.RejectForm(),
    },
)
hours_create = create_view(
    forms.HoursForm,
    services.record_hours,
    title=gettext_lazy("登记服务时长"),
    success=lambda h: "/volunteering/hours/",
    permission=perms.RECORD_HOURS,
)


@login_required
@require_POST
def hours_action(request, pk: int, verb: str):
    record = selectors.get_hours_for_user(request.user, pk)
    url = "/volunteering/hours/"
    if verb == "approve":
        return _act(
            request, lambda: services.approve_hours(by=request.user, record=record), url, "已通过"
        )
    if verb == "reject":
        comment = request.POST.get("comment", "")
        return _act(
            request,
            lambda: services.reject_hours(by=request.user, record=record, comment=comment),
            url,
            "已退回",
        )
    if verb == "resubmit":
        return _act(
            request,
            lambda: services.resubmit_hours(by=request.user, record=record),
            url,
            "已重新提交",
        )
    raise PermissionDenied(_("未知操作"))


# --- pairings, visits, problems -------------------------------------------------------------


pairing_list = list_view("volunteering/pairing_list.html", selectors.pairings_for_user)
pairing_create = create_view(
    forms.PairingForm,
    services.create_pairing,
    title=gettext_lazy("登记包联社区/结对共建"),
    success=lambda p: "/volunteering/pairings/",
    permission=perms.MANAGE_PAIRINGS,
)


visit_list = list_view(
    "volunteering/visit_list.html",
    selectors.visits_for_user,
    filter="kind",
    choices=Visit.Kind.choices,
)
visit_create = create_view(
    forms.VisitForm,
    services.create_visit,
    title=gettext_lazy("登记走访（敲门行动/巡街）"),
    success=lambda v: f"/volunteering/visits/{v.pk}/",
    permission=perms.RECORD_VISITS,
)


@login_required
def visit_detail(request, pk: int):
    visit = selectors.get_visit_for_user(request.user, pk)
    form = forms.ProblemForm(
        request.POST or None,
        user=request.user,
        initial={"community": visit.community, "collected_date": visit.visit_date},
    )
    if request.method == "POST" and form.is_valid():
        return _act(
            request,
            lambda: services.collect_problem(by=request.user, visit=visit, **form.service_data()),
            request.path,
            "已登记民生难题",
        )
    return render(
        request,
        "volunteering/visit_detail.html",
        {"visit": visit, "problems": selectors.problems_of(visit), "form": form},
    )


problem_list = list_view(
    "volunteering/problem_list.html",
    selectors.problems_for_user,
    filter="status",
    choices=ProblemStatus.choices,
    extra=lambda user: {"counts": selectors.problem_counts(user)},
)
problem_create = create_view(
    forms.ProblemForm,
    services.collect_problem,
    title=gettext_lazy("登记民生难题"),
    success=lambda p: f"/volunteering/problems/{p.pk}/",
    permission="volunteering.add_problem",
)


@login_required
def problem_detail(request, pk: int):
    problem = selectors.get_problem_for_user(request.user, pk)
    assign_form = forms.AssignForm(request.POST if "assign" in request.POST else None)
    solve_form = forms.SolveForm(
        request.POST if "solve" in request.POST else None,
        initial={"solved_date": timezone.localdate()},
    )
    if request.method == "POST" and assign_form.is_valid():
        return _act(
            request,
            lambda: services.assign_problem(
                by=request.user, problem=problem, **assign_form.cleaned_data
            ),
            request.path,
            "已交办",
        )
    if request.method == "POST" and solve_form.is_valid():
        return _act(
            request,
            lambda: services.close_problem(
                by=request.user, problem=problem, **solve_form.cleaned_data
            ),
            request.path,
            "已办结",
        )
    return render(
        request,
        "volunteering/problem_detail.html",
        {
            "problem": problem,
            "assign_form": assign_form,
            "solve_form": solve_form,
            "history": selectors.history_of(problem),
            "can_handle": request.user.has_perm(perms.HANDLE_PROBLEMS),
        },
    )


# --- public portal --------------------------------------------------------------------------


def public_events(request):
    """Open events for registered volunteers, without login (mobile first)."""
    return render(
        request,
        "volunteering/public_events.html",
        {"events": selectors.public_events()[:50], "form": forms.PublicSignUpForm()},
    )


@require_POST
def public_sign_up(request, pk: int):
    if not throttles.public_sign_up_allowed(request):
        messages.error(request, _("提交过于频繁，请稍后再试"))
        response = public_events(request)
        response.status_code = 429
        return response
    event = selectors.get_public_event(pk)
    form = forms.PublicSignUpForm(request.POST)
    if form.is_valid():
        try:
            services.public_sign_up(event=event, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("报名成功：%(title)s") % {"title": event.title})
    else:
        messages.error(request, _("请填写志愿者编号和手机号"))
    return redirect("volunteering:public_events")
