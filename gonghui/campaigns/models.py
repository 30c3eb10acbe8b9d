"""Frameworks (测评体系) as versioned indicator trees, campaigns with a frozen copy, and 分工."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import TimeStampedModel, TransitionRecord
from gonghui.organizations.scoping import OrgScopedModel, ScopedQuerySet

from .workflow import Status


class Method(models.TextChoices):
    MATERIAL = "材料审核", _("材料审核")
    SITE = "实地考察", _("实地考察")
    SURVEY = "问卷调查", _("问卷调查")
    OPINION = "征求意见", _("征求意见")
    ONLINE = "网络查看", _("网络查看")
    REPORT = "听取汇报", _("听取汇报")


class CampaignKind(models.TextChoices):
    UNIT = "unit", _("文明单位")
    CITY = "city", _("文明城市")
    INDUSTRY = "industry", _("文明行业")


class RuleKind(models.TextChoices):
    BONUS = "bonus", _("加分项")
    DEDUCTION = "deduction", _("扣分项")
    VETO = "veto", _("一票否决")


DEFAULT_GRADE_MAP = {"A": 1.0, "B": 0.8, "C": 0.6}
DEFAULT_FILE_TYPES = ["pdf", "docx", "xlsx", "jpg", "png"]


class IndicatorFields(models.Model):
    """What a framework node and its frozen campaign copy share: score, methods, upload rules."""

    code = models.CharField(_("编号"), max_length=40)
    name = models.CharField(_("名称"), max_length=300)
    level_label = models.CharField(_("层级名称"), max_length=20, blank=True)
    depth = models.PositiveSmallIntegerField(_("层级"), default=1)
    position = models.PositiveIntegerField(_("顺序"), default=0)
    full_score = models.DecimalField(_("分值"), max_digits=7, decimal_places=2, default=Decimal(0))
    methods = models.JSONField(_("测评方法"), default=list, blank=True)
    standard = models.TextField(_("测评标准"), blank=True)
    guidance = models.TextField(_("上传要求"), blank=True)
    min_photos = models.PositiveSmallIntegerField(_("最少照片数"), default=0)
    min_chars = models.PositiveIntegerField(_("说明报告最少字数"), default=0)
    max_chars = models.PositiveIntegerField(_("说明报告最多字数"), default=500)
    requires_doc_number = models.BooleanField(_("需要文号"), default=False)
    file_types = models.JSONField(_("允许的文件类型"), default=list, blank=True)
    lead_days = models.PositiveSmallIntegerField(_("提前完成天数"), null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def allowed_file_types(self) -> list[str]:
        return list(self.file_types) or DEFAULT_FILE_TYPES


class Framework(TimeStampedModel):
    """A 测评体系 (全国文明单位测评体系 …); its content lives in versions."""

    code = models.SlugField(_("代码"), max_length=60, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=12, choices=CampaignKind.choices)
    description = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("测评体系")
        verbose_name_plural = _("测评体系")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FrameworkVersion(TimeStampedModel):
    framework = models.ForeignKey(
        Framework, verbose_name=_("测评体系"), on_delete=models.CASCADE, related_name="versions"
    )
    label = models.CharField(_("版本"), max_length=40)
    grade_map = models.JSONField(_("等级系数"), default=dict)
    notes = models.TextField(_("版本说明"), blank=True)
    is_example = models.BooleanField(_("示例分值"), default=False)
    source = models.CharField(_("来源"), max_length=20, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("测评体系版本")
        verbose_name_plural = _("测评体系版本")
        ordering = ["framework_id", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "label"], name="framework_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.framework.name}（{self.label}）"


class FrameworkNode(IndicatorFields):
    """One node of a version's tree: 测评项目 → 测评指标 → 测评内容/标准, any depth."""

    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="nodes")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )

    class Meta:
        verbose_name = _("测评指标")
        verbose_name_plural = _("测评指标")
        ordering = ["version_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="framework_node_unique_code")
        ]


class RuleFields(models.Model):
    kind = models.CharField(_("类别"), max_length=10, choices=RuleKind.choices)
    code = models.CharField(_("编号"), max_length=40)
    name = models.CharField(_("名称"), max_length=300)
    points = models.DecimalField(
        _("分值"),
        max_digits=6,
        decimal_places=2,
        default=Decimal(0),
        help_text=_("加分项为最高加分，扣分项为每次扣分"),
    )
    window_months = models.PositiveSmallIntegerField(
        _("追溯月数"), null=True, blank=True, help_text=_("一票否决：申报前多少个月内发生")
    )
    description = models.TextField(_("说明"), blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"


class FrameworkRule(RuleFields):
    """A bonus item, a deduction rule (points per occurrence) or a veto rule (within N months)."""

    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="rules")

    class Meta:
        verbose_name = _("加减分与否决规则")
        verbose_name_plural = _("加减分与否决规则")
        ordering = ["version_id", "kind", "code"]


