"""Surveys (问卷测评) and quizzes (线上答题), built for half a million responses.

Storage choice: one `Response` row per questionnaire, its answers in one compact JSON column
(a per-target or matrix question is one string, one option code per row: 30 targets × 10 items
is 10 keys of 30 characters, ~400 bytes a response), the respondent's attributes (身份, region,
industry) and channel in their own indexed columns. Free-text answers are copied into
`TextAnswer` so they can be searched and turned into problems. Statistics read `AnswerCount`
(exact counters per survey, question, row, option and respondent dimension), into which
responses are folded in batches; the responses not yet folded are counted from their rows, so
a figure is always counters + pending rows, never an estimate (see services.fold_counts).
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import TimeStampedModel, TransitionRecord
from gonghui.organizations.scoping import OrgScopedModel, ScopedQuerySet

from .workflow import SurveyStatus, TaskStatus


def new_access_key() -> str:
    return secrets.token_urlsafe(9)


class Survey(OrgScopedModel, TimeStampedModel):
    title = models.CharField(_("问卷名称"), max_length=100)
    description = models.TextField(_("问卷说明"), max_length=2000, blank=True)
    status = models.CharField(
        _("状态"), max_length=12, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    version = models.PositiveIntegerField(_("版本"), default=1)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("上一版本"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Set by the first accepted answer: from then on the questions cannot change (a new
    # version is a copy).
    is_frozen = models.BooleanField(_("题目已锁定"), default=False)
    max_per_device = models.PositiveSmallIntegerField(_("每台设备限答份数"), default=1)
    requires_token = models.BooleanField(_("仅凭答题码作答"), default=False)
    results_publish_date = models.DateField(_("结果公布日期"), null=True, blank=True)
    results_summary = models.TextField(_("结果说明"), max_length=5000, blank=True)
    results_published_at = models.DateTimeField(_("结果公布时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    scope_department_field = None
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("问卷")
        verbose_name_plural = _("问卷")
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("enter_paper_response", _("录入纸质问卷")),
            ("manage_rectification", _("管理问题督察与整改")),
        ]
        indexes = [models.Index(fields=["org_path", "status"], name="survey_scope_status")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:detail", args=[self.pk])


class SurveyTarget(models.Model):
    """An evaluated industry or department (被测评行业/部门) of a survey."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="targets")
    code = models.CharField(_("代码"), max_length=16)
    name = models.CharField(_("名称"), max_length=60)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("测评对象")
        verbose_name_plural = _("测评对象")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "code"], name="survey_target_code")
        ]

    def __str__(self) -> str:
        return self.name


