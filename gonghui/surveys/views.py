"""Pages: the staff survey list, builder, channels with links and QR codes, answering codes,
paper entry and import, statistics, cross-tabs, free-text answers, exports and the Word
report, problems to rectification; the public questionnaire, its thanks page and the
published results; quizzes (staff and public)."""

import csv
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.exceptions import DomainError, ValidationFailed
from gonghui.core.forms import add_domain_error, create_page, save_form
from gonghui.core.middleware import client_ip
from gonghui.core.pagination import CappedPaginator
from gonghui.core.spreadsheets import render_xlsx, xlsx_response

from . import imports, qrcodes, reports, selectors, services
from .forms import (
    AttemptStartForm,
    ChannelForm,
    GroupForm,
    ImportForm,
    ProblemForm,
    QuestionForm,
    QuizForm,
    QuizQuestionForm,
    ResultsForm,
    SurveyForm,
    TaskForm,
    TokenForm,
)
from .models import Respondent

DEVICE_COOKIE = "gh_device"


@login_required
def survey_list(request):
    page = CappedPaginator(selectors.surveys_for_user(request.user, q=request.GET.get("q", "")), 20)
    return render(
        request,
        "surveys/list.html",
        {
            "page": page.get_page(request.GET.get("page")),
            "q": request.GET.get("q", ""),
            "can_add": request.user.has_perm(services.ADD),
        },
    )


create = create_page(
    SurveyForm,
    services.create_survey,
    template="surveys/form.html",
    permission=services.ADD,
    denied=_("您无权创建问卷"),
    message=_("问卷已创建，请添加题目"),
    success=lambda survey: survey.get_absolute_url(),
)


def _links(request, survey):
    return [
        (c, request.build_absolute_uri(reverse("surveys:answer", args=[c.access_key])))
        for c in selectors.channels(survey)
    ]


@login_required
def detail(request, survey_id: int):
    survey = selectors.get_survey_for_user(request.user, survey_id)
    total, used = selectors.token_count(survey)
    return render(
        request,
        "surveys/detail.html",
        {
            "survey": survey,
            "questions": selectors.definition_of(survey).questions,
            "targets": selectors.targets(survey),
            "links": _links(request, survey),
            "question_form": QuestionForm(),
            "channel_form": ChannelForm(),
            "tokens_total": total,
            "tokens_used": used,
            "can_manage": request.user.has_perm(services.MANAGE),
            "can_enter": request.user.has_perm(services.PAPER),
        },
    )


def _post_service(request, survey, call, message):
    try:
        call()
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, message)
    return redirect("surveys:detail", survey_id=survey.pk)


@login_required
@require_POST
def add_question(request, survey_id: int):
    survey = selectors.get_survey_for_user(request.user, survey_id)
    form = QuestionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("题目填写不完整"))
        return redirect("surveys:detail", survey_id=survey.pk)
    return _post_service(
        request,
        survey,
        lambda: services.add_question(by=request.user, survey=survey, **form.service_data()),
        _("已添加题目"),
    )


@login_required
@require_POST
def add_channel(request, survey_id: int):
    survey = selectors.get_survey_for_user(request.user, survey_id)
    form = ChannelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("渠道填写不完整"))
        return redirect("surveys:detail", survey_id=survey.pk)
    return _post_service(
        request,
        survey,
        lambda: services.add_channel(by=request.user, survey=survey, **form.cleaned_data),
        _("已添加渠道"),
    )


@login_required
@require_POST
def transition(request, survey_id: int, verb: str):
    survey = selectors.get_survey_for_user(request.user, survey_id)
    verbs = {
        "publish": services.publish_survey,
        "close": services.close_survey,
    }
    if verb == "new_version":
        try:
            copy = services.new_version(by=request.user, survey=survey)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("surveys:detail", survey_id=survey.pk)
        messages.success(request, _("已复制为新版本，可修改题目"))
        return redirect("surveys:detail", survey_id=copy.pk)
    if verb not in verbs:
        raise PermissionDenied(_("未知操作"))
    return _post_service(
        request, survey, lambda: verbs[verb](by=request.user, survey=survey), _("已完成")
    )


