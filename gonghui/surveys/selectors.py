"""Reads of surveys: scoped lists, the public link's channel, and the statistics (what the
university did): distributions, satisfaction rate and ranking of targets, cross-tabs, counts
over time, free-text search and keyword frequencies, the streaming response rows."""

import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.db import replica
from gonghui.notices import selectors as notice_selectors

from . import answers as answer_rules
from . import conf
from .models import (
    AnswerCount,
    Channel,
    InspectionGroup,
    Problem,
    Quiz,
    QuizAttempt,
    RectificationTask,
    Respondent,
    Response,
    Survey,
    SurveyTarget,
    SurveyToken,
    TextAnswer,
)
from .workflow import SurveyStatus

_DEFINITIONS: dict[tuple, answer_rules.SurveyDef] = {}


def definition_of(survey: Survey) -> answer_rules.SurveyDef:
    """The questionnaire as plain data; kept per process once frozen (it cannot change)."""
    key = (survey.pk, survey.created_at)
    cached = _DEFINITIONS.get(key)
    if cached is not None:
        return cached
    found = answer_rules.build_definition(
        survey.pk, list(survey.questions.all()), list(survey.targets.all())
    )
    if survey.is_frozen:
        _DEFINITIONS[key] = found
    return found


def surveys_for_user(user, *, q: str = ""):
    qs = Survey.objects.visible_to(user).select_related("organization")
    if q:
        qs = qs.filter(title__icontains=q[:50])
    return qs.order_by("-created_at", "-pk")


def get_survey_for_user(user, survey_id: int) -> Survey:
    survey = surveys_for_user(user).filter(pk=survey_id).first()
    if survey is None:
        raise Http404
    return survey


def quizzes_for_user(user):
    return Quiz.objects.visible_to(user).select_related("organization").order_by("-created_at")


def get_quiz_for_user(user, quiz_id: int) -> Quiz:
    quiz = quizzes_for_user(user).filter(pk=quiz_id).first()
    if quiz is None:
        raise Http404
    return quiz


def get_public_channel(access_key: str) -> Channel:
    """The channel behind a public link, its survey open for answers (404 otherwise)."""
    channel = (
        Channel.objects.select_related("survey")
        .filter(access_key=access_key, survey__status=SurveyStatus.OPEN)
        .first()
    )
    if channel is None:
        raise Http404
    return channel


_PUBLIC_CHANNELS: dict[str, tuple[float, Channel]] = {}


def public_channel_for_submission(access_key: str) -> Channel:
    """get_public_channel, remembered per process for conf.public_link_cache_seconds(): the
    submission endpoint takes hundreds of answers a second for the same few links, and the
    lookup was the largest cost of each. A survey closed in another process stops taking
    answers here within those seconds (in this process at once: forget_public_channels)."""
    ttl = conf.public_link_cache_seconds()
    if not ttl:
        return get_public_channel(access_key)
    now = time.monotonic()
    cached = _PUBLIC_CHANNELS.get(access_key)
    if cached is not None and cached[0] > now:
        return cached[1]
    channel = get_public_channel(access_key)
    if len(_PUBLIC_CHANNELS) > 1000:
        _PUBLIC_CHANNELS.clear()
    _PUBLIC_CHANNELS[access_key] = (now + ttl, channel)
    return channel


def forget_public_channels() -> None:
    _PUBLIC_CHANNELS.clear()


def get_public_quiz(access_key: str) -> Quiz:
    quiz = Quiz.objects.filter(access_key=access_key, status=SurveyStatus.OPEN).first()
    if quiz is None:
        raise Http404
    return quiz


def get_attempt(quiz: Quiz, attempt_id: int) -> QuizAttempt:
    attempt = QuizAttempt.objects.filter(quiz=quiz, pk=attempt_id).first()
    if attempt is None:
        raise Http404
    return attempt


def channels(survey: Survey) -> list[Channel]:
    return list(survey.channels.all())


def targets(survey: Survey) -> list[SurveyTarget]:
    return list(survey.targets.all())


def tokens(survey: Survey, *, batch: str = ""):
    qs = survey.tokens.select_related("channel")
    return qs.filter(batch=batch) if batch else qs


def token_batches(survey: Survey) -> list[str]:
    return list(survey.tokens.values_list("batch", flat=True).distinct().order_by("batch"))


# --- Counts -------------------------------------------------------------------------------


