"""Writes of surveys: the builder (frozen once answered), channels and one-time tokens, the
collection of responses (idempotent, limited, durable before success) with their counters,
paper entry, problems through inspection to rectification, results publication, quizzes."""

import datetime as dt
import hashlib
import hmac
import itertools
import logging
import random
import secrets
import string
from collections import Counter

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core import audit, workflow
from gonghui.core.exceptions import (
    DomainError,
    InvalidTransition,
    PermissionDenied,
    ValidationFailed,
)
from gonghui.core.files import check_upload
from gonghui.notices import services as notices
from gonghui.organizations.models import Organization

from . import answers as answer_rules
from . import conf
from .models import (
    AnswerCount,
    Channel,
    InspectionGroup,
    Problem,
    Question,
    Quiz,
    QuizAttempt,
    QuizQuestion,
    RectificationTask,
    Response,
    Survey,
    SurveyTarget,
    SurveyToken,
    TextAnswer,
)
from .selectors import definition_of, forget_public_channels, results_notice
from .workflow import SURVEY_TRANSITIONS, TASK_TRANSITIONS, SurveyStatus

MANAGE = "surveys.change_survey"
ADD = "surveys.add_survey"
PAPER = "surveys.enter_paper_response"
RECTIFY = "surveys.manage_rectification"

logger = logging.getLogger(__name__)

# The rating scale of 万人评行风; 不了解 is not counted in the denominator of the satisfaction
# rate (a respondent who does not know a department has not judged it).
DEFAULT_SCALE = [
    {"code": "1", "label": "满意", "satisfied": True, "counted": True},
    {"code": "2", "label": "基本满意", "satisfied": True, "counted": True},
    {"code": "3", "label": "不满意", "satisfied": False, "counted": True},
    {"code": "4", "label": "不了解", "satisfied": False, "counted": False},
]


class SubmissionRefused(DomainError):
    status_code = 429


class TokenUsed(DomainError):
    status_code = 409


class SurveyClosed(DomainError):
    status_code = 409


def _require(by, perm: str, message: str) -> None:
    if not (getattr(by, "is_authenticated", False) and by.has_perm(perm)):
        raise PermissionDenied(message)


def _require_survey(by, survey: Survey, perm: str = MANAGE) -> None:
    _require(by, perm, _("您无权管理该问卷"))
    if not Survey.objects.visible_to(by).filter(pk=survey.pk).exists():
        raise PermissionDenied(_("该问卷不在您的管理范围内"))


def _text(value, *, field: str, label: str, max_length: int, required=True) -> str:
    value = (value or "").strip()
    if required and not value:
        message = _("请填写%(label)s") % {"label": label}
        raise ValidationFailed(message, field=field, errors={field: message})
    if len(value) > max_length:
        message = _("%(label)s最多 %(n)s 个字") % {"label": label, "n": max_length}
        raise ValidationFailed(message, field=field, errors={field: message})
    return value


# --- The builder -------------------------------------------------------------------------


@transaction.atomic
def create_survey(
    *,
    by,
    organization: Organization,
    title: str,
    description: str = "",
    targets: list[str] = (),
    max_per_device: int = 1,
    requires_token: bool = False,
) -> Survey:
    """A draft survey with its default online channel and its targets (one name each)."""
    _require(by, ADD, _("您无权创建问卷"))
    if not Organization.objects.visible_to(by).filter(pk=organization.pk).exists():
        raise PermissionDenied(_("所选组织不在您的管理范围内"))
    survey = Survey.objects.create(
        organization=organization,
        org_path=organization.path,
        title=_text(title, field="title", label=_("问卷名称"), max_length=100),
        description=(description or "").strip()[:2000],
        max_per_device=max(1, min(int(max_per_device or 1), 100)),
        requires_token=requires_token,
        created_by=by,
    )
    Channel.objects.create(survey=survey, kind=Channel.Kind.ONLINE, code="web", name=_("网络"))
    for n, name in enumerate(targets, start=1):
        SurveyTarget.objects.create(survey=survey, code=f"T{n:02d}", name=name[:60], sort_order=n)
    audit.record(by=by, action=audit.Action.CREATE, target=survey, summary=f"创建问卷“{title}”")
    return survey


def _editable(survey: Survey) -> None:
    fresh = Survey.objects.filter(pk=survey.pk).values_list("is_frozen", flat=True).first()
    if fresh or survey.is_frozen:
        raise ValidationFailed(_("问卷已有答卷，题目和测评对象已锁定；如需修改请复制为新版本"))


def add_target(*, by, survey: Survey, name: str, code: str = "") -> SurveyTarget:
    _require_survey(by, survey)
    _editable(survey)
    n = survey.targets.count() + 1
    return SurveyTarget.objects.create(
        survey=survey,
        code=(code or f"T{n:02d}")[:16],
        name=_text(name, field="name", label=_("名称"), max_length=60),
        sort_order=n,
    )