@login_required
def schedule_results(request, survey_id: int):
    """The results page of the survey's office: what the public notice will show (or shows),
    the publication date and summary, and the button that sets them."""
    survey = selectors.get_survey_for_user(request.user, survey_id)
    form = ResultsForm(
        request.POST or None,
        initial={"publish_date": survey.results_publish_date, "summary": survey.results_summary},
    )
    if request.method == "POST":
        if not form.is_valid():
            messages.error(request, _("请填写公布日期和结果说明"))
        else:
            try:
                services.schedule_results(by=request.user, survey=survey, **form.cleaned_data)
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                survey.refresh_from_db()
                if survey.results_published_at:
                    messages.success(request, _("测评结果已公示"))
                else:
                    messages.success(request, _("已设定结果公布日期，届时自动公示"))
                return redirect("surveys:schedule_results", survey_id=survey.pk)
    return render(
        request,
        "surveys/results_staff.html",
        {
            "survey": survey,
            "form": form,
            "preview": selectors.results_content(survey),
            "notice": selectors.results_notice_of(survey),
            "can_manage": request.user.has_perm(services.MANAGE),
        },
    )


@login_required
def qr_code(request, survey_id: int, channel_id: int):
    survey = selectors.get_survey_for_user(request.user, survey_id)
    channel = next((c for c in selectors.channels(survey) if c.pk == channel_id), None)
    if channel is None:
        raise PermissionDenied(_("渠道不存在"))
    url = request.build_absolute_uri(reverse("surveys:answer", args=[channel.access_key]))
    if request.GET.get("format") == "png":
        response = HttpResponse(qrcodes.qr_png(url), "image/png")
        response["Content-Disposition"] = (
            f'attachment; filename="survey-{survey.pk}-{channel.code}.png"'
        )
        return response
    return HttpResponse(qrcodes.qr_svg(url), "image/svg+xml")


@login_required
def token_list(request, survey_id: int):
    """The printable list of answering codes (one batch), or a new batch on POST."""
    survey = selectors.get_survey_for_user(request.user, survey_id)
    form = TokenForm(request.POST or None)
    done = save_form(
        request,
        form,
        lambda: services.issue_tokens(by=request.user, survey=survey, **form.cleaned_data),
        message=_("已生成答题码"),
        success=lambda _t: (
            reverse("surveys:tokens", args=[survey.pk]) + f"?batch={form.cleaned_data['batch']}"
        ),
    )
    if done:
        return done
    batch = request.GET.get("batch", "")
    default = next(iter(selectors.channels(survey)), None)
    link = (
        request.build_absolute_uri(reverse("surveys:answer", args=[default.access_key]))
        if default
        else ""
    )
    return render(
        request,
        "surveys/tokens.html",
        {
            "survey": survey,
            "form": form,
            "batch": batch,
            "batches": selectors.token_batches(survey),
            "tokens": list(selectors.tokens(survey, batch=batch)[:5000]),
            "link": link,
        },
    )


# --- Statistics -----------------------------------------------------------------------------


@login_required
def statistics(request, survey_id: int):
    survey = selectors.get_survey_for_user(request.user, survey_id)
    stats = selectors.statistics(survey)
    days = selectors.timeline(survey)
    peak = max((n for _d, n in days), default=0)
    for q in stats.questions:
        q.grid_html = _grid_rows(q) if q.rows else ""
    return render(
        request,
        "surveys/statistics.html",
        {"survey": survey, "stats": stats, "days": days, "peak": peak},
    )


def _grid_rows(q) -> str:
    """A grid question's table body (30 targets × 4 options per question) built in one pass:
    through the template language the ten grids took most of the page's time."""
    return format_html_join(
        "",
        "<tr><td>{}</td>{}</tr>",
        (
            (
                label,
                format_html_join(
                    "",
                    '<td>{} <small class="muted">{}%</small></td>',
                    ((o.count, o.percent) for o in shares),
                ),
            )
            for label, shares, _n in q.rows
        ),
    )