def counts(survey: Survey, *, dimension: str = "", question_id: int | None = None) -> dict:
    """{(question id, row, option, value): n} for one respondent dimension ("" = all), exact:
    the folded counters plus the responses not folded yet, counted from their rows. With
    `question_id` only that question's counters are read (0: the numbers of responses)."""
    definition = definition_of(survey)
    found: Counter = Counter()
    with replica() as alias:
        folded = AnswerCount.objects.using(alias).filter(survey_id=survey.pk, dimension=dimension)
        if question_id is not None:
            folded = folded.filter(question_id=question_id)
        for qid, row, option, value, n in folded.values_list(
            "question_id", "row", "option", "value", "count"
        ).iterator(chunk_size=5000):
            found[(qid, row, option, value)] += n
        pending = (
            Response.objects.using(alias)
            .filter(survey_id=survey.pk, tally_batch__isnull=True)
            .values_list("answers", "identity", "region", "industry", "channel_id", "submitted_at")
        )
        extra = answer_rules.tally(
            definition,
            ((*r[:5], timezone.localtime(r[5]).date().isoformat()) for r in pending.iterator(2000)),
            dimensions=(dimension,),
        )
    for (dim, qid, row, option, value), n in extra.items():
        if dim == dimension and (question_id is None or qid == question_id):
            found[(qid, row, option, value)] += n
    return found


def recount_from_rows(survey: Survey, *, dimension: str = "") -> dict:
    """The same figures computed from every raw response (for checking the counters)."""
    definition = definition_of(survey)
    rows = Response.objects.filter(survey_id=survey.pk).values_list(
        "answers", "identity", "region", "industry", "channel_id", "submitted_at"
    )
    counter = answer_rules.tally(
        definition,
        ((*r[:5], timezone.localtime(r[5]).date().isoformat()) for r in rows.iterator(2000)),
    )
    return {
        (qid, row, option, value): n
        for (dim, qid, row, option, value), n in counter.items()
        if dim == dimension
    }


@dataclass
class OptionShare:
    code: str
    label: str
    count: int
    percent: float


@dataclass
class QuestionStats:
    id: int
    text: str
    kind: str
    section: str
    answered: int
    options: list[OptionShare] = field(default_factory=list)
    # Grid questions: [(row label, [OptionShare…], answered)]
    rows: list = field(default_factory=list)


@dataclass
class TargetScore:
    rank: int
    target_id: int
    code: str
    name: str
    satisfied: int
    counted: int
    answers: int
    rate: float | None  # percent


@dataclass
class Statistics:
    total: int
    questions: list[QuestionStats]
    ranking: list[TargetScore]
    by_channel: list[tuple[str, int]]
    by_identity: list[tuple[str, int]]


def _pct(n: int, total: int) -> float:
    return round(100 * n / total, 2) if total else 0.0


def satisfaction_ranking(survey: Survey, found: dict | None = None) -> list[TargetScore]:
    """Per target: (满意+基本满意) ÷ 有效答卷 over every per-target rating item, where an
    answer counts as valid unless its option is marked not counted (不了解); ranked by rate,
    ties by more valid answers, then target order."""
    definition = definition_of(survey)
    found = counts(survey) if found is None else found
    satisfied, counted, answered = Counter(), Counter(), Counter()
    for q in definition.questions:
        if not (q.is_grid and q.is_per_target):
            continue
        for code, _label, is_satisfied, is_counted in q.options:
            for row, _name in q.rows:
                n = found.get((q.id, row, code, ""), 0)
                answered[row] += n
                if is_counted:
                    counted[row] += n
                if is_satisfied:
                    satisfied[row] += n
    scores = []
    for target_id, code, name in definition.targets:
        key = str(target_id)
        rate = round(100 * satisfied[key] / counted[key], 2) if counted[key] else None
        scores.append(
            TargetScore(0, target_id, code, name, satisfied[key], counted[key], answered[key], rate)
        )
    order = {t[0]: n for n, t in enumerate(definition.targets)}
    scores.sort(key=lambda s: (s.rate is None, -(s.rate or 0), -s.counted, order[s.target_id]))
    for n, score in enumerate(scores, start=1):
        score.rank = n
    return scores