def _clean_options(kind: str, options) -> list[dict]:
    if kind in ("number", "text"):
        return []
    options = list(options or [])
    if kind in ("scale", "matrix") and not options:
        options = DEFAULT_SCALE
    cleaned = []
    for n, option in enumerate(options, start=1):
        if isinstance(option, str):
            option = {"code": str(n) if n < 10 else string.ascii_lowercase[n - 10], "label": option}
        code = str(option.get("code", "")).strip()
        label = str(option.get("label", "")).strip()[:60]
        if not code or not label or (kind in ("scale", "matrix") and len(code) != 1):
            raise ValidationFailed(
                _("选项需要代码和文字（量表选项代码为一个字符）"), field="options"
            )
        cleaned.append(
            {
                "code": code[:8],
                "label": label,
                "satisfied": bool(option.get("satisfied", False)),
                "counted": bool(option.get("counted", True)),
            }
        )
    if len({o["code"] for o in cleaned}) != len(cleaned) or not cleaned:
        raise ValidationFailed(_("选项代码不能重复，且至少要有一个选项"), field="options")
    if len(cleaned) > 30:
        raise ValidationFailed(_("选项最多 30 个"), field="options")
    return cleaned


@transaction.atomic
def add_question(
    *,
    by,
    survey: Survey,
    kind: str,
    text: str,
    section: str = "",
    options=(),
    rows=(),
    is_per_target: bool = False,
    is_required: bool = True,
    show_if: dict | None = None,
) -> Question:
    _require_survey(by, survey)
    _editable(survey)
    if kind not in Question.Kind.values:
        raise ValidationFailed(_("请选择题型"), field="kind")
    clean_rows = []
    if kind == "matrix" and not is_per_target:
        for n, row in enumerate(rows or [], start=1):
            label = row if isinstance(row, str) else row.get("label", "")
            clean_rows.append({"code": f"r{n}", "label": str(label)[:60]})
        if not clean_rows:
            raise ValidationFailed(_("矩阵题需要至少一行（或选择逐个测评对象作答）"), field="rows")
    if is_per_target and kind not in ("scale", "matrix"):
        raise ValidationFailed(_("只有量表题可以逐个测评对象作答"), field="is_per_target")
    if show_if:
        source = survey.questions.filter(pk=show_if.get("question")).first()
        if source is None or source.kind not in ("single", "scale", "multiple"):
            raise ValidationFailed(_("显示条件须引用本问卷的一道选择题"), field="show_if")
        show_if = {"question": source.pk, "option": str(show_if.get("option", ""))[:8]}
    question = Question.objects.create(
        survey=survey,
        kind=kind,
        text=_text(text, field="text", label=_("题目"), max_length=300),
        section=(section or "").strip()[:60],
        options=_clean_options(kind, options),
        rows=clean_rows,
        is_per_target=is_per_target,
        is_required=is_required,
        show_if=show_if or {},
        sort_order=survey.questions.count() + 1,
    )
    Survey.objects.filter(pk=survey.pk).update(updated_at=timezone.now())
    return question


def delete_question(*, by, question: Question) -> None:
    _require_survey(by, question.survey)
    _editable(question.survey)
    question.delete()


def add_channel(*, by, survey: Survey, kind: str, name: str, code: str = "") -> Channel:
    _require_survey(by, survey)
    if kind not in Channel.Kind.values:
        raise ValidationFailed(_("请选择渠道类型"), field="kind")
    n = survey.channels.count() + 1
    code = (code or f"c{n}")[:16]
    if survey.channels.filter(code=code).exists():
        raise ValidationFailed(_("渠道代码重复"), field="code")
    return Channel.objects.create(
        survey=survey,
        kind=kind,
        code=code,
        name=_text(name, field="name", label=_("渠道名称"), max_length=60),
        sort_order=n,
    )


def publish_survey(*, by, survey: Survey, note: str = "") -> Survey:
    _require_survey(by, survey)
    if not survey.questions.exists():
        raise ValidationFailed(_("问卷还没有题目，不能发布"))
    survey = workflow.apply(survey, table=SURVEY_TRANSITIONS, verb="publish", by=by, note=note)
    forget_public_channels()
    return survey


def close_survey(*, by, survey: Survey, note: str = "") -> Survey:
    _require_survey(by, survey)
    survey = workflow.apply(survey, table=SURVEY_TRANSITIONS, verb="close", by=by, note=note)
    forget_public_channels()
    return survey