@login_required
def crosstab(request, survey_id: int):
    survey = selectors.get_survey_for_user(request.user, survey_id)
    questions = selectors.choice_questions(survey)
    dimension = request.GET.get("dimension", "identity")
    question_id = request.GET.get("question", "")
    table = None
    if question_id.isdigit() and dimension in selectors.DIMENSION_LABELS:
        table = selectors.crosstab(survey, question_id=int(question_id), dimension=dimension)
    return render(
        request,
        "surveys/crosstab.html",
        {
            "survey": survey,
            "questions": questions,
            "dimensions": selectors.DIMENSION_LABELS,
            "dimension": dimension,
            "question_id": question_id,
            "table": table,
        },
    )


@login_required
def texts(request, survey_id: int):
    """Free-text answers, searchable; the selected ones become a problem."""
    survey = selectors.get_survey_for_user(request.user, survey_id)
    q = request.GET.get("q", "").strip()[:50]
    form = ProblemForm(request.POST or None, targets=selectors.targets(survey))
    if request.method == "POST" and form.is_valid():
        ids = [int(i) for i in request.POST.getlist("answer") if i.isdigit()][:200]
        target = next(
            (t for t in selectors.targets(survey) if t.pk == form.cleaned_data["target"]), None
        )
        data = {k: v for k, v in form.cleaned_data.items() if k != "target"}
        try:
            services.record_problem(
                by=request.user, survey=survey, target=target, answer_ids=ids, **data
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("已记录问题"))
            return redirect("surveys:problems", survey_id=survey.pk)
    page = CappedPaginator(selectors.text_answers(survey, q=q), 30).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "surveys/texts.html",
        {
            "survey": survey,
            "page": page,
            "q": q,
            "form": form,
            "keywords": selectors.keywords(survey),
        },
    )


@login_required
def export_ranking(request, survey_id: int):
    survey = selectors.get_survey_for_user(request.user, survey_id)
    rows = [
        [s.rank, s.name, s.satisfied, s.counted, s.rate if s.rate is not None else ""]
        for s in selectors.satisfaction_ranking(survey)
    ]
    content = render_xlsx(
        title=_("满意率排名"),
        headers=[_("名次"), _("测评对象"), _("满意+基本满意"), _("有效答卷"), _("满意率（%）")],
        rows=rows,
        notes=[survey.title],
    )
    return xlsx_response(content, f"{survey.title}-满意率排名.xlsx")


@login_required
def export_statistics(request, survey_id: int):
    survey = selectors.get_survey_for_user(request.user, survey_id)
    rows = []
    for q in selectors.statistics(survey).questions:
        for o in q.options:
            rows.append([q.text, "", o.label, o.count, o.percent])
        for label, shares, _n in q.rows:
            for o in shares:
                rows.append([q.text, label, o.label, o.count, o.percent])
    content = render_xlsx(
        title=_("各题分布"),
        headers=[_("题目"), _("行/测评对象"), _("选项"), _("人数"), _("占比（%）")],
        rows=rows,
        notes=[survey.title],
    )
    return xlsx_response(content, f"{survey.title}-各题分布.xlsx")


class _Echo:
    def write(self, value):
        return value


@login_required
def export_responses(request, survey_id: int):
    """Every response, streamed as CSV (UTF-8 with BOM, opens in Excel) straight from a
    database cursor: half a million rows never sit in memory."""
    survey = selectors.get_survey_for_user(request.user, survey_id)
    if not request.user.has_perm(services.MANAGE):
        raise PermissionDenied(_("您无权导出答卷"))
    writer = csv.writer(_Echo())

    def stream():
        yield "\ufeff" + writer.writerow(selectors.response_headers(survey))
        for row in selectors.response_rows(survey):
            yield writer.writerow(row)

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-responses.csv"'
    return response


@login_required
def report_docx(request, survey_id: int):
    survey = selectors.get_survey_for_user(request.user, survey_id)
    content = reports.results_report(survey)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-report.docx"'
    return response


# --- Paper entry --------------------------------------------------------------------------------