def statistics(survey: Survey) -> Statistics:
    definition = definition_of(survey)
    found = counts(survey)
    total = found.get((0, "", "", ""), 0)
    questions = []
    for q in definition.questions:
        stats = QuestionStats(q.id, q.text, q.kind, q.section, 0)
        if q.is_grid:
            for row, label in q.rows:
                shares = [
                    (code, lab, found.get((q.id, row, code, ""), 0)) for code, lab, *_r in q.options
                ]
                row_total = sum(n for *_x, n in shares)
                stats.rows.append(
                    (
                        label,
                        [OptionShare(c, lab, n, _pct(n, row_total)) for c, lab, n in shares],
                        row_total,
                    )
                )
                stats.answered = max(stats.answered, row_total)
        elif q.options:
            shares = [
                (code, lab, found.get((q.id, "", code, ""), 0)) for code, lab, *_r in q.options
            ]
            stats.answered = found.get((q.id, "", "", ""), 0) or sum(n for *_x, n in shares)
            base = total if q.kind == "multiple" else sum(n for *_x, n in shares)
            stats.options = [OptionShare(c, lab, n, _pct(n, base)) for c, lab, n in shares]
        else:
            stats.answered = found.get((q.id, "", "", ""), 0)
        questions.append(stats)
    by_channel = _dimension_totals(survey, "channel")
    names = {str(c.pk): c.name for c in survey.channels.all()}
    by_identity = _dimension_totals(survey, "identity")
    labels = dict(Respondent.choices)
    return Statistics(
        total=total,
        questions=questions,
        ranking=satisfaction_ranking(survey, found),
        by_channel=[(names.get(v, v), n) for v, n in by_channel],
        by_identity=[(str(labels.get(v, v)), n) for v, n in by_identity],
    )


def _dimension_totals(survey: Survey, dimension: str) -> list[tuple[str, int]]:
    found = counts(survey, dimension=dimension, question_id=0)
    totals = [(value, n) for (_qid, _row, _opt, value), n in found.items()]
    return sorted(totals, key=lambda item: -item[1])


DIMENSION_LABELS = {
    "identity": _("身份"),
    "region": _("地区"),
    "industry": _("行业"),
    "channel": _("渠道"),
}


@dataclass
class CrossTab:
    question: str
    dimension: str
    columns: list[str]  # option labels
    rows: list[tuple[str, list[int], int, float | None]]  # value, counts, total, satisfaction %


def crosstab(survey: Survey, *, question_id: int, dimension: str, row: str = "") -> CrossTab:
    """One question's answers (one grid row, or all rows summed) split by a respondent
    dimension (identity, region, industry, channel)."""
    if dimension not in DIMENSION_LABELS:
        raise Http404(_("没有这个统计维度"))
    definition = definition_of(survey)
    q = definition.by_id.get(question_id)
    if q is None or not q.options:
        raise Http404(_("问卷中没有这道选择题"))
    found = counts(survey, dimension=dimension, question_id=q.id)
    rows_wanted = [row] if row else ([r for r, _l in q.rows] if q.is_grid else [""])
    table: dict[str, Counter] = defaultdict(Counter)
    for (qid, r, option, value), n in found.items():
        if qid == q.id and r in rows_wanted:
            table[value][option] += n
    if dimension == "channel":
        names = {str(c.pk): c.name for c in survey.channels.all()}
    elif dimension == "identity":
        names = {k: str(v) for k, v in Respondent.choices}
    else:
        names = {}
    out = []
    for value, by_option in sorted(table.items(), key=lambda item: -sum(item[1].values())):
        cells = [by_option.get(code, 0) for code, *_r in q.options]
        counted = sum(by_option.get(code, 0) for code, _l, _s, c in q.options if c)
        satisfied = sum(by_option.get(code, 0) for code, _l, s, _c in q.options if s)
        rate = (
            round(100 * satisfied / counted, 2)
            if counted and any(o[2] for o in q.options)
            else None
        )
        out.append((names.get(value, value), cells, sum(cells), rate))
    return CrossTab(q.text, DIMENSION_LABELS[dimension], [o[1] for o in q.options], out)


def timeline(survey: Survey) -> list[tuple[str, int]]:
    found = counts(survey, dimension="day", question_id=0)
    days = [(value, n) for (_qid, _r, _o, value), n in found.items()]
    return sorted(days)


def choice_questions(survey: Survey):
    return [q for q in definition_of(survey).questions if q.options]


def text_questions(survey: Survey):
    return [q for q in definition_of(survey).questions if q.kind == "text"]


def text_answers(survey: Survey, *, question_id: int | None = None, q: str = ""):
    qs = TextAnswer.objects.filter(survey_id=survey.pk)
    if question_id:
        qs = qs.filter(question_id=question_id)
    if q:
        qs = qs.filter(text__icontains=q)
    return qs.order_by("-submitted_at", "-pk")