@transaction.atomic
def new_version(*, by, survey: Survey) -> Survey:
    """A draft copy of the survey (questions, targets, channels) to change; the answered
    version keeps its questions and answers as they were."""
    _require_survey(by, survey)
    copy = Survey.objects.create(
        organization_id=survey.organization_id,
        org_path=survey.org_path,
        title=survey.title,
        description=survey.description,
        version=survey.version + 1,
        previous=survey,
        max_per_device=survey.max_per_device,
        requires_token=survey.requires_token,
        created_by=by,
    )
    targets = {}
    for t in survey.targets.all():
        targets[t.pk] = SurveyTarget.objects.create(
            survey=copy, code=t.code, name=t.name, sort_order=t.sort_order
        )
    for c in survey.channels.all():
        Channel.objects.create(
            survey=copy, kind=c.kind, code=c.code, name=c.name, sort_order=c.sort_order
        )
    moved = {}
    for q in survey.questions.all():
        show_if = dict(q.show_if)
        if show_if.get("question") in moved:
            show_if["question"] = moved[show_if["question"]]
        new = Question.objects.create(
            survey=copy,
            section=q.section,
            sort_order=q.sort_order,
            kind=q.kind,
            text=q.text,
            is_required=q.is_required,
            options=q.options,
            rows=q.rows,
            is_per_target=q.is_per_target,
            show_if=show_if,
        )
        moved[q.pk] = new.pk
    audit.record(
        by=by, action=audit.Action.CREATE, target=copy, summary=f"问卷新版本 v{copy.version}"
    )
    return copy


TOKEN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@transaction.atomic
def issue_tokens(*, by, survey: Survey, count: int, batch: str = "", channel=None) -> list:
    """`count` one-time answering codes (no 0/O, 1/I to misread on paper)."""
    _require_survey(by, survey)
    if not 1 <= count <= 5000:
        raise ValidationFailed(_("一次可生成 1–5000 个答题码"), field="count")
    if channel is not None and channel.survey_id != survey.pk:
        raise ValidationFailed(_("渠道不属于该问卷"), field="channel")
    tokens = [
        SurveyToken(
            survey=survey,
            channel=channel,
            batch=(batch or "").strip()[:40],
            code="".join(secrets.choice(TOKEN_ALPHABET) for _i in range(10)),
        )
        for _n in range(count)
    ]
    SurveyToken.objects.bulk_create(tokens)
    audit.record(by=by, action=audit.Action.CREATE, target=survey, summary=f"生成答题码 {count} 个")
    return tokens


# --- Collection -----------------------------------------------------------------------------


def fingerprint(value: str) -> str:
    """A keyed hash of a device id or an address: limits work without storing either."""
    if not value:
        return ""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:16]


def _count_upto(where: str, params: list, ceiling: int) -> int:
    """How many of the survey's responses match `where`, counting no further than `ceiling`
    (plain SQL on the covering index: this runs on every public answer)."""
    table = Response._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM (SELECT 1 FROM {table} WHERE {where} LIMIT %s) AS found",
            [*params, ceiling],
        )
        return cursor.fetchone()[0]


def _check_limits(survey: Survey, *, device: str, ip: str, now) -> None:
    if device and survey.max_per_device:
        used = _count_upto(
            "survey_id = %s AND device_hash = %s", [survey.pk, device], survey.max_per_device
        )
        if used >= survey.max_per_device:
            raise SubmissionRefused(_("这台设备已经提交过本问卷，感谢您的参与"))
    per_minute = conf.submits_per_ip_minute()
    if ip and per_minute:
        since = now - dt.timedelta(minutes=1)
        recent = _count_upto(
            "survey_id = %s AND ip_hash = %s AND submitted_at >= %s",
            [survey.pk, ip, connection.ops.adapt_datetimefield_value(since)],
            per_minute,
        )
        if recent >= per_minute:
            raise SubmissionRefused(_("提交过于频繁，请稍后再试"))


def _recorded(survey_id: int, key: str) -> Response | None:
    """The response already recorded under an idempotency key. The condition repeats the
    partial unique index's own (SQLite uses a partial index only for a query that says so;
    without it this lookup reads every response of the survey)."""
    if not key:
        return None
    return (
        Response.objects.filter(~Q(idempotency_key=""), survey_id=survey_id, idempotency_key=key)
        .order_by()
        .first()
    )