class Channel(models.Model):
    """A way the questionnaire reaches people (a newspaper edition, a congress session, a
    district, the students): its own link and QR code, so statistics split by channel."""

    class Kind(models.TextChoices):
        ONLINE = "online", _("网络")
        NEWSPAPER = "newspaper", _("报纸")
        CONGRESS = "congress", _("两会代表委员")
        SCHOOL = "school", _("学生")
        DISTRICT = "district", _("地区")
        OTHER = "other", _("其他")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="channels")
    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices)
    code = models.CharField(_("代码"), max_length=16)
    name = models.CharField(_("渠道名称"), max_length=60)
    access_key = models.CharField(max_length=16, unique=True, default=new_access_key)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("发放渠道")
        verbose_name_plural = _("发放渠道")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "code"], name="survey_channel_code")
        ]

    def __str__(self) -> str:
        return self.name


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("单选")
        MULTIPLE = "multiple", _("多选")
        SCALE = "scale", _("评价量表")
        MATRIX = "matrix", _("矩阵量表")
        NUMBER = "number", _("数字")
        TEXT = "text", _("文字")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    section = models.CharField(_("部分"), max_length=60, blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    kind = models.CharField(_("题型"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("题目"), max_length=300)
    is_required = models.BooleanField(_("必答"), default=True)
    # [{"code": "a", "label": "满意", "satisfied": true, "counted": true}, …]; codes are one
    # character for scale and matrix questions (their answers are one string).
    options = models.JSONField(_("选项"), default=list, blank=True)
    # Matrix rows [{"code", "label"}]; a per-target question uses the survey's targets instead.
    rows = models.JSONField(_("矩阵行"), default=list, blank=True)
    is_per_target = models.BooleanField(_("逐个测评对象作答"), default=False)
    # Skip logic: shown only when question `id` was answered with option `code`.
    show_if = models.JSONField(_("显示条件"), default=dict, blank=True)

    class Meta:
        verbose_name = _("题目")
        verbose_name_plural = _("题目")
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def key(self) -> str:
        return str(self.pk)

    @property
    def is_grid(self) -> bool:
        return self.kind == self.Kind.MATRIX or (
            self.kind == self.Kind.SCALE and self.is_per_target
        )


class Respondent(models.TextChoices):
    DEPUTY = "deputy", _("人大代表")
    MEMBER = "member", _("政协委员")
    WORKER = "worker", _("职工")
    PUBLIC = "public", _("群众")
    STUDENT = "student", _("学生")


class Response(models.Model):
    class Source(models.TextChoices):
        ONLINE = "online", _("网上作答")
        PAPER = "paper", _("纸质录入")
        IMPORT = "import", _("Excel 导入")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    channel = models.ForeignKey(
        Channel, verbose_name=_("渠道"), null=True, blank=True, on_delete=models.PROTECT
    )
    submitted_at = models.DateTimeField(_("提交时间"))
    source = models.CharField(_("来源"), max_length=8, choices=Source.choices)
    identity = models.CharField(_("身份"), max_length=8, choices=Respondent.choices, blank=True)
    region = models.CharField(_("地区"), max_length=20, blank=True)
    industry = models.CharField(_("行业"), max_length=20, blank=True)
    answers = models.JSONField(_("答案"), default=dict)
    idempotency_key = models.CharField(max_length=40, blank=True)
    device_hash = models.CharField(max_length=16, blank=True)
    ip_hash = models.CharField(max_length=16, blank=True)
    # Null until the response is folded into AnswerCount; the fold's batch number after.
    tally_batch = models.BigIntegerField(null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("答卷")
        verbose_name_plural = _("答卷")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="response_once",
            )
        ]
        indexes = [
            models.Index(fields=["survey", "submitted_at"], name="response_time"),
            models.Index(fields=["survey", "device_hash"], name="response_device"),
            models.Index(fields=["survey", "ip_hash", "submitted_at"], name="response_ip"),
            # tally_batch among the columns (always null in this index): SQLite then sees two
            # equalities and prefers it to the survey foreign key's index without planner
            # statistics, so the pending rows are found without reading the folded ones.
            models.Index(
                fields=["survey", "tally_batch", "id"],
                name="response_pending",
                condition=models.Q(tally_batch__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}#{self.pk}"


class TextAnswer(models.Model):
    """A free-text answer, kept apart so it can be searched and turned into a problem."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="texts")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(_("内容"), max_length=1000)
    submitted_at = models.DateTimeField(_("提交时间"))

    class Meta:
        verbose_name = _("文字答案")
        verbose_name_plural = _("文字答案")
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["survey", "question", "-submitted_at"], name="text_list")]

    def __str__(self) -> str:
        return self.text[:30]


class AnswerCount(models.Model):
    """An exact counter: answers of `question_id` (0 = whole responses), `row` (a target or a
    matrix row; "" for a plain question), `option`, for respondents with `dimension`=`value`
    ("" = all respondents; identity, region, industry, channel, day)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    question_id = models.PositiveIntegerField()
    row = models.CharField(max_length=16, blank=True)
    option = models.CharField(max_length=16, blank=True)
    dimension = models.CharField(max_length=10, blank=True)
    value = models.CharField(max_length=20, blank=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("答案计数")
        verbose_name_plural = _("答案计数")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "dimension", "question_id", "row", "option", "value"],
                name="answer_count_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.question_id}/{self.row}/{self.option}={self.count}"


class SurveyToken(models.Model):
    """A one-time answering code (答题码), e.g. for congress delegates, printed as a list."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="tokens")
    channel = models.ForeignKey(Channel, null=True, blank=True, on_delete=models.SET_NULL)
    code = models.CharField(_("答题码"), max_length=12, unique=True)
    batch = models.CharField(_("批次"), max_length=40, blank=True)
    used_at = models.DateTimeField(_("使用时间"), null=True, blank=True)
    response = models.OneToOneField(
        Response, null=True, blank=True, on_delete=models.SET_NULL, related_name="token"
    )

    class Meta:
        verbose_name = _("答题码")
        verbose_name_plural = _("答题码")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.code


class InspectionGroup(models.Model):
    """A 专项督察组: members, the targets it inspects, its dates and findings."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("督察组"), max_length=60)
    leader = models.CharField(_("组长"), max_length=30, blank=True)
    members = models.CharField(_("成员"), max_length=300, blank=True)
    targets = models.ManyToManyField(SurveyTarget, verbose_name=_("督察对象"), blank=True)
    start_date = models.DateField(_("开始日期"), null=True, blank=True)
    end_date = models.DateField(_("结束日期"), null=True, blank=True)
    findings = models.TextField(_("督察发现"), max_length=5000, blank=True)

    class Meta:
        verbose_name = _("专项督察组")
        verbose_name_plural = _("专项督察组")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class Problem(models.Model):
    """A problem found in the answers, grouped, inspected and rectified."""

    class Stage(models.TextChoices):
        RECORDED = "recorded", _("已记录")
        INSPECTING = "inspecting", _("督察中")
        RECTIFYING = "rectifying", _("整改中")
        RESOLVED = "resolved", _("已整改")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="problems")
    target = models.ForeignKey(
        SurveyTarget, verbose_name=_("涉及对象"), null=True, blank=True, on_delete=models.SET_NULL
    )
    category = models.CharField(_("问题分类"), max_length=30, blank=True)
    title = models.CharField(_("问题"), max_length=200)
    description = models.TextField(_("问题描述"), max_length=3000, blank=True)
    stage = models.CharField(_("阶段"), max_length=12, choices=Stage.choices, default="recorded")
    group = models.ForeignKey(
        InspectionGroup,
        verbose_name=_("督察组"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="problems",
    )
    answers = models.ManyToManyField(TextAnswer, verbose_name=_("来源答案"), blank=True)
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("问题")
        verbose_name_plural = _("问题")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class RectificationTask(TimeStampedModel):
    """整改任务: a problem handed to the target department, with a deadline and evidence."""

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="tasks")
    department = models.CharField(_("责任单位"), max_length=60)
    deadline = models.DateField(_("整改期限"))
    status = models.CharField(
        _("状态"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.ASSIGNED
    )
    measures = models.TextField(_("整改措施"), max_length=3000, blank=True)
    evidence = models.FileField(_("整改佐证"), upload_to="surveys/evidence/", blank=True)

    class Meta:
        verbose_name = _("整改任务")
        verbose_name_plural = _("整改任务")
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return f"{self.department}：{self.problem}"


class RectificationTaskTransition(TransitionRecord):
    subject_field = "task"
    statuses = TaskStatus

    task = models.ForeignKey(RectificationTask, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("整改记录")
        verbose_name_plural = _("整改记录")


class SurveyTransition(TransitionRecord):
    subject_field = "survey"
    statuses = SurveyStatus

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("问卷记录")
        verbose_name_plural = _("问卷记录")


# --- Quizzes (线上答题) ------------------------------------------------------------------------


class Quiz(OrgScopedModel, TimeStampedModel):
    title = models.CharField(_("答题活动"), max_length=100)
    description = models.TextField(_("活动说明"), max_length=2000, blank=True)
    status = models.CharField(
        _("状态"), max_length=12, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    num_questions = models.PositiveSmallIntegerField(_("每次抽题数"), default=10)
    time_limit_minutes = models.PositiveSmallIntegerField(_("限时（分钟，0 为不限）"), default=0)
    attempts_allowed = models.PositiveSmallIntegerField(_("可答次数（取最高分）"), default=1)
    access_key = models.CharField(max_length=16, unique=True, default=new_access_key)
    # 浏览量 and 人次, maintained as the public page is opened and attempts are finished.
    num_views = models.PositiveIntegerField(_("浏览量"), default=0)
    num_attempts = models.PositiveIntegerField(_("参与人次"), default=0)
    activity_id = models.PositiveIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_department_field = None
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("线上答题")
        verbose_name_plural = _("线上答题")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class QuizQuestion(models.Model):
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="bank")
    text = models.CharField(_("题目"), max_length=300)
    is_multiple = models.BooleanField(_("多选"), default=False)
    options = models.JSONField(_("选项"), default=list)  # [{"code": "A", "label": "…"}]
    answer = models.CharField(_("正确答案"), max_length=10)  # "A" or "AC"
    explanation = models.CharField(_("解析"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("题库题目")
        verbose_name_plural = _("题库题目")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text


class QuizAttempt(models.Model):
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts")
    name = models.CharField(_("姓名"), max_length=30)
    unit = models.CharField(_("单位"), max_length=60)
    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    device_hash = models.CharField(max_length=16, blank=True)
    question_ids = models.JSONField(default=list)
    answers = models.JSONField(default=dict)
    score = models.PositiveSmallIntegerField(_("得分"), null=True, blank=True)
    started_at = models.DateTimeField(_("开始时间"))
    finished_at = models.DateTimeField(_("交卷时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("答题记录")
        verbose_name_plural = _("答题记录")
        ordering = ["-score", "finished_at", "pk"]
        indexes = [
            models.Index(fields=["quiz", "device_hash"], name="attempt_device"),
            models.Index(fields=["quiz", "-score"], name="attempt_board"),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.score}"
