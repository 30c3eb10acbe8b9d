"""REST endpoints for surveys: staff list, detail, statistics, cross-tabs, verbs, problems and
quizzes (scoped); the public questionnaire and its submission (idempotent, limited), a quiz's
public leaderboard."""

import datetime as dt
from typing import Annotated, Literal

from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field as PydanticField

from gonghui.api.fields import Id
from gonghui.api.pagination import ApiPagination
from gonghui.core.exceptions import ValidationFailed
from gonghui.core.middleware import client_ip

from . import selectors, services

router = Router()

Key = Annotated[str, PydanticField(min_length=4, max_length=16, pattern=r"^[A-Za-z0-9_-]+$")]


class SurveyOut(Schema):
    id: int
    title: str
    organization_id: int
    status: str
    version: int
    is_frozen: bool
    results_publish_date: dt.date | None


class TargetOut(Schema):
    id: int
    code: str
    name: str


class ChannelOut(Schema):
    id: int
    kind: str
    code: str
    name: str
    access_key: str


class QuestionOut(Schema):
    id: int
    section: str
    kind: str
    text: str
    is_required: bool
    options: list[dict]
    rows: list[dict]
    is_per_target: bool
    show_if: dict


class SurveyDetailOut(SurveyOut):
    description: str
    targets: list[TargetOut]
    channels: list[ChannelOut]
    questions: list[QuestionOut]

    @staticmethod
    def resolve_targets(obj):
        return list(obj.targets.all())

    @staticmethod
    def resolve_channels(obj):
        return list(obj.channels.all())

    @staticmethod
    def resolve_questions(obj):
        return list(obj.questions.all())


class SurveyScoreOut(Schema):
    rank: int
    target_id: int
    name: str
    satisfied: int
    counted: int
    rate: float | None


class ShareOut(Schema):
    code: str
    label: str
    count: int
    percent: float


class QuestionStatsOut(Schema):
    id: int
    text: str
    kind: str
    answered: int
    options: list[ShareOut]


class SurveyStatisticsOut(Schema):
    total: int
    ranking: list[SurveyScoreOut]
    questions: list[QuestionStatsOut]
    by_channel: list[tuple[str, int]]
    by_identity: list[tuple[str, int]]


class CrossTabOut(Schema):
    question: str
    dimension: str
    columns: list[str]
    rows: list[dict]


class SurveyProblemOut(Schema):
    id: int
    title: str
    category: str
    stage: str
    target_id: int | None
    group_id: int | None


class SurveyProblemIn(Schema):
    title: Annotated[str, PydanticField(min_length=1, max_length=200)]
    description: Annotated[str, PydanticField(max_length=3000)] = ""
    category: Annotated[str, PydanticField(max_length=30)] = ""
    target_id: Id | None = None
    answer_ids: Annotated[list[Id], PydanticField(max_length=500)] = []


class InspectionGroupOut(Schema):
    id: int
    name: str
    leader: str
    members: str
    start_date: dt.date | None
    end_date: dt.date | None
    findings: str
    target_ids: list[int]

    @staticmethod
    def resolve_target_ids(obj):
        return [t.pk for t in obj.targets.all()]


class RectificationTaskOut(Schema):
    id: int
    problem_id: int
    problem: str
    department: str
    deadline: dt.date
    status: str
    measures: str
    has_evidence: bool

    @staticmethod
    def resolve_problem(obj):
        return obj.problem.title

    @staticmethod
    def resolve_has_evidence(obj):
        return bool(obj.evidence)


class QuizOut(Schema):
    id: int
    title: str
    organization_id: int
    status: str
    num_questions: int
    time_limit_minutes: int
    attempts_allowed: int
    num_views: int
    num_attempts: int


class QuizAttemptOut(Schema):
    id: int
    name: str
    unit: str
    score: int | None
    started_at: dt.datetime
    finished_at: dt.datetime | None


class SurveyMessageOut(Schema):
    detail: str


class PublicSurveyOut(Schema):
    title: str
    description: str
    channel: str
    requires_token: bool
    targets: list[TargetOut]
    questions: list[QuestionOut]


class ResponseIn(Schema):
    answers: dict[Annotated[str, PydanticField(max_length=12)], str | int | float | list | dict]
    identity: Literal["", "deputy", "member", "worker", "public", "student"] = ""
    region: Annotated[str, PydanticField(max_length=20)] = ""
    industry: Annotated[str, PydanticField(max_length=20)] = ""
    idempotency_key: Annotated[str, PydanticField(max_length=40)] = ""
    device_id: Annotated[str, PydanticField(max_length=64)] = ""
    token: Annotated[str, PydanticField(max_length=12)] = ""
    website: Annotated[str, PydanticField(max_length=200)] = ""  # honeypot: people leave it empty