def submit_response(
    *,
    survey: Survey,
    raw_answers: dict,
    channel: Channel | None = None,
    identity: str = "",
    region: str = "",
    industry: str = "",
    idempotency_key: str = "",
    device_id: str = "",
    ip: str = "",
    token: str = "",
    source: str = Response.Source.ONLINE,
    by=None,
    honeypot: str = "",
) -> tuple[Response | None, bool]:
    """Record one questionnaire; returns (response, created). A repeated idempotency key
    returns the response already recorded (created False); a filled honeypot returns
    (None, False) and records nothing. The row is committed before this returns.

    The path is kept short because the public link takes hundreds of answers a second: the
    questionnaire's definition is cached per process (it is frozen), the limits are two
    indexed counts, and the write is one transaction holding one INSERT (plus the token's
    UPDATE and the free texts when there are any). The idempotency key is not looked up
    first: the unique index refuses a repeat at the INSERT and only then is the recorded
    response read back (also when a limit refuses a retry from the device that answered).
    The counters are not touched here: every `fold_every` responses a background task folds
    the pending rows into AnswerCount (see fold_counts), so a submission never waits on, nor
    serialises behind, counter rows shared by every respondent; figures stay exact because a
    reader adds the rows not folded yet."""
    if honeypot:
        return None, False
    if survey.status != SurveyStatus.OPEN:
        raise SurveyClosed(_("问卷未在收集期内"))
    if channel is not None and channel.survey_id != survey.pk:
        raise ValidationFailed(_("渠道不属于该问卷"), field="channel")
    key = (idempotency_key or "").strip()[:40]
    definition = definition_of(survey)
    answers, texts = answer_rules.clean_answers(definition, raw_answers)
    if not answers:
        raise ValidationFailed(_("答卷是空的"))
    from .models import Respondent

    if identity and identity not in Respondent.values:
        raise ValidationFailed(_("身份无效"), field="identity")
    now = timezone.now()
    device = fingerprint(device_id)
    ip_hash = fingerprint(ip)
    token = (token or "").strip().upper()
    if survey.requires_token and not token and source == Response.Source.ONLINE:
        raise PermissionDenied(_("本问卷凭答题码作答，请输入答题码"))
    if not token and source == Response.Source.ONLINE:
        try:
            _check_limits(survey, device=device, ip=ip_hash, now=now)
        except SubmissionRefused:
            # A retry of an answer already recorded is not a new answer over the limit.
            existing = _recorded(survey.pk, key)
            if existing is not None:
                return existing, False
            raise
    response = Response(
        survey_id=survey.pk,
        channel=channel,
        submitted_at=now,
        source=source,
        identity=identity,
        region=(region or "").strip()[:20],
        industry=(industry or "").strip()[:20],
        answers=answers,
        idempotency_key=key,
        device_hash=device,
        ip_hash=ip_hash,
        entered_by=by if getattr(by, "is_authenticated", False) else None,
    )
    try:
        with transaction.atomic():
            if token:
                won = SurveyToken.objects.filter(
                    survey_id=survey.pk, code=token, used_at__isnull=True
                ).update(used_at=now)
                if not won:
                    raise TokenUsed(_("答题码无效或已使用"))
            response.save(force_insert=True)
            if token:
                SurveyToken.objects.filter(survey_id=survey.pk, code=token).update(
                    response=response
                )
            if texts:
                TextAnswer.objects.bulk_create(
                    TextAnswer(
                        survey_id=survey.pk,
                        response=response,
                        question_id=qid,
                        text=text,
                        submitted_at=now,
                    )
                    for qid, text in texts
                )
            if not survey.is_frozen:
                Survey.objects.filter(pk=survey.pk, is_frozen=False).update(is_frozen=True)
                survey.is_frozen = True
    except (IntegrityError, TokenUsed):
        # The same idempotency key is already recorded (a retry, or a double tap on two
        # connections a moment apart): that response is the answer.
        existing = _recorded(survey.pk, key)
        if existing is not None:
            return existing, False
        raise
    every = conf.fold_every()
    if every and response.pk % every == 0:
        transaction.on_commit(lambda: request_fold(survey.pk))
    return response, True


def request_fold(survey_id: int) -> None:
    """Have the task worker fold the survey's pending responses into its counters."""
    from .tasks import fold_survey_counts

    try:
        fold_survey_counts.enqueue(survey_id)
    except Exception:  # the answer is recorded; the minute's sweep folds it
        logger.exception("could not queue the fold of survey %s", survey_id)


def add_counts(survey_id: int, counter: Counter) -> None:
    """Add tallied increments to the survey's counters (inside the caller's transaction, with
    the rows they count written already folded)."""
    _upsert_counts(survey_id, counter)