@login_required
def paper_entry(request, survey_id: int):
    """A keyboard-first page for 录入员: one digit per target, Enter moves on, saves and
    clears for the next sheet."""
    survey = selectors.get_survey_for_user(request.user, survey_id)
    if not request.user.has_perm(services.PAPER):
        raise PermissionDenied(_("您无权录入纸质问卷"))
    channels = selectors.channels(survey)
    error = ""
    if request.method == "POST":
        channel = next((c for c in channels if str(c.pk) == request.POST.get("channel")), None)
        raw = {k[1:]: v for k, v in request.POST.items() if k.startswith("q") and k[1:].isdigit()}
        try:
            services.enter_paper_response(
                by=request.user,
                survey=survey,
                raw_answers=raw,
                channel=channel,
                identity=request.POST.get("identity", ""),
                region=request.POST.get("region", ""),
                industry=request.POST.get("industry", ""),
                idempotency_key=request.POST.get("idempotency_key", ""),
            )
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("已保存，请录入下一份"))
            url = reverse("surveys:paper", args=[survey.pk])
            return redirect(f"{url}?channel={request.POST.get('channel', '')}")
    return render(
        request,
        "surveys/paper.html",
        {
            "survey": survey,
            "questions": selectors.definition_of(survey).questions,
            "channels": channels,
            "identities": Respondent.choices,
            "channel": request.GET.get("channel") or request.POST.get("channel", ""),
            "error": error,
            "posted": request.POST if error else {},
            "idempotency_key": uuid.uuid4().hex,
        },
    )


@login_required
def paper_import(request, survey_id: int):
    survey = selectors.get_survey_for_user(request.user, survey_id)
    if not request.user.has_perm(services.PAPER):
        raise PermissionDenied(_("您无权导入纸质问卷"))
    schema = imports.PaperImport(survey)
    if request.GET.get("template"):
        return xlsx_response(schema.template(), f"{survey.title}-纸质问卷导入模板.xlsx")
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            rows = imports.read_paper_upload(form.cleaned_data["file"], schema)
            n = imports.import_paper(by=request.user, survey=survey, schema=schema, rows=rows)
        except ValidationFailed as exc:
            report = exc.errors if isinstance(exc.errors, list) else []
            messages.error(request, exc.message)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("已导入 %(n)s 份纸质问卷") % {"n": n})
            return redirect("surveys:statistics", survey_id=survey.pk)
    return render(
        request,
        "surveys/import.html",
        {"survey": survey, "form": form, "errors": (report or [])[:200], "help": schema.help_rows},
    )


# --- Findings to rectification ---------------------------------------------------------------


@login_required
def problems(request, survey_id: int):
    survey = selectors.get_survey_for_user(request.user, survey_id)
    targets = selectors.targets(survey)
    problem_form = ProblemForm(
        request.POST if request.POST.get("form") == "problem" else None, targets=targets
    )
    group_form = GroupForm(request.POST if request.POST.get("form") == "group" else None)
    if request.method == "POST":
        try:
            _handle_problems_post(request, survey, targets, problem_form, group_form)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            if not (problem_form.errors or group_form.errors):
                messages.success(request, _("已保存"))
                return redirect("surveys:problems", survey_id=survey.pk)
    page = CappedPaginator(
        selectors.problems(survey, stage=request.GET.get("stage", ""), q=request.GET.get("q", "")),
        50,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "surveys/problems.html",
        {
            "survey": survey,
            "page": page,
            "groups": selectors.groups(survey),
            "tasks": selectors.tasks(survey)[:200],
            "summary": selectors.rectification_summary(survey),
            "problem_form": problem_form,
            "group_form": group_form,
            "task_form": TaskForm(),
            "stages": selectors.Problem.Stage.choices,
        },
    )