STOP_WORDS = set(
    [
        "的",
        "了",
        "和",
        "是",
        "在",
        "也",
        "有",
        "就",
        "不",
        "都",
        "要",
        "对",
        "与",
        "及",
        "等",
        "我",
        "我们",
        "他们",
        "你们",
        "希望",
        "建议",
        "问题",
        "没有",
        "一些",
    ]
)


def keywords(survey: Survey, *, question_id: int | None = None, top: int = 30, limit: int = 20000):
    """The most frequent words (jieba) in the free-text answers, most recent `limit` answers."""
    import jieba

    jieba.setLogLevel(60)
    counter: Counter = Counter()
    texts = text_answers(survey, question_id=question_id).values_list("text", flat=True)[:limit]
    for text in texts:
        for word in jieba.lcut(text):
            word = word.strip()
            if len(word) >= 2 and word not in STOP_WORDS and not word.isdigit():
                counter[word] += 1
    return counter.most_common(top)


# --- Export rows -----------------------------------------------------------------------------


def response_headers(survey: Survey) -> list[str]:
    definition = definition_of(survey)
    headers = ["编号", "提交时间", "来源", "渠道", "身份", "地区", "行业"]
    for q in definition.questions:
        if q.is_grid:
            headers += [f"{q.text}｜{label}" for _row, label in q.rows]
        else:
            headers.append(q.text)
    return headers


def response_rows(survey: Survey):
    """Every response as one row, read in chunks from the database (memory stays flat)."""
    definition = definition_of(survey)
    channel_names = {c.pk: c.name for c in survey.channels.all()}
    identities = dict(Respondent.choices)
    sources = dict(Response.Source.choices)
    option_labels = {q.id: {c: lab for c, lab, *_r in q.options} for q in definition.questions}
    with replica() as alias:
        rows = (
            Response.objects.using(alias)
            .filter(survey_id=survey.pk)
            .order_by("pk")
            .values_list(
                "pk",
                "submitted_at",
                "source",
                "channel_id",
                "identity",
                "region",
                "industry",
                "answers",
            )
        )
        for pk, at, source, channel_id, identity, region, industry, answers in rows.iterator(5000):
            out = [
                pk,
                timezone.localtime(at).strftime("%Y-%m-%d %H:%M"),
                str(sources.get(source, source)),
                channel_names.get(channel_id, ""),
                str(identities.get(identity, "")),
                region,
                industry,
            ]
            for q in definition.questions:
                value = answers.get(q.key)
                labels = option_labels[q.id]
                if q.is_grid:
                    cells = value or ""
                    out += [
                        labels.get(cells[i], "") if i < len(cells) else ""
                        for i in range(len(q.rows))
                    ]
                elif value is None:
                    out.append("")
                elif q.kind == "multiple":
                    out.append("、".join(labels.get(c, c) for c in value))
                elif q.kind in ("single", "scale"):
                    out.append(labels.get(value, value))
                else:
                    out.append(value)
            yield out


# --- Findings ----------------------------------------------------------------------------------


def problems(survey: Survey, *, stage: str = "", q: str = ""):
    qs = Problem.objects.filter(survey=survey).select_related("target", "group")
    if stage:
        qs = qs.filter(stage=stage)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(category__icontains=q))
    return qs


def get_problem(survey: Survey, problem_id: int) -> Problem:
    problem = Problem.objects.filter(survey=survey, pk=problem_id).first()
    if problem is None:
        raise Http404
    return problem


def groups(survey: Survey):
    return InspectionGroup.objects.filter(survey=survey).prefetch_related("targets")


def get_group(survey: Survey, group_id: int) -> InspectionGroup:
    group = InspectionGroup.objects.filter(survey=survey, pk=group_id).first()
    if group is None:
        raise Http404
    return group


def tasks(survey: Survey):
    return RectificationTask.objects.filter(problem__survey=survey).select_related("problem")


def tasks_by_deadline(survey: Survey):
    return tasks(survey).order_by("deadline", "pk")


def attempts_best_first(quiz: Quiz):
    """Every attempt of the quiz, best score first."""
    return quiz.attempts.order_by("-score", "finished_at", "pk")


def target_of(survey: Survey, target_id: int):
    """The survey's own evaluated target with that id, or None."""
    return survey.targets.filter(pk=target_id).first()


