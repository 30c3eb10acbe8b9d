"""Staff pages: rounds (quotas, rules, 公示, 审定, 表彰, the decision), nominations up the chain,
statistics."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gonghui.core import imports as core_imports
from gonghui.core.exceptions import DomainError
from gonghui.core.files import stored_file_response
from gonghui.core.forms import create_page, save_form
from gonghui.core.pagination import COUNT_CAP, CappedPaginator
from gonghui.core.spreadsheets import xlsx_response
from gonghui.core.workflow import VERB_LABELS
from gonghui.notices import selectors as notice_selectors

from . import exports, permissions, selectors, services
from .forms import (
    AttachmentForm,
    ForwardForm,
    ImportForm,
    NominationForm,
    OpinionForm,
    QuotaForm,
    RoundForm,
    RuleForm,
)
from .imports import NominationImport
from .models import Level
from .workflow import RoundStatus, Status

# The nomination list counts this far and then says "more than" (a province has 200 000).
LIST_COUNT_CAP = COUNT_CAP
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _done(request, call, message):
    try:
        call()
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, message)


@login_required
def rounds(request):
    year = request.GET.get("year", "")
    qs = selectors.rounds_for_user(request.user, year=int(year) if year.isdigit() else None)
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "honours/rounds.html",
        {"page": page, "year": year, "can_manage": request.user.has_perm(permissions.MANAGE)},
    )


round_create = create_page(
    RoundForm,
    lambda by, **data: services.create_round(by=by, **data),
    template="honours/form.html",
    permission=permissions.MANAGE,
    denied=gettext_lazy("您无权设置评选"),
    message=lambda r: _("已新建评选：%(name)s") % {"name": r.name},
    success=lambda r: reverse("honours:round", args=[r.pk]),
    context={"title": gettext_lazy("新建评选")},
)


@login_required
def round_detail(request, round_id: int):
    round_ = selectors.get_round_for_user(request.user, round_id)
    counts = selectors.round_counts(round_)
    manages = request.user.has_perm(permissions.MANAGE) and permissions.acts_for(
        request.user, round_.organization_id
    )
    return render(
        request,
        "honours/round.html",
        {
            "round": round_,
            "counts": counts,
            "sentence": selectors.sentence(round_, counts),
            "quotas": selectors.quotas_of(round_),
            "rules": round_.rules.all(),
            "awards": round_.awards.all(),
            "bodies": round_.vetting_bodies.all(),
            "notice": notice_selectors.notice_for_source(round_),
            "history": selectors.round_history(round_),
            "manages": manages,
            "can_nominate": round_.status == RoundStatus.OPEN
            and request.user.has_perm(permissions.NOMINATE),
            "quota_form": QuotaForm(user=request.user, round_=round_) if manages else None,
            "rule_form": RuleForm() if manages else None,
            "has_decision": round_.status in (RoundStatus.APPROVED, RoundStatus.COMMENDED),
        },
    )


def _importable_round(request, round_id: int):
    """The round a nomination list is imported into: one open for nominations, by a user who
    may nominate."""
    round_ = selectors.get_round_for_user(request.user, round_id)
    if not request.user.has_perm(permissions.NOMINATE):
        raise PermissionDenied(_("您无权推荐"))
    return round_


@login_required
def nomination_import(request, round_id: int):
    round_ = _importable_round(request, round_id)
    if round_.status != RoundStatus.OPEN:
        messages.error(request, _("本次评选未在推荐阶段"))
        return redirect("honours:round", round_.pk)
    return core_imports.import_page(
        request,
        NominationImport(round_),
        form=ImportForm(request.POST or None, request.FILES or None),
        heading=_("%(name)s：Excel 导入推荐名单") % {"name": round_.name},
        template_url=reverse("honours:nomination_import_template", args=[round_.pk]),
        done_url=f"{reverse('honours:nominations')}?round={round_.pk}&status=draft",
        done_message=_("已导入 %(n)s 个推荐对象（草稿），核对后请逐个上报"),
    )


@login_required
def nomination_import_template(request, round_id: int):
    round_ = _importable_round(request, round_id)
    return xlsx_response(NominationImport(round_).template(), _("推荐名单导入模板.xlsx"))


ROUND_VERBS = {
    "publish": lambda r, by, post: services.publish_round(by=by, round_=r),
    "announce": lambda r, by, post: services.announce_round(by=by, round_=r),
    "approve": lambda r, by, post: services.approve_round(by=by, round_=r),
    "commend": lambda r, by, post: services.commend_round(
        by=by, round_=r, decision_number=post.get("decision_number", "")[:50]
    ),
}


@login_required
@require_POST
def round_action(request, round_id: int, verb: str):
    if verb not in ROUND_VERBS:
        raise Http404(_("未知操作"))
    round_ = selectors.get_round_for_user(request.user, round_id)
    _done(
        request,
        lambda: ROUND_VERBS[verb](round_, request.user, request.POST),
        _("已%(verb)s") % {"verb": VERB_LABELS[verb]},
    )
    return redirect("honours:round", round_id=round_.pk)


@login_required
@require_POST
def round_quota(request, round_id: int):
    round_ = selectors.get_round_for_user(request.user, round_id)
    form = QuotaForm(request.POST, user=request.user, round_=round_)
    if form.is_valid():
        _done(
            request,
            lambda: services.set_quota(by=request.user, round_=round_, **form.cleaned_data),
            _("已保存名额"),
        )
    else:
        messages.error(request, _("名额填写有误"))
    return redirect("honours:round", round_id=round_.pk)


@login_required
@require_POST
def round_rule(request, round_id: int):
    round_ = selectors.get_round_for_user(request.user, round_id)
    form = RuleForm(request.POST)
    if form.is_valid():
        _done(
            request,
            lambda: services.set_rule(by=request.user, round_=round_, **form.cleaned_data),
            _("已保存评选条件"),
        )
    return redirect("honours:round", round_id=round_.pk)


@login_required
def round_decision(request, round_id: int):
    round_ = selectors.get_round_for_user(request.user, round_id)
    try:
        content = services.commendation_docx(round_=round_)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("honours:round", round_id=round_.pk)
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = "attachment; filename*=UTF-8''decision.docx"
    return response


@login_required
def nominations(request):
    filters = exports.filters(request.user, request.GET)
    rows = selectors.nomination_page_rows(request.user, filters)
    page = CappedPaginator(rows, 20, cap=LIST_COUNT_CAP).get_page(request.GET.get("page"))
    return render(
        request,
        "honours/nominations.html",
        {"page": page, "filters": filters, "statuses": Status.choices},
    )


@login_required
def nomination_create(request, round_id: int):
    round_ = selectors.get_round_for_user(request.user, round_id)
    if not request.user.has_perm(permissions.NOMINATE):
        raise PermissionDenied(_("您无权推荐"))
    form = NominationForm(request.POST or None, user=request.user, round_=round_)
    done = save_form(
        request,
        form,
        lambda: services.nominate(by=request.user, round_=round_, **form.cleaned_data),
        message=lambda n: _("已保存推荐：%(n)s") % {"n": n.nominee_display},
        success=lambda n: reverse("honours:nomination", args=[n.pk]),
    )
    return done or render(
        request, "honours/form.html", {"form": form, "title": _("推荐"), "round": round_}
    )


@login_required
def nomination_detail(request, nomination_id: int):
    nomination = selectors.get_nomination_for_user(request.user, nomination_id)
    user = request.user
    holder = nomination.at_organization_id
    is_holder = permissions.acts_for(user, holder) and user.has_perm(permissions.REVIEW)
    is_nominator = permissions.acts_for(user, nomination.organization_id) and user.has_perm(
        permissions.NOMINATE
    )
    manages = permissions.acts_for(user, nomination.round.organization_id) and user.has_perm(
        permissions.MANAGE
    )
    status = nomination.status
    return render(
        request,
        "honours/nomination.html",
        {
            "n": nomination,
            "history": selectors.history_of(nomination),
            "attachments": selectors.attachments_of(nomination),
            "opinions": selectors.opinions_of(nomination),
            "can_submit": is_nominator and status in (Status.DRAFT, Status.RETURNED),
            "can_review": is_holder and status == Status.SUBMITTED,
            "can_withdraw": (is_nominator or is_holder or manages)
            and status in (Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.RECOMMENDED),
            "can_attach": is_nominator and status in (Status.DRAFT, Status.RETURNED),
            "can_opinion": manages and status == Status.RECOMMENDED,
            "forward_form": ForwardForm(),
            "opinion_form": OpinionForm(round_=nomination.round),
            "attachment_form": AttachmentForm(),
        },
    )


NOMINATION_VERBS = {
    "submit": lambda n, by, post: services.submit_nomination(by=by, nomination=n),
    "forward": lambda n, by, post: services.forward_nomination(
        by=by,
        nomination=n,
        rank=int(post["rank"]) if post.get("rank", "").isdigit() else None,
        note=post.get("note", ""),
    ),
    "return": lambda n, by, post: services.return_nomination(
        by=by, nomination=n, comment=post.get("comment", "")
    ),
    "withdraw": lambda n, by, post: services.withdraw_nomination(
        by=by, nomination=n, reason=post.get("reason", "")
    ),
}


@login_required
@require_POST
def nomination_action(request, nomination_id: int, verb: str):
    if verb not in NOMINATION_VERBS:
        raise Http404(_("未知操作"))
    nomination = selectors.get_nomination_for_user(request.user, nomination_id)
    _done(
        request,
        lambda: NOMINATION_VERBS[verb](nomination, request.user, request.POST),
        _("已%(verb)s") % {"verb": VERB_LABELS[verb]},
    )
    return redirect("honours:nomination", nomination_id=nomination.pk)


@login_required
@require_POST
def nomination_opinion(request, nomination_id: int):
    nomination = selectors.get_nomination_for_user(request.user, nomination_id)
    form = OpinionForm(request.POST, round_=nomination.round)
    if form.is_valid():
        _done(
            request,
            lambda: services.record_opinion(
                by=request.user, nomination=nomination, **form.cleaned_data
            ),
            _("已登记意见"),
        )
    else:
        messages.error(request, _("意见填写有误"))
    return redirect("honours:nomination", nomination_id=nomination.pk)


@login_required
@require_POST
def nomination_attach(request, nomination_id: int):
    nomination = selectors.get_nomination_for_user(request.user, nomination_id)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        _done(
            request,
            lambda: services.add_attachment(
                by=request.user, nomination=nomination, upload=form.cleaned_data["file"]
            ),
            _("已上传附件"),
        )
    else:
        messages.error(request, _("请选择文件"))
    return redirect("honours:nomination", nomination_id=nomination.pk)


@login_required
def attachment(request, nomination_id: int, attachment_id: int):
    item = selectors.get_attachment_for_user(request.user, nomination_id, attachment_id)
    return stored_file_response(item.file.name, download_name=item.name)


@login_required
def statistics(request):
    year = request.GET.get("year", "")
    level = request.GET.get("level", "")
    org = exports.organization(request.user, request.GET)
    stats = selectors.statistics_for_user(
        request.user, year=int(year) if year.isdigit() else None, level=level, organization=org
    )
    return render(
        request,
        "honours/statistics.html",
        {"stats": stats, "year": year, "level": level, "levels": Level.choices},
    )
