"""Needy-worker archives (一户一档) with household members and attachments, tier rules kept as
data per province, relief and care records, distribution batches, needy enterprises and the
劳模 care archive. Sensitive columns are encrypted at rest (encryption.py); ID numbers also
carry a keyed blind index for lookups and the province-wide duplicate check."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.core import privacy
from gonghui.core.models import ManagedChoice, TimeStampedModel, TransitionRecord
from gonghui.organizations.scoping import OrgScopedModel, ScopedQuerySet

from .encryption import EncryptedTextField
from .workflow import OPEN_STATUSES, BatchStatus, Status


class Tier(models.TextChoices):
    DEEP = "deep", _("深度困难")
    RELATIVE = "relative", _("相对困难")
    ACCIDENT = "accident", _("意外致困")


class HardshipReason(ManagedChoice):
    """The managed list of reasons for hardship (因病, 因残, 因学, 意外致困, 单亲, 失业 …)."""

    class Meta(ManagedChoice.Meta):
        verbose_name = _("致困原因")
        verbose_name_plural = _("致困原因")


class TierRule(models.Model):
    """One rule proposing a tier: a province's own rules (or the default ones, province empty)
    are tried in `priority` order; the first that matches proposes its tier. A rule matches
    when the per-capita income is at most `max_income_percent` of the local standard (empty:
    any income) and, if it names reasons, the archive has at least one of them."""

    province = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("适用省份"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    tier = models.CharField(_("困难类别"), max_length=12, choices=Tier.choices)
    priority = models.PositiveIntegerField(_("优先顺序"), default=10)
    max_income_percent = models.PositiveIntegerField(
        _("人均收入不高于当地标准的百分比"), null=True, blank=True
    )
    reasons = models.ManyToManyField(
        HardshipReason, verbose_name=_("致困原因（任一）"), blank=True, related_name="+"
    )
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("困难类别认定规则")
        verbose_name_plural = _("困难类别认定规则")
        ordering = ["province_id", "priority", "pk"]

    def __str__(self) -> str:
        return f"{self.get_tier_display()}（{self.priority}）"


class RegionSetting(models.Model):
    """How a province runs the workflow: which level approves (county or city union) and
    the period of the yearly review."""

    class ApprovalLevel(models.TextChoices):
        COUNTY = "county", _("县（区）总工会")
        CITY = "city", _("市总工会")

    province = models.OneToOneField(
        "organizations.Organization",
        verbose_name=_("省份"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    approval_level = models.CharField(
        _("审批层级"), max_length=8, choices=ApprovalLevel.choices, default=ApprovalLevel.COUNTY
    )
    review_months = models.PositiveIntegerField(_("复核周期（月）"), default=12)

    class Meta:
        verbose_name = _("帮扶工作设置")
        verbose_name_plural = _("帮扶工作设置")

    def __str__(self) -> str:
        return str(self.province_id)


class ArchiveQuerySet(ScopedQuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today):
        return self.filter(status=Status.ACTIVE, review_due_date__lt=today)


class Archive(OrgScopedModel, TimeStampedModel):
    """困难职工档案: one household, kept by the grassroots union of the worker's employer."""

    class Housing(models.TextChoices):
        OWN = "own", _("自有住房")
        RENTED = "rented", _("租房")
        PUBLIC = "public", _("公租房/廉租房")
        DORMITORY = "dormitory", _("单位宿舍")
        NONE = "none", _("无固定住所")

    class ExitReason(models.TextChoices):
        INCOME = "income", _("收入超过标准")
        EMPLOYED = "employed", _("实现就业")
        RECOVERED = "recovered", _("病愈/困难消除")
        DECEASED = "deceased", _("本人去世")
        RETIRED = "retired", _("退休")
        OTHER = "other", _("其他")

    scope_department_field = None

    number = models.CharField(_("档案编号"), max_length=24, unique=True)
    province_path = models.CharField(max_length=16, editable=False, db_index=True)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("人员"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    worker_name = models.CharField(_("职工姓名"), max_length=50)
    name_initials = models.CharField(max_length=50, editable=False, blank=True)
    gender = models.CharField(_("性别"), max_length=1, blank=True)
    id_number = EncryptedTextField(_("身份证号"))
    id_hash = models.CharField(max_length=64, editable=False, db_index=True)
    phone = EncryptedTextField(_("联系电话"), blank=True)
    address = EncryptedTextField(_("家庭住址"), blank=True)
    health = EncryptedTextField(_("本人健康状况"), blank=True)
    bank_name = models.CharField(_("开户银行"), max_length=60, blank=True)
    bank_account = EncryptedTextField(_("银行账号"), blank=True)
    household_size = models.PositiveIntegerField(_("家庭人口"), default=1)
    # Income is sensitive: kept encrypted as text of integer fen; the ratio to the standard
    # decides the proposed tier at the time of entry.
    monthly_income = EncryptedTextField(_("家庭月收入（分）"), blank=True)
    local_standard_fen = models.PositiveIntegerField(_("当地最低生活保障标准（分/人·月）"))
    reasons = models.ManyToManyField(
        HardshipReason, verbose_name=_("致困原因"), blank=True, related_name="+"
    )
    housing = models.CharField(_("住房情况"), max_length=12, choices=Housing.choices, blank=True)
    situation = EncryptedTextField(_("困难情况说明"), blank=True)

    proposed_tier = models.CharField(
        _("系统建议类别"), max_length=12, choices=Tier.choices, blank=True
    )
    tier = models.CharField(_("困难类别"), max_length=12, choices=Tier.choices, blank=True)
    tier_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("类别确认人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    established_date = models.DateField(_("建档日期"), null=True, blank=True)
    review_due_date = models.DateField(_("复核到期日"), null=True, blank=True)
    exit_reason = models.CharField(
        _("解困原因"), max_length=12, choices=ExitReason.choices, blank=True
    )
    exited_date = models.DateField(_("解困日期"), null=True, blank=True)
    notice_opened = models.BooleanField(_("已公示"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ArchiveQuerySet.as_manager()

    SENSITIVE = (
        "id_number",
        "phone",
        "address",
        "health",
        "bank_account",
        "monthly_income",
        "situation",
    )

    class Meta:
        verbose_name = _("困难职工档案")
        verbose_name_plural = _("困难职工档案")
        ordering = ["-pk"]
        permissions = [
            ("review_archive", _("基层审核困难职工档案")),
            ("approve_archive", _("审批困难职工档案、建档、复核、解困")),
            ("view_assistance_sensitive", _("查看帮扶对象敏感信息（须说明事由）")),
            ("manage_batch", _("编制和审批发放批次")),
        ]
        indexes = [
            models.Index(fields=["org_path", "-id"], name="archive_scope"),
            models.Index(fields=["org_path", "status", "-id"], name="archive_scope_status"),
            models.Index(fields=["tier", "org_path"], name="archive_tier_scope"),
            # The statistics' counts (by tier, open, overdue) read this index alone.
            models.Index(
                fields=["org_path", "status", "tier", "review_due_date"], name="archive_counts"
            ),
            models.Index(fields=["province_path", "id_hash", "status"], name="archive_dup"),
            models.Index(
                fields=["name_initials"], name="archive_initials", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(
                fields=["worker_name"], name="archive_name", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(fields=["status", "review_due_date"], name="archive_review_due"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.worker_name_masked}"

    def get_absolute_url(self) -> str:
        return reverse("assistance:archive_detail", args=[self.pk])

    @property
    def worker_name_masked(self) -> str:
        return privacy.mask_name(self.worker_name)

    @property
    def id_number_masked(self) -> str:
        return privacy.mask_id_number(self.id_number)

    @property
    def phone_masked(self) -> str:
        return privacy.mask_phone(self.phone)

    @property
    def bank_account_masked(self) -> str:
        value = self.bank_account or ""
        return f"****{value[-4:]}" if value else ""

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class ArchiveMember(models.Model):
    """A household member of an archive (家庭成员)."""

    class Occupation(models.TextChoices):
        WORKING = "working", _("在职")
        UNEMPLOYED = "unemployed", _("失业")
        RETIRED = "retired", _("退休")
        STUDENT = "student", _("在校")
        PRESCHOOL = "preschool", _("学龄前")
        FARMING = "farming", _("务农")
        OTHER = "other", _("其他")

    archive = models.ForeignKey(Archive, on_delete=models.CASCADE, related_name="members")
    province_path = models.CharField(max_length=16, editable=False)
    name = models.CharField(_("姓名"), max_length=50)
    relation = models.CharField(_("与职工关系"), max_length=20)
    id_number = EncryptedTextField(_("身份证号"), blank=True)
    id_hash = models.CharField(max_length=64, editable=False, blank=True)
    health = EncryptedTextField(_("健康状况"), blank=True)
    occupation = models.CharField(
        _("就业/就学"), max_length=12, choices=Occupation.choices, blank=True
    )
    school = models.CharField(_("学校/年级"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("家庭成员")
        verbose_name_plural = _("家庭成员")
        ordering = ["pk"]
        indexes = [models.Index(fields=["province_path", "id_hash"], name="member_dup")]

    def __str__(self) -> str:
        return f"{self.relation} {privacy.mask_name(self.name)}"

    @property
    def name_masked(self) -> str:
        return privacy.mask_name(self.name)

    @property
    def id_number_masked(self) -> str:
        return privacy.mask_id_number(self.id_number) if self.id_number else ""


class ArchiveAttachment(models.Model):
    """证明材料: checked by content on upload, downloaded through a permission check."""

    archive = models.ForeignKey(Archive, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to="assistance/attachments/")
    name = models.CharField(_("文件名"), max_length=120)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("证明材料")
        verbose_name_plural = _("证明材料")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class ArchiveTransition(TransitionRecord):
    subject_field = "archive"
    statuses = Status

    archive = models.ForeignKey(Archive, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("困难职工档案记录")
        verbose_name_plural = _("困难职工档案记录")

    def __str__(self) -> str:
        return f"{self.archive_id} {self.verb}"


class Enterprise(OrgScopedModel, TimeStampedModel):
    """困难企业: an enterprise in difficulty whose workers the union visits and supports."""

    scope_department_field = None

    name = models.CharField(_("企业名称"), max_length=100)
    reason = models.CharField(_("困难原因"), max_length=200)
    num_workers_affected = models.PositiveIntegerField(_("涉及职工人数"), default=0)
    is_active = models.BooleanField(_("仍在帮扶"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("困难企业")
        verbose_name_plural = _("困难企业")
        ordering = ["org_path", "name", "pk"]
        indexes = [models.Index(fields=["org_path", "name"], name="enterprise_scope")]

    def __str__(self) -> str:
        return self.name


class ModelWorker(OrgScopedModel, TimeStampedModel):
    """劳模档案: a model worker the union cares for."""

    class Level(models.TextChoices):
        NATIONAL = "national", _("全国劳模")
        PROVINCIAL = "provincial", _("省部级劳模")
        CITY = "city", _("市厅级劳模")

    class Living(models.TextChoices):
        WORKING = "working", _("在职")
        RETIRED = "retired", _("退休")
        DECEASED = "deceased", _("已故")

    class IncomeBand(models.TextChoices):
        NORMAL = "normal", _("一般")
        LOW = "low", _("低收入")
        SPECIAL = "special", _("特困")

    scope_department_field = None

    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("姓名"), max_length=50)
    level = models.CharField(_("劳模级别"), max_length=12, choices=Level.choices)
    title = models.CharField(_("荣誉称号"), max_length=100)
    year_awarded = models.PositiveIntegerField(_("授予年份"))
    living_status = models.CharField(
        _("生活状况"), max_length=12, choices=Living.choices, default=Living.WORKING
    )
    income_band = models.CharField(
        _("收入状况"), max_length=12, choices=IncomeBand.choices, default=IncomeBand.NORMAL
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("劳模档案")
        verbose_name_plural = _("劳模档案")
        ordering = ["org_path", "name", "pk"]
        indexes = [models.Index(fields=["org_path", "level"], name="model_worker_scope")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_needy(self) -> bool:
        return self.income_band != self.IncomeBand.NORMAL


class Programme(models.TextChoices):
    WARMTH = "warmth", _("送温暖慰问")
    LIVING = "living", _("生活救助")
    MEDICAL = "medical", _("医疗救助")
    EDUCATION = "education", _("金秋助学")
    TRAINING = "training", _("免费就业培训")
    MUTUAL_AID = "mutual_aid", _("职工医疗互助")
    WOMEN_COVER = "women_cover", _("女职工特殊疾病保障")
    TICKETS = "tickets", _("温暖回家路")
    MW_LIVING = "mw_living", _("劳模生活补助费")
    MW_SPECIAL = "mw_special", _("劳模专项补助费")
    MW_HEALTH = "mw_health", _("劳模体检疗休养")


class FundSource(models.TextChoices):
    UPPER = "upper", _("上级拨款")
    OWN = "own", _("本级经费")
    DONATION = "donation", _("社会捐赠")
    SPECIAL = "special", _("专项资金")


class Beneficiary(models.TextChoices):
    HOUSEHOLD = "household", _("困难职工家庭")
    MODEL_WORKER = "model_worker", _("劳模")
    ENTERPRISE = "enterprise", _("困难企业")
    WORKER = "worker", _("职工（群体）")


class Batch(OrgScopedModel, TimeStampedModel):
    """发放批次: planned with a budget, filled with archives, approved, then paid. The running
    total is kept on the row and raised only by a conditional UPDATE that checks the budget,
    so concurrent additions can never push it over."""

    scope_department_field = None

    name = models.CharField(_("批次名称"), max_length=100)
    programme = models.CharField(
        _("帮扶项目"), max_length=12, choices=Programme.choices, default=Programme.WARMTH
    )
    fund_source = models.CharField(_("资金来源"), max_length=12, choices=FundSource.choices)
    budget_fen = models.BigIntegerField(_("预算（分）"))
    total_fen = models.BigIntegerField(_("已列入金额（分）"), default=0)
    num_entries = models.PositiveIntegerField(_("人数"), default=0)
    status = models.CharField(
        _("状态"), max_length=12, choices=BatchStatus.choices, default=BatchStatus.PLANNED
    )
    planned_date = models.DateField(_("计划发放日期"))
    paid_date = models.DateField(_("发放日期"), null=True, blank=True)
    handed_over_by = models.CharField(_("经办人"), max_length=50, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("发放批次")
        verbose_name_plural = _("发放批次")
        ordering = ["-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(total_fen__lte=models.F("budget_fen")),
                name="batch_total_within_budget",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("assistance:batch_detail", args=[self.pk])

    @property
    def remaining_fen(self) -> int:
        return self.budget_fen - self.total_fen


class BatchEntry(models.Model):
    """One archive in a batch, with the amount planned for it; at most once per batch."""

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="entries")
    archive = models.ForeignKey(Archive, on_delete=models.PROTECT, related_name="+")
    amount_fen = models.PositiveIntegerField(_("金额（分）"))

    class Meta:
        verbose_name = _("批次名单")
        verbose_name_plural = _("批次名单")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "archive"], name="batch_entry_once")
        ]

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.archive_id}"


class BatchTransition(TransitionRecord):
    subject_field = "batch"
    statuses = BatchStatus

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("发放批次记录")
        verbose_name_plural = _("发放批次记录")

    def __str__(self) -> str:
        return f"{self.batch_id} {self.verb}"


class ReliefRecord(OrgScopedModel):
    """帮扶记录: one relief or care given, never edited or deleted once written; a mistake is
    corrected by a reversing record (`reverses`) with the opposite amount and headcount.
    `headcount` is the number of people (or enterprises, tickets, enrolments) one record stands
    for: 1 for a household, more for a group record entered as one line."""

    scope_department_field = None

    programme = models.CharField(_("帮扶项目"), max_length=12, choices=Programme.choices)
    beneficiary = models.CharField(_("帮扶对象类型"), max_length=14, choices=Beneficiary.choices)
    archive = models.ForeignKey(
        Archive, null=True, blank=True, on_delete=models.PROTECT, related_name="relief"
    )
    model_worker = models.ForeignKey(
        ModelWorker, null=True, blank=True, on_delete=models.PROTECT, related_name="relief"
    )
    enterprise = models.ForeignKey(
        Enterprise, null=True, blank=True, on_delete=models.PROTECT, related_name="relief"
    )
    batch = models.ForeignKey(
        Batch, null=True, blank=True, on_delete=models.PROTECT, related_name="payments"
    )
    fund_source = models.CharField(_("资金来源"), max_length=12, choices=FundSource.choices)
    amount_fen = models.BigIntegerField(_("慰问金/补助金额（分）"), default=0)
    goods_value_fen = models.BigIntegerField(_("慰问物资价值（分）"), default=0)
    goods = models.CharField(_("慰问物资"), max_length=100, blank=True)
    headcount = models.IntegerField(_("人数（人次）"), default=1)
    student_name = models.CharField(_("学生姓名"), max_length=50, blank=True)
    school = models.CharField(_("学校"), max_length=60, blank=True)
    grade = models.CharField(_("年级"), max_length=20, blank=True)
    given_date = models.DateField(_("日期"))
    handed_over_by = models.CharField(_("经办人"), max_length=50, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    reverses = models.OneToOneField(
        "self",
        verbose_name=_("冲正的记录"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversed_by",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("帮扶记录")
        verbose_name_plural = _("帮扶记录")
        ordering = ["-given_date", "-pk"]
        constraints = [
            # A worker is paid at most once per batch (a reversal is the one exception).
            models.UniqueConstraint(
                fields=["batch", "archive"],
                name="relief_paid_once_per_batch",
                condition=models.Q(batch__isnull=False, reverses__isnull=True),
            ),
        ]
        indexes = [
            models.Index(fields=["org_path", "given_date"], name="relief_scope_date"),
            models.Index(
                fields=["org_path", "programme", "given_date"], name="relief_scope_programme"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_programme_display()} {self.given_date}"

    @property
    def is_reversal(self) -> bool:
        return self.reverses_id is not None


class ReliefTally(models.Model):
    """Monthly sums of relief records per organisation at the top levels of the tree (national,
    province, city: `scope_path`), per child branch on the way down (`branch`, empty for records
    of that organisation itself), programme, beneficiary, fund source and 劳模 level. Statistics
    of a large subtree over whole months are read from these few thousand rows instead of a
    million records. Kept in step, in the same transaction, by every service that writes a
    relief record, and rebuilt from the records by `gonghui rebuild_assistance_tallies`."""

    scope_path = models.CharField(max_length=32)
    branch = models.CharField(max_length=40, blank=True)
    month = models.DateField()
    programme = models.CharField(max_length=12)
    beneficiary = models.CharField(max_length=14)
    fund_source = models.CharField(max_length=12)
    level = models.CharField(max_length=12, blank=True)
    records = models.BigIntegerField(default=0)
    headcount = models.BigIntegerField(default=0)
    amount_fen = models.BigIntegerField(default=0)
    goods_value_fen = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("帮扶记录月度汇总")
        verbose_name_plural = _("帮扶记录月度汇总")
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "scope_path",
                    "month",
                    "programme",
                    "beneficiary",
                    "fund_source",
                    "level",
                    "branch",
                ],
                name="relief_tally_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.scope_path} {self.month:%Y-%m} {self.programme}"