def get_task(survey: Survey, task_id: int) -> RectificationTask:
    task = tasks(survey).filter(pk=task_id).first()
    if task is None:
        raise Http404
    return task


def rectification_summary(survey: Survey) -> dict:
    stages = Counter(Problem.objects.filter(survey=survey).values_list("stage", flat=True))
    return {
        "problems": sum(stages.values()),
        "stages": [(label, stages.get(value, 0)) for value, label in Problem.Stage.choices],
        "groups": InspectionGroup.objects.filter(survey=survey).count(),
        "tasks": RectificationTask.objects.filter(problem__survey=survey).count(),
    }


INTRO_LIMIT = 2000  # the notice's intro field


@dataclass
class ResultsNotice:
    """What the public sees of a survey's results: de-identified by construction — the
    ranking comes from the counters, the problems are the staff's own titles with their stage;
    no answer, respondent attribute or free text goes in."""

    title: str
    intro: str
    entries: list[dict]


def results_notice(survey: Survey) -> ResultsNotice:
    """The public notice of a survey's results: one line per target in ranking order (rank,
    name, satisfaction rate, its problems and how far their rectification has come), and an
    introduction with the office's summary, the totals and the problems found."""
    ranking = satisfaction_ranking(survey)
    total = counts(survey).get((0, "", "", ""), 0)
    found = list(
        Problem.objects.filter(survey=survey)
        .select_related("target")
        .only("title", "category", "stage", "target__name")
        .order_by("pk")
    )
    per_target: dict[int | None, Counter] = defaultdict(Counter)
    for problem in found:
        per_target[problem.target_id][problem.stage] += 1
    entries = []
    for score in ranking:
        rate = "—" if score.rate is None else f"{score.rate:.2f}%"
        detail = _("满意率 %(rate)s（有效评价 %(n)s 项次）") % {"rate": rate, "n": score.counted}
        stages = per_target.get(score.target_id)
        if stages:
            detail += _("；问题 %(n)s 个，已整改 %(done)s 个") % {
                "n": sum(stages.values()),
                "done": stages.get(Problem.Stage.RESOLVED, 0),
            }
        entries.append(
            {"masked_name": "", "unit": score.name, "detail": detail, "ref_id": score.target_id}
        )
    stage_counts = Counter(p.stage for p in found)
    paragraphs = [survey.results_summary.strip()] if survey.results_summary.strip() else []
    paragraphs.append(
        _(
            "本次测评共收回有效问卷 %(total)s 份，对 %(targets)s 个行业和部门进行测评，按满意率排名如下。"
        )
        % {"total": total, "targets": len(ranking)}
    )
    if found:
        paragraphs.append(
            _("测评梳理问题 %(n)s 个：%(stages)s。")
            % {
                "n": len(found),
                "stages": "，".join(
                    f"{label} {stage_counts.get(value, 0)} 个"
                    for value, label in Problem.Stage.choices
                ),
            }
        )
        lines = []
        for n, problem in enumerate(found, start=1):
            where = f"（{problem.target.name}）" if problem.target_id else ""
            lines.append(f"{n}. {problem.title}{where}：{problem.get_stage_display()}")
        head = "\n\n".join(paragraphs)
        room = INTRO_LIMIT - len(head) - 40
        shown = []
        for line in lines:
            if sum(len(x) + 1 for x in shown) + len(line) + 1 > room:
                break
            shown.append(line)
        listing = "\n".join(shown)
        if len(shown) < len(lines):
            listing += "\n" + _("……等 %(n)s 个问题") % {"n": len(lines)}
        paragraphs.append(listing)
    return ResultsNotice(
        title=str(_("%(title)s测评结果公示") % {"title": survey.title})[:100],
        intro="\n\n".join(paragraphs)[:INTRO_LIMIT],
        entries=entries,
    )


def results_notice_of(survey: Survey):
    """The public notice the survey's results went out in, if they have."""
    if survey.results_published_at is None:
        return None
    return notice_selectors.notice_for_source(survey)


def results_content(survey: Survey) -> ResultsNotice:
    """What went out in the results notice once published, else what would go out now."""
    notice = results_notice_of(survey)
    if notice is None:
        return results_notice(survey)
    return ResultsNotice(
        title=notice.title,
        intro=notice.intro,
        entries=list(
            notice_selectors.entries_of(notice).values("position", "masked_name", "unit", "detail")
        ),
    )