def _handle_problems_post(request, survey, targets, problem_form, group_form):
    action = request.POST.get("form")
    by = request.user
    if action == "problem" and problem_form.is_valid():
        data = dict(problem_form.cleaned_data)
        target = next((t for t in targets if t.pk == data.pop("target")), None)
        services.record_problem(by=by, survey=survey, target=target, **data)
    elif action == "group" and group_form.is_valid():
        ids = [int(i) for i in request.POST.getlist("targets") if i.isdigit()]
        services.create_group(by=by, survey=survey, target_ids=ids, **group_form.cleaned_data)
    elif action == "assign":
        group = selectors.get_group(survey, int(request.POST.get("group") or 0))
        ids = [int(i) for i in request.POST.getlist("problem") if i.isdigit()]
        chosen = [selectors.get_problem(survey, i) for i in ids[:100]]
        services.assign_to_group(by=by, problems=chosen, group=group)
    elif action == "findings":
        group = selectors.get_group(survey, int(request.POST.get("group") or 0))
        services.save_findings(by=by, group=group, findings=request.POST.get("findings", ""))
    elif action == "task":
        form = TaskForm(request.POST)
        problem = selectors.get_problem(survey, int(request.POST.get("problem") or 0))
        if not form.is_valid():
            raise ValidationFailed(_("请填写责任单位和整改期限"))
        services.assign_task(by=by, problem=problem, **form.cleaned_data)


@login_required
@require_POST
def task_action(request, survey_id: int, task_id: int, verb: str):
    survey = selectors.get_survey_for_user(request.user, survey_id)
    task = selectors.get_task(survey, task_id)
    note = request.POST.get("note", "")
    try:
        if verb == "submit":
            services.submit_task(
                by=request.user,
                task=task,
                measures=request.POST.get("measures", ""),
                evidence=request.FILES.get("evidence"),
            )
        elif verb == "approve":
            services.approve_task(by=request.user, task=task, note=note)
        elif verb == "return":
            services.return_task(by=request.user, task=task, note=note)
        else:
            raise PermissionDenied(_("未知操作"))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已完成"))
    return redirect("surveys:problems", survey_id=survey.pk)


# --- Public pages (no login) ------------------------------------------------------------------


def _device_id(request) -> str:
    return request.COOKIES.get(DEVICE_COOKIE, "")[:64]


def answer(request, access_key: str):
    """The questionnaire on a phone: anonymous, one page, answers kept on a refused submit."""
    channel = selectors.get_public_channel(access_key)
    survey = channel.survey
    device = _device_id(request) or uuid.uuid4().hex
    error, posted = "", {}
    if request.method == "POST":
        posted = request.POST
        raw = {}
        for name in request.POST:
            if name.startswith("q") and name[1:].isdigit():
                values = request.POST.getlist(name)
                raw[name[1:]] = values if len(values) > 1 else values[0]
            elif name.startswith("g") and "_" in name:
                qid, row = name[1:].split("_", 1)
                raw.setdefault(qid, {})[row] = request.POST[name]
        try:
            services.submit_response(
                survey=survey,
                channel=channel,
                raw_answers=raw,
                identity=request.POST.get("identity", ""),
                region=request.POST.get("region", ""),
                industry=request.POST.get("industry", ""),
                idempotency_key=request.POST.get("idempotency_key", ""),
                device_id=device,
                ip=client_ip(request) or "",
                token=request.POST.get("token", ""),
                honeypot=request.POST.get("website", ""),
            )
        except DomainError as exc:
            error = exc.message
        else:
            response = redirect("surveys:thanks", access_key=access_key)
            response.set_cookie(DEVICE_COOKIE, device, max_age=3600 * 24 * 365, samesite="Lax")
            return response
    response = render(
        request,
        "surveys/answer.html",
        {
            "channel": channel,
            "survey": survey,
            "questions": selectors.definition_of(survey).questions,
            "identities": Respondent.choices,
            "idempotency_key": posted.get("idempotency_key") or uuid.uuid4().hex,
            "error": error,
            "posted": posted,
            "token": request.GET.get("token", "") or posted.get("token", ""),
        },
        status=400 if error else 200,
    )
    response.set_cookie(DEVICE_COOKIE, device, max_age=3600 * 24 * 365, samesite="Lax")
    return response


def thanks(request, access_key: str):
    channel = selectors.get_public_channel(access_key)
    return render(request, "surveys/thanks.html", {"survey": channel.survey})


def results(request, survey_id: int):
    """The survey's results link: its public notice from the set date, nothing before."""
    notice = selectors.published_results(survey_id)
    return redirect(notice.get_public_url())