def _upsert_counts(survey_id: int, counter: Counter) -> None:
    table = AnswerCount._meta.db_table
    items = list(counter.items())
    for start in range(0, len(items), 500):
        chunk = items[start : start + 500]
        placeholders = ",".join(["(%s,%s,%s,%s,%s,%s,%s)"] * len(chunk))
        params = []
        for (dimension, qid, row, option, value), count in chunk:
            params += [survey_id, dimension, qid, row, option, value, count]
        sql = (
            f"INSERT INTO {table} (survey_id, dimension, question_id, row, option, value, count) "
            f"VALUES {placeholders} "
            "ON CONFLICT (survey_id, dimension, question_id, row, option, value) "
            f"DO UPDATE SET count = {table}.count + excluded.count"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


_FOLDED_FIELDS = ("answers", "identity", "region", "industry", "channel_id", "submitted_at")


def _tally_rows(definition, rows) -> Counter:
    return answer_rules.tally(
        definition, ((*r[:5], timezone.localtime(r[5]).date().isoformat()) for r in rows)
    )


def fold_counts(*, survey_id: int, limit: int = 5000) -> int:
    """Fold responses not yet counted into AnswerCount, exactly once each. Returns how many.

    A response never changes once recorded, so the pending rows are read and tallied before
    any lock is taken; the write transaction then only claims them (a conditional UPDATE
    setting a batch number: a concurrent fold skips rows already claimed) and adds the
    counts, so on SQLite the submissions queue behind it for milliseconds, not for the tally.
    If another fold claimed some of the rows meanwhile, the rows this one did claim are
    re-read and re-tallied inside the transaction. Readers add the rows still unclaimed
    (tally_batch null) to the counters, so a figure is exact at every moment."""
    from .models import Survey as SurveyModel

    survey = SurveyModel.objects.get(pk=survey_id)
    definition = definition_of(survey)
    folded = 0
    while True:
        pending = list(
            Response.objects.filter(survey_id=survey_id, tally_batch__isnull=True)
            .order_by("id")
            .values_list("id", *_FOLDED_FIELDS)[:limit]
        )
        if not pending:
            return folded
        ids = [row[0] for row in pending]
        counter = _tally_rows(definition, (row[1:] for row in pending))
        batch = random.SystemRandom().randrange(1, 2**62)
        with transaction.atomic():
            claimed = Response.objects.filter(id__in=ids, tally_batch__isnull=True).update(
                tally_batch=batch
            )
            if claimed != len(ids):
                counter = _tally_rows(
                    definition,
                    Response.objects.filter(id__in=ids, tally_batch=batch).values_list(
                        *_FOLDED_FIELDS
                    ),
                )
            if claimed:
                _upsert_counts(survey_id, counter)
        folded += claimed
        if len(ids) < limit:
            return folded


def fold_all_pending() -> int:
    survey_ids = (
        Response.objects.filter(tally_batch__isnull=True)
        .values_list("survey_id", flat=True)
        .distinct()
    )
    return sum(fold_counts(survey_id=s) for s in list(survey_ids))


# --- Paper entry ------------------------------------------------------------------------------


def enter_paper_response(*, by, survey: Survey, raw_answers: dict, channel=None, **attributes):
    """A paper questionnaire keyed in by a 录入员 (no device or address limits apply)."""
    _require_survey(by, survey, PAPER)
    response, _created = submit_response(
        survey=survey,
        raw_answers=raw_answers,
        channel=channel,
        source=Response.Source.PAPER,
        by=by,
        **attributes,
    )
    return response


def _insert_paper_rows_with_texts(survey, rows, *, by, now, batch) -> None:
    created = Response.objects.bulk_create(
        [
            Response(
                survey_id=survey.pk,
                channel_id=row["channel_id"],
                submitted_at=now,
                source=Response.Source.IMPORT,
                identity=row["identity"],
                region=row["region"],
                industry=row["industry"],
                answers=row["answers"],
                entered_by=by,
                tally_batch=batch,
            )
            for row in rows
        ],
        batch_size=2000,
    )
    TextAnswer.objects.bulk_create(
        [
            TextAnswer(
                survey_id=survey.pk, response=obj, question_id=qid, text=text, submitted_at=now
            )
            for obj, row in zip(created, rows, strict=True)
            for qid, text in row["texts"]
        ],
        batch_size=2000,
    )


PAPER_INSERT_BATCH = 5000


def import_paper_rows(*, by, survey: Survey, rows: list[dict]) -> int:
    """Rows checked by the paper schema written at once with their counts: all or none.

    The rows are tallied once before the transaction (they are in memory already) and written
    already folded (their batch number set), the counters added in the same transaction, so no
    second pass reads them back. The rows go in with executemany of one prepared INSERT in
    batches of 5 000 (Django's bulk_create builds one statement per ~75 rows on SQLite, its
    limit of bound variables, and a model instance per row: most of the write time before);
    the few rows carrying free texts go through bulk_create, which returns the ids their
    TextAnswer rows need."""
    _require_survey(by, survey, PAPER)
    if survey.status != SurveyStatus.OPEN:
        raise SurveyClosed(_("问卷未在收集期内"))
    now = timezone.now()
    day = timezone.localtime(now).date().isoformat()
    counter = answer_rules.tally(
        definition_of(survey),
        (
            (
                row["answers"],
                row["identity"],
                row["region"],
                row["industry"],
                row["channel_id"],
                day,
            )
            for row in rows
        ),
    )
    batch = random.SystemRandom().randrange(1, 2**62)
    fields = {f.name: f for f in Response._meta.concrete_fields}
    columns = [
        "survey",
        "channel",
        "submitted_at",
        "source",
        "identity",
        "region",
        "industry",
        "answers",
        "idempotency_key",
        "device_hash",
        "ip_hash",
        "tally_batch",
        "entered_by",
    ]
    sql = "INSERT INTO {table} ({columns}) VALUES ({values})".format(
        table=connection.ops.quote_name(Response._meta.db_table),
        columns=", ".join(connection.ops.quote_name(fields[c].column) for c in columns),
        values=", ".join(["%s"] * len(columns)),
    )
    submitted_at = fields["submitted_at"].get_db_prep_save(now, connection)
    prepare_answers = fields["answers"].get_db_prep_save
    with transaction.atomic():
        # In sheet order: runs of rows without free text through executemany, runs with
        # through bulk_create.
        for has_texts, run in itertools.groupby(rows, key=lambda row: bool(row["texts"])):
            run = list(run)
            if has_texts:
                _insert_paper_rows_with_texts(survey, run, by=by, now=now, batch=batch)
                continue
            with connection.cursor() as cursor:
                for start in range(0, len(run), PAPER_INSERT_BATCH):
                    cursor.executemany(
                        sql,
                        [
                            (
                                survey.pk,
                                row["channel_id"],
                                submitted_at,
                                Response.Source.IMPORT.value,
                                row["identity"],
                                row["region"],
                                row["industry"],
                                prepare_answers(row["answers"], connection),
                                "",
                                "",
                                "",
                                batch,
                                by.pk,
                            )
                            for row in run[start : start + PAPER_INSERT_BATCH]
                        ],
                    )
        _upsert_counts(survey.pk, counter)
        Survey.objects.filter(pk=survey.pk).update(is_frozen=True)
        audit.record(
            by=by,
            action=audit.Action.IMPORT,
            target=survey,
            summary=f"纸质问卷导入 {len(rows)} 份",
            details={"count": len(rows)},
        )
    return len(rows)


# --- Findings to rectification -----------------------------------------------------------


@transaction.atomic
def record_problem(
    *,
    by,
    survey: Survey,
    title: str,
    description: str = "",
    category: str = "",
    target: SurveyTarget | None = None,
    answer_ids: list[int] = (),
) -> Problem:
    _require_survey(by, survey, RECTIFY)
    if target is not None and target.survey_id != survey.pk:
        raise ValidationFailed(_("测评对象不属于该问卷"), field="target")
    problem = Problem.objects.create(
        survey=survey,
        target=target,
        title=_text(title, field="title", label=_("问题"), max_length=200),
        description=(description or "").strip()[:3000],
        category=(category or "").strip()[:30],
    )
    if answer_ids:
        problem.answers.set(TextAnswer.objects.filter(survey_id=survey.pk, pk__in=answer_ids))
    audit.record(by=by, action=audit.Action.CREATE, target=survey, summary=f"记录问题“{title}”")
    return problem


@transaction.atomic
def create_group(
    *,
    by,
    survey: Survey,
    name: str,
    leader: str = "",
    members: str = "",
    target_ids: list[int] = (),
    start_date=None,
    end_date=None,
) -> InspectionGroup:
    _require_survey(by, survey, RECTIFY)
    if start_date and end_date and end_date < start_date:
        raise ValidationFailed(_("结束日期不能早于开始日期"), field="end_date")
    group = InspectionGroup.objects.create(
        survey=survey,
        name=_text(name, field="name", label=_("督察组"), max_length=60),
        leader=(leader or "")[:30],
        members=(members or "")[:300],
        start_date=start_date,
        end_date=end_date,
    )
    group.targets.set(survey.targets.filter(pk__in=target_ids))
    audit.record(by=by, action=audit.Action.CREATE, target=survey, summary=f"成立督察组“{name}”")
    return group


def assign_to_group(*, by, problems: list[Problem], group: InspectionGroup) -> int:
    _require_survey(by, group.survey, RECTIFY)
    ids = [p.pk for p in problems if p.survey_id == group.survey_id]
    return Problem.objects.filter(pk__in=ids, stage=Problem.Stage.RECORDED).update(
        group=group, stage=Problem.Stage.INSPECTING
    ) + Problem.objects.filter(pk__in=ids).exclude(stage=Problem.Stage.RECORDED).update(group=group)


def save_findings(*, by, group: InspectionGroup, findings: str) -> InspectionGroup:
    _require_survey(by, group.survey, RECTIFY)
    group.findings = (findings or "").strip()[:5000]
    group.save(update_fields=["findings"])
    return group


@transaction.atomic
def assign_task(*, by, problem: Problem, department: str, deadline: dt.date) -> RectificationTask:
    """Hand a problem to the responsible department with a deadline (整改任务)."""
    _require_survey(by, problem.survey, RECTIFY)
    task = RectificationTask.objects.create(
        problem=problem,
        department=_text(department, field="department", label=_("责任单位"), max_length=60),
        deadline=deadline,
    )
    Problem.objects.filter(pk=problem.pk).update(stage=Problem.Stage.RECTIFYING)
    workflow.log(task, table=TASK_TRANSITIONS, verb="assign", by=by, source="")
    return task


def submit_task(*, by, task: RectificationTask, measures: str, evidence=None) -> RectificationTask:
    _require_survey(by, task.problem.survey, RECTIFY)
    fields = {"measures": _text(measures, field="measures", label=_("整改措施"), max_length=3000)}
    if evidence is not None:
        checked = check_upload(evidence, allowed={"jpg", "png", "pdf"})
        fields["evidence"] = task.evidence.storage.save(
            f"surveys/evidence/{checked.safe_name}", evidence
        )
    return workflow.apply(task, table=TASK_TRANSITIONS, verb="submit", by=by, fields=fields)


def approve_task(*, by, task: RectificationTask, note: str = "") -> RectificationTask:
    _require_survey(by, task.problem.survey, RECTIFY)
    with transaction.atomic():
        task = workflow.apply(task, table=TASK_TRANSITIONS, verb="approve", by=by, note=note)
        problem = task.problem
        if not problem.tasks.exclude(status="rectified").exists():
            Problem.objects.filter(pk=problem.pk).update(stage=Problem.Stage.RESOLVED)
    return task


def return_task(*, by, task: RectificationTask, note: str) -> RectificationTask:
    _require_survey(by, task.problem.survey, RECTIFY)
    note = _text(note, field="note", label=_("退回原因"), max_length=300)
    return workflow.apply(task, table=TASK_TRANSITIONS, verb="return", by=by, note=note)


def schedule_results(*, by, survey: Survey, publish_date: dt.date, summary: str) -> Survey:
    """The survey's office sets the day its results (ranking, problems and rectification) go
    out as a public notice, and the summary that opens it; nothing is public before that day.
    A day that has come publishes at once; once published, the date is fixed."""
    _require_survey(by, survey)
    if survey.results_published_at is not None:
        raise InvalidTransition(_("测评结果已公布，不能再修改公布日期"))
    survey.results_publish_date = publish_date
    survey.results_summary = (summary or "").strip()[:5000]
    survey.save(update_fields=["results_publish_date", "results_summary"])
    audit.record(
        by=by,
        action=audit.Action.UPDATE,
        target=survey,
        summary=_("测评结果定于 %(date)s 公布") % {"date": publish_date.isoformat()},
    )
    if publish_date <= timezone.localdate():
        publish_results(survey=survey, by=by)
        survey.refresh_from_db(fields=["results_published_at"])
    return survey


def publish_results(*, survey: Survey, by=None, now: dt.datetime | None = None):
    """Open the results notice through the notices app on (or after) the set date; returns the
    notice, or None when the date has not come or another run published them already. The
    survey is claimed with a conditional UPDATE in the notice's transaction, so two clocks at
    once open one notice. `by` is the office member who published, None for the clock."""
    now = now or timezone.now()
    with transaction.atomic():
        claimed = Survey.objects.filter(
            pk=survey.pk,
            results_published_at__isnull=True,
            results_publish_date__lte=timezone.localtime(now).date(),
        ).update(results_published_at=now)
        if not claimed:
            return None
        survey = Survey.objects.select_related("organization").get(pk=survey.pk)
        content = results_notice(survey)
        notice = notices.open_notice(
            by=by,
            organization=survey.organization,
            title=content.title,
            intro=content.intro,
            entries=content.entries,
            calendar_days=conf.results_notice_days(),
            opens_at=now,
            source=survey,
            source_label=str(_("问卷测评")),
            contact=survey.organization.name,
        )
        if not notice.is_open:  # `now` given by the clock, ahead of the notice's own clock
            notice = notices.post_notice(notice=notice, now=now)
        audit.record(
            by=by,
            action=audit.Action.TRANSITION,
            target=survey,
            summary=_("测评结果已公示（公示编号 %(id)s）") % {"id": notice.pk},
            details={"notice_id": notice.pk},
        )
    return notice


def publish_due_results(*, now: dt.datetime | None = None) -> int:
    """The clock: publish the results of every survey whose date has come."""
    now = now or timezone.now()
    due = Survey.objects.filter(
        results_publish_date__lte=timezone.localtime(now).date(),
        results_published_at__isnull=True,
    ).order_by("pk")
    return sum(publish_results(survey=s, now=now) is not None for s in list(due[:200]))


# --- Quizzes ----------------------------------------------------------------------------------


def _require_quiz(by, quiz: Quiz) -> None:
    _require(by, MANAGE, _("您无权管理答题活动"))
    if not Quiz.objects.visible_to(by).filter(pk=quiz.pk).exists():
        raise PermissionDenied(_("该答题活动不在您的管理范围内"))


def create_quiz(
    *,
    by,
    organization: Organization,
    title: str,
    num_questions: int = 10,
    time_limit_minutes: int = 0,
    attempts_allowed: int = 1,
    description: str = "",
) -> Quiz:
    _require(by, ADD, _("您无权创建答题活动"))
    if not Organization.objects.visible_to(by).filter(pk=organization.pk).exists():
        raise PermissionDenied(_("所选组织不在您的管理范围内"))
    quiz = Quiz.objects.create(
        organization=organization,
        org_path=organization.path,
        title=_text(title, field="title", label=_("答题活动"), max_length=100),
        description=(description or "")[:2000],
        num_questions=max(1, min(int(num_questions), 100)),
        time_limit_minutes=max(0, min(int(time_limit_minutes), 180)),
        attempts_allowed=max(1, min(int(attempts_allowed), 20)),
        created_by=by,
    )
    audit.record(by=by, action=audit.Action.CREATE, target=quiz, summary=f"创建答题活动“{title}”")
    return quiz


def add_quiz_question(
    *, by, quiz: Quiz, text: str, options: list[str], answer: str, explanation: str = ""
) -> QuizQuestion:
    _require_quiz(by, quiz)
    codes = string.ascii_uppercase[: len(options)]
    answer = "".join(sorted(set((answer or "").upper().replace(",", ""))))
    if len(options) < 2 or not answer or not set(answer) <= set(codes):
        raise ValidationFailed(_("至少两个选项，正确答案须是选项字母"), field="answer")
    return QuizQuestion.objects.create(
        quiz=quiz,
        text=_text(text, field="text", label=_("题目"), max_length=300),
        options=[{"code": c, "label": str(o)[:100]} for c, o in zip(codes, options, strict=False)],
        answer=answer,
        is_multiple=len(answer) > 1,
        explanation=(explanation or "")[:500],
    )


def publish_quiz(*, by, quiz: Quiz) -> Quiz:
    _require_quiz(by, quiz)
    if quiz.bank.count() < quiz.num_questions:
        raise ValidationFailed(_("题库题目少于每次抽题数"))
    Quiz.objects.filter(pk=quiz.pk).update(status=SurveyStatus.OPEN)
    quiz.status = SurveyStatus.OPEN
    audit.record(by=by, action=audit.Action.UPDATE, target=quiz, summary="发布答题活动")
    return quiz


def record_quiz_view(*, quiz: Quiz) -> None:
    """One page view (浏览量), counted in the database so every process adds to it."""
    Quiz.objects.filter(pk=quiz.pk).update(num_views=F("num_views") + 1)


def start_attempt(
    *, quiz: Quiz, name: str, unit: str, device_id: str = "", rng=None
) -> QuizAttempt:
    """Draw the quiz's N questions in random order for one participant."""
    if quiz.status != SurveyStatus.OPEN:
        raise SurveyClosed(_("答题活动未开放"))
    device = fingerprint(device_id)
    if device:
        done = QuizAttempt.objects.filter(
            quiz=quiz, device_hash=device, finished_at__isnull=False
        ).count()
        if done >= quiz.attempts_allowed:
            raise SubmissionRefused(_("您的答题次数已用完"))
    ids = list(quiz.bank.values_list("pk", flat=True))
    drawn = (rng or random.SystemRandom()).sample(ids, min(quiz.num_questions, len(ids)))
    return QuizAttempt.objects.create(
        quiz=quiz,
        name=_text(name, field="name", label=_("姓名"), max_length=30),
        unit=_text(unit, field="unit", label=_("单位"), max_length=60),
        device_hash=device,
        question_ids=drawn,
        started_at=timezone.now(),
    )


def finish_attempt(*, attempt: QuizAttempt, answers: dict, now=None) -> QuizAttempt:
    """Score the attempt once; answers after the time limit score nothing beyond it."""
    now = now or timezone.now()
    quiz = attempt.quiz
    if attempt.finished_at is not None:
        return attempt
    late = quiz.time_limit_minutes and now > attempt.started_at + dt.timedelta(
        minutes=quiz.time_limit_minutes, seconds=30
    )
    bank = {q.pk: q for q in QuizQuestion.objects.filter(pk__in=attempt.question_ids)}
    kept, score = {}, 0
    for qid in attempt.question_ids:
        given = "".join(sorted(set(str(answers.get(str(qid), "")).upper())))
        kept[str(qid)] = given
        if not late and qid in bank and given == bank[qid].answer:
            score += 1
    won = QuizAttempt.objects.filter(pk=attempt.pk, finished_at__isnull=True).update(
        answers=kept, score=round(100 * score / max(1, len(attempt.question_ids))), finished_at=now
    )
    if won:
        Quiz.objects.filter(pk=quiz.pk).update(num_attempts=F("num_attempts") + 1)
    attempt.refresh_from_db()
    return attempt