class AcceptedOut(Schema):
    id: int | None
    recorded: bool
    detail: str


class BoardOut(Schema):
    people: list[dict]
    units: list[dict]
    views: int
    attempts: int


# --- Public -------------------------------------------------------------------------------


@router.get("/public/{access_key}", response=PublicSurveyOut, auth=None)
def public_survey(request, access_key: Key):
    """The questionnaire behind a public link or QR code (an open survey only)."""
    channel = selectors.get_public_channel(access_key)
    survey = channel.survey
    return {
        "title": survey.title,
        "description": survey.description,
        "channel": channel.name,
        "requires_token": survey.requires_token,
        "targets": list(survey.targets.all()),
        "questions": list(survey.questions.all()),
    }


@router.post(
    "/public/{access_key}/responses",
    response={200: AcceptedOut, 201: AcceptedOut, 409: SurveyMessageOut, 429: SurveyMessageOut},
    auth=None,
)
def submit(request, access_key: Key, payload: ResponseIn):
    """Submit one questionnaire. 201 when recorded (committed before the answer is sent); 200
    when this idempotency key was already recorded (a retry or double tap: counted once); 409
    for a used token or a closed survey; 429 when this device or address is over its limit."""
    channel = selectors.public_channel_for_submission(access_key)
    response, created = services.submit_response(
        survey=channel.survey,
        channel=channel,
        raw_answers=payload.answers,
        identity=payload.identity,
        region=payload.region,
        industry=payload.industry,
        idempotency_key=payload.idempotency_key,
        device_id=payload.device_id,
        ip=client_ip(request) or "",
        token=payload.token,
        honeypot=payload.website,
    )
    body = {"id": response.pk if response else None, "recorded": True, "detail": "感谢您的参与"}
    return Status(201 if created or response is None else 200, body)


@router.get("/public/quizzes/{access_key}/leaderboard", response=BoardOut, auth=None)
def quiz_board(request, access_key: Key):
    """A quiz's leaderboard by person and by unit, its 浏览量 and 人次."""
    quiz = selectors.get_public_quiz(access_key)
    return {
        "people": selectors.leaderboard(quiz),
        "units": selectors.unit_board(quiz),
        "views": quiz.num_views,
        "attempts": quiz.num_attempts,
    }


# --- Staff (scoped) ---------------------------------------------------------------------


@router.get("/", response=list[SurveyOut])
@paginate(ApiPagination)
def list_surveys(request, q: str = ""):
    return selectors.surveys_for_user(request.auth, q=q)


@router.get("/quizzes/", response=list[QuizOut])
@paginate(ApiPagination)
def list_quizzes(request):
    """Quizzes (线上答题) in the caller's scope, newest first, with 浏览量 and 人次."""
    return selectors.quizzes_for_user(request.auth)


@router.get("/quizzes/{quiz_id}", response=QuizOut)
def get_quiz(request, quiz_id: Id):
    return selectors.get_quiz_for_user(request.auth, quiz_id)


@router.get("/quizzes/{quiz_id}/attempts", response=list[QuizAttemptOut])
@paginate(ApiPagination)
def list_attempts(request, quiz_id: Id):
    """Every attempt of the quiz, best score first."""
    quiz = selectors.get_quiz_for_user(request.auth, quiz_id)
    return selectors.attempts_best_first(quiz)


@router.get("/quizzes/{quiz_id}/leaderboard", response=BoardOut)
def get_leaderboard(request, quiz_id: Id):
    """The leaderboard by person and by unit, 浏览量 and 人次."""
    quiz = selectors.get_quiz_for_user(request.auth, quiz_id)
    return {
        "people": selectors.leaderboard(quiz),
        "units": selectors.unit_board(quiz),
        "views": quiz.num_views,
        "attempts": quiz.num_attempts,
    }


@router.get("/{survey_id}", response=SurveyDetailOut)
def get_survey(request, survey_id: Id):
    return selectors.get_survey_for_user(request.auth, survey_id)


@router.get("/{survey_id}/statistics", response=SurveyStatisticsOut)
def get_statistics(request, survey_id: Id):
    """Total responses, per target satisfaction rate and rank, per question distributions."""
    survey = selectors.get_survey_for_user(request.auth, survey_id)
    stats = selectors.statistics(survey)
    return {
        "total": stats.total,
        "ranking": [vars(s) for s in stats.ranking],
        "questions": [
            {**vars(q), "options": [vars(o) for o in q.options]} for q in stats.questions
        ],
        "by_channel": stats.by_channel,
        "by_identity": stats.by_identity,
    }