# --- Quizzes ------------------------------------------------------------------------------------


@login_required
def quiz_list(request):
    return render(
        request,
        "surveys/quiz_list.html",
        {
            "quizzes": selectors.quizzes_for_user(request.user)[:200],
            "can_add": request.user.has_perm(services.ADD),
        },
    )


quiz_create = create_page(
    QuizForm,
    services.create_quiz,
    template="surveys/form.html",
    permission=services.ADD,
    denied=_("您无权创建答题活动"),
    message=_("答题活动已创建，请录入题库"),
    success=lambda quiz: reverse("surveys:quiz_detail", args=[quiz.pk]),
)


@login_required
def quiz_detail(request, quiz_id: int):
    quiz = selectors.get_quiz_for_user(request.user, quiz_id)
    form = QuizQuestionForm(request.POST if request.POST.get("form") == "question" else None)
    if request.method == "POST":
        try:
            if request.POST.get("form") == "publish":
                services.publish_quiz(by=request.user, quiz=quiz)
            elif form.is_valid():
                services.add_quiz_question(by=request.user, quiz=quiz, **form.service_data())
            else:
                raise ValidationFailed(_("题目填写不完整"))
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("已保存"))
            return redirect("surveys:quiz_detail", quiz_id=quiz.pk)
    link = request.build_absolute_uri(reverse("surveys:quiz_public", args=[quiz.access_key]))
    return render(
        request,
        "surveys/quiz_detail.html",
        {
            "quiz": quiz,
            "bank": selectors.quiz_bank(quiz)[:500],
            "form": form,
            "link": link,
            "people": selectors.leaderboard(quiz),
            "units": selectors.unit_board(quiz),
        },
    )


@login_required
def quiz_qr(request, quiz_id: int):
    quiz = selectors.get_quiz_for_user(request.user, quiz_id)
    url = request.build_absolute_uri(reverse("surveys:quiz_public", args=[quiz.access_key]))
    if request.GET.get("format") == "png":
        return HttpResponse(qrcodes.qr_png(url), "image/png")
    return HttpResponse(qrcodes.qr_svg(url), "image/svg+xml")


def quiz_public(request, access_key: str):
    quiz = selectors.get_public_quiz(access_key)
    form = AttemptStartForm(request.POST or None)
    device = _device_id(request) or uuid.uuid4().hex
    if request.method == "GET":
        services.record_quiz_view(quiz=quiz)
    if request.method == "POST" and form.is_valid():
        try:
            attempt = services.start_attempt(quiz=quiz, device_id=device, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            request.session[f"quiz_attempt_{attempt.pk}"] = True
            response = redirect(
                "surveys:quiz_attempt", access_key=access_key, attempt_id=attempt.pk
            )
            response.set_cookie(DEVICE_COOKIE, device, max_age=3600 * 24 * 365, samesite="Lax")
            return response
    response = render(
        request,
        "surveys/quiz_public.html",
        {"quiz": quiz, "form": form, "people": selectors.leaderboard(quiz, top=10)},
    )
    response.set_cookie(DEVICE_COOKIE, device, max_age=3600 * 24 * 365, samesite="Lax")
    return response


def quiz_attempt(request, access_key: str, attempt_id: int):
    """The drawn questions (only for the browser that started the attempt), then the score
    with the right answers and explanations."""
    quiz = selectors.get_public_quiz(access_key)
    if not request.session.get(f"quiz_attempt_{attempt_id}"):
        return redirect("surveys:quiz_public", access_key=access_key)
    attempt = selectors.get_attempt(quiz, attempt_id)
    if request.method == "POST" and attempt.finished_at is None:
        given = {}
        for qid in attempt.question_ids:
            given[str(qid)] = "".join(request.POST.getlist(f"q{qid}"))
        attempt = services.finish_attempt(attempt=attempt, answers=given)
    return render(
        request,
        "surveys/quiz_attempt.html",
        {"quiz": quiz, "attempt": attempt, "questions": selectors.attempt_questions(attempt)},
    )