class Campaign(OrgScopedModel, TimeStampedModel):
    """争创全国文明单位 / 创建全国文明城市 … of one organisation, on a frozen framework copy."""

    Status = Status

    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=12, choices=CampaignKind.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    start_date = models.DateField(_("启动日期"), null=True, blank=True)
    assessment_date = models.DateField(_("测评日期"))
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    framework_version = models.ForeignKey(
        FrameworkVersion,
        verbose_name=_("测评体系版本"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="campaigns",
    )
    framework_name = models.CharField(_("测评体系"), max_length=150, blank=True)
    grade_map = models.JSONField(_("等级系数"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_department_field = None
    scope_owner_field = None
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("创建活动")
        verbose_name_plural = _("创建活动")
        ordering = ["-year", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("campaigns:detail", args=[self.pk])


class CampaignTransition(TransitionRecord):
    """History of a campaign's status: who closed it, when and why."""

    subject_field = "campaign"
    statuses = Status

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("创建活动记录")
        verbose_name_plural = _("创建活动记录")


class CampaignIndicator(IndicatorFields):
    """The campaign's frozen copy of a framework node; evidence and activities point here."""

    GRADES = [("A", "A"), ("B", "B"), ("C", "C")]

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="indicators")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    source_node_id = models.PositiveIntegerField(null=True, blank=True)
    is_leaf = models.BooleanField(_("末级"), default=True)
    self_grade = models.CharField(_("自评等级"), max_length=2, blank=True, choices=GRADES)

    class Meta:
        verbose_name = _("创建指标")
        verbose_name_plural = _("创建指标")
        ordering = ["campaign_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "code"], name="campaign_indicator_code")
        ]


class CampaignRule(RuleFields):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="rules")

    class Meta:
        verbose_name = _("加减分与否决规则")
        verbose_name_plural = _("加减分与否决规则")
        ordering = ["campaign_id", "kind", "code"]


class RuleOccurrence(TimeStampedModel):
    """A bonus earned, a deduction incurred or a veto incurred (with its date)."""

    rule = models.ForeignKey(CampaignRule, on_delete=models.CASCADE, related_name="occurrences")
    occurred_date = models.DateField(_("发生日期"))
    occurrences = models.PositiveSmallIntegerField(_("次数"), default=1)
    points = models.DecimalField(_("加分"), max_digits=6, decimal_places=2, null=True, blank=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("加减分事项")
        verbose_name_plural = _("加减分事项")
        ordering = ["-occurred_date"]


class Progress(models.TextChoices):
    NOT_STARTED = "not_started", _("未开始")
    IN_PROGRESS = "in_progress", _("进行中")
    SUBMITTED = "submitted", _("已提交")
    APPROVED = "approved", _("已通过")
    RETURNED = "returned", _("已退回")


class AssignmentQuerySet(ScopedQuerySet):
    def overdue(self, today):
        return self.filter(deadline__lt=today).exclude(
            status__in=[Progress.SUBMITTED, Progress.APPROVED]
        )


class Assignment(OrgScopedModel, TimeStampedModel):
    """分工: one indicator given to one responsible unit (a department, or a whole union).

    `organization` is the responsible unit's organisation, so a department's liaison and the
    union's admins see the task through the ordinary data scope. The progress fields are
    kept in step by the ledger when evidence changes, so the 回头看 table is one query.
    `indicator_position` copies the indicator's position (fixed once the campaign's framework
    is frozen) so that the table is sorted and paged by an index on this table alone.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="assignments")
    indicator = models.ForeignKey(
        CampaignIndicator,
        verbose_name=_("指标"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    indicator_position = models.PositiveIntegerField(default=0, editable=False)
    department = models.ForeignKey(
        "organizations.Department",
        verbose_name=_("责任部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    leader = models.ForeignKey(
        "people.Person",
        verbose_name=_("责任领导"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    liaison = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("联络员"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="campaign_tasks",
    )
    deadline = models.DateField(_("完成时限"), null=True, blank=True)
    status = models.CharField(
        _("进度"), max_length=12, choices=Progress.choices, default=Progress.NOT_STARTED
    )
    is_complete = models.BooleanField(_("资料齐全"), default=False)
    missing = models.CharField(_("缺少"), max_length=300, blank=True)
    num_files = models.PositiveIntegerField(_("文件数"), default=0)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True, editable=False)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("任务分工")
        verbose_name_plural = _("任务分工")
        ordering = ["campaign_id", "indicator_position", "org_path", "department_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "department"],
                condition=models.Q(department__isnull=False),
                name="assignment_unique_department",
            ),
            models.UniqueConstraint(
                fields=["indicator", "organization"],
                condition=models.Q(department__isnull=True),
                name="assignment_unique_organization",
            ),
        ]
        # Every campaign query carries the scope's org_path range; org_path sits inside each
        # index so that the range is checked on index entries. Without planner statistics
        # SQLite takes a range on an index's second column as very selective, hence no
        # (campaign, org_path) index: it would win every plan and then sort the whole campaign.
        indexes = [
            # 回头看 order: pages are read off the index, then only their rows are joined.
            models.Index(
                fields=["campaign", "indicator_position", "org_path", "department", "id"],
                name="assignment_lookback_order",
            ),
            # Counts by status, overdue and complete, from the index alone.
            models.Index(
                fields=["campaign", "status", "deadline", "is_complete", "org_path"],
                name="assignment_progress",
            ),
            models.Index(fields=["campaign", "department", "org_path"], name="assignment_unit"),
            models.Index(fields=["campaign", "leader", "org_path"], name="assignment_leader"),
            models.Index(fields=["liaison", "deadline"]),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} · {self.unit_name}"

    def get_absolute_url(self) -> str:
        return reverse("ledger:task", args=[self.pk])

    @property
    def unit_name(self) -> str:
        if self.department_id:
            return self.department.name
        return self.organization.display_name


class Notification(TimeStampedModel):
    """An in-app message (deadline reminders, returned evidence)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="campaign_notifications"
    )
    text = models.CharField(_("内容"), max_length=300)
    url = models.CharField(max_length=300, blank=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"])]