@router.get("/{survey_id}/crosstab", response=CrossTabOut)
def get_crosstab(
    request,
    survey_id: Id,
    question_id: Id,
    dimension: Literal["identity", "region", "industry", "channel"] = "identity",
):
    survey = selectors.get_survey_for_user(request.auth, survey_id)
    table = selectors.crosstab(survey, question_id=question_id, dimension=dimension)
    # labels may be lazy translations: the schema takes plain text
    return {
        "question": str(table.question),
        "dimension": str(table.dimension),
        "columns": [str(c) for c in table.columns],
        "rows": [
            {"value": v, "counts": c, "total": t, "satisfaction": r} for v, c, t, r in table.rows
        ],
    }


@router.get("/{survey_id}/problems", response=list[SurveyProblemOut])
@paginate(ApiPagination)
def list_problems(request, survey_id: Id):
    survey = selectors.get_survey_for_user(request.auth, survey_id)
    return selectors.problems(survey)


@router.post("/{survey_id}/problems", response={201: SurveyProblemOut})
def create_problem(request, survey_id: Id, payload: SurveyProblemIn):
    """Record a problem found in the answers (optionally from selected free-text answers)."""
    survey = selectors.get_survey_for_user(request.auth, survey_id)
    target = None
    if payload.target_id is not None:
        target = selectors.target_of(survey, payload.target_id)
        if target is None:
            raise ValidationFailed(_("测评对象不属于该问卷"), field="target_id")
    problem = services.record_problem(
        by=request.auth,
        survey=survey,
        title=payload.title,
        description=payload.description,
        category=payload.category,
        target=target,
        answer_ids=payload.answer_ids,
    )
    return Status(201, problem)


@router.get("/{survey_id}/groups", response=list[InspectionGroupOut])
def list_groups(request, survey_id: Id):
    """The special-inspection groups (专项督察组): members, targets, dates, findings."""
    survey = selectors.get_survey_for_user(request.auth, survey_id)
    return list(selectors.groups(survey))


@router.get("/{survey_id}/tasks", response=list[RectificationTaskOut])
@paginate(ApiPagination)
def list_tasks(request, survey_id: Id):
    """Rectification tasks (整改任务) of the survey's problems, by deadline."""
    survey = selectors.get_survey_for_user(request.auth, survey_id)
    return selectors.tasks_by_deadline(survey)


class ResultsIn(Schema):
    publish_date: dt.date
    summary: str = PydanticField("", max_length=5000)


class ResultsEntryOut(Schema):
    rank: int
    target: str
    detail: str


class ResultsOut(Schema):
    publish_date: dt.date | None
    published_at: dt.datetime | None
    notice_id: int | None
    notice_url: str | None
    title: str
    intro: str
    entries: list[ResultsEntryOut]


def _results(request, survey) -> dict:
    notice = selectors.results_notice_of(survey)
    content = selectors.results_content(survey)
    return {
        "publish_date": survey.results_publish_date,
        "published_at": survey.results_published_at,
        "notice_id": notice.pk if notice else None,
        "notice_url": request.build_absolute_uri(notice.get_public_url()) if notice else None,
        "title": content.title,
        "intro": content.intro,
        "entries": [
            {"rank": n, "target": e["unit"], "detail": e["detail"]}
            for n, e in enumerate(content.entries, start=1)
        ],
    }


@router.get("/{survey_id}/results", response=ResultsOut)
def get_results(request, survey_id: Id):
    """The results publication: its date, its public notice once out, and the content (the
    notice's, or what it would show with today's figures)."""
    survey = selectors.get_survey_for_user(request.auth, survey_id)
    return _results(request, survey)


@router.post("/{survey_id}/results", response=ResultsOut)
def schedule_results(request, survey_id: Id, payload: ResultsIn):
    """Set the publication date and summary: from that date the results are a public notice
    (a date that has come publishes at once)."""
    survey = selectors.get_survey_for_user(request.auth, survey_id)
    survey = services.schedule_results(
        by=request.auth,
        survey=survey,
        publish_date=payload.publish_date,
        summary=payload.summary,
    )
    return _results(request, survey)


@router.post("/{survey_id}/{verb}", response={200: SurveyOut, 409: SurveyMessageOut})
def transition(request, survey_id: Id, verb: Literal["publish", "close"]):
    """publish (draft → collecting) or close (collecting → closed)."""
    survey = selectors.get_survey_for_user(request.auth, survey_id)
    if verb == "publish":
        return services.publish_survey(by=request.auth, survey=survey)
    return services.close_survey(by=request.auth, survey=survey)