def published_results(survey_id: int):
    """The results notice of a survey whose publication date has come; 404 before it."""
    survey = Survey.objects.filter(pk=survey_id, results_published_at__isnull=False).first()
    notice = results_notice_of(survey) if survey is not None else None
    if notice is None:
        raise Http404
    return notice


def published_surveys():
    return Survey.objects.filter(results_published_at__isnull=False).order_by(
        "-results_published_at"
    )


def leaderboard(quiz: Quiz, *, top: int = 20) -> list[dict]:
    """Best score per participant (name + unit), then by time; and per organisation unit."""
    best: dict[tuple[str, str], tuple[int, object]] = {}
    for name, unit, score, finished in (
        QuizAttempt.objects.filter(quiz=quiz, finished_at__isnull=False)
        .values_list("name", "unit", "score", "finished_at")
        .iterator(5000)
    ):
        key = (name, unit)
        if key not in best or score > best[key][0]:
            best[key] = (score, finished)
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[1][1]))[:top]
    return [{"name": k[0], "unit": k[1], "score": v[0]} for k, v in ranked]


def unit_board(quiz: Quiz, *, top: int = 20) -> list[dict]:
    per_unit: dict[str, list[int]] = defaultdict(list)
    for unit, score in (
        QuizAttempt.objects.filter(quiz=quiz, finished_at__isnull=False)
        .values_list("unit", "score")
        .iterator(5000)
    ):
        per_unit[unit].append(score)
    rows = [
        {"unit": unit, "attempts": len(s), "average": round(sum(s) / len(s), 1)}
        for unit, s in per_unit.items()
    ]
    rows.sort(key=lambda r: (-r["attempts"], -r["average"]))
    return rows[:top]


def token_count(survey: Survey) -> tuple[int, int]:
    qs = SurveyToken.objects.filter(survey=survey)
    return qs.count(), qs.filter(used_at__isnull=False).count()


def quiz_bank(quiz: Quiz):
    return quiz.bank.all()


def attempt_questions(attempt: QuizAttempt) -> list:
    """The drawn questions in the attempt's order."""
    from .models import QuizQuestion

    found = {q.pk: q for q in QuizQuestion.objects.filter(pk__in=attempt.question_ids)}
    return [found[i] for i in attempt.question_ids if i in found]


def survey_by_title(title: str) -> Survey | None:
    return Survey.objects.filter(title=title).order_by("-pk").first()


def survey_by_id(survey_id: int) -> Survey | None:
    return Survey.objects.filter(pk=survey_id).first()


def count_responses(survey: Survey) -> int:
    return Response.objects.filter(survey_id=survey.pk).count()


# --- Dashboard figures -------------------------------------------------------------------------


def responses_in_period(user, *, start, end) -> int:
    """Responses to the surveys in the user's scope submitted between the dates (both
    included): the per-day counters plus the rows not folded yet."""
    surveys = Survey.objects.visible_to(user).values("pk")
    folded = (
        AnswerCount.objects.filter(
            survey_id__in=surveys,
            dimension="day",
            question_id=0,
            value__gte=start.isoformat(),
            value__lte=end.isoformat(),
        ).aggregate(n=Sum("count"))["n"]
        or 0
    )
    pending = 0
    for at in Response.objects.filter(survey_id__in=surveys, tally_batch__isnull=True).values_list(
        "submitted_at", flat=True
    ):
        if start <= timezone.localtime(at).date() <= end:
            pending += 1
    return folded + pending


def satisfaction_in_period(user, *, start, end) -> float | None:
    """(满意 + 基本满意) ÷ valid ratings over every target of the surveys in the user's scope
    that took answers in the period (all their answers), as a percentage; None without any."""
    surveys = Survey.objects.visible_to(user).filter(
        pk__in=AnswerCount.objects.filter(
            dimension="day", value__gte=start.isoformat(), value__lte=end.isoformat()
        ).values("survey_id")
    )
    satisfied = counted = 0
    for survey in surveys[:50]:
        for score in satisfaction_ranking(survey):
            satisfied += score.satisfied
            counted += score.counted
    return round(100 * satisfied / counted, 2) if counted else None


def quiz_attempts_in_period(user, *, start, end) -> int:
    """Quiz participations (人次) finished in the period, quizzes in the user's scope."""
    return QuizAttempt.objects.filter(
        quiz__in=Quiz.objects.visible_to(user).values("pk"),
        finished_at__date__gte=start,
        finished_at__date__lte=end,
    ).count()
