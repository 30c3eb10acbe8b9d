"""台账: evidence per indicator and responsible unit, its versions, files, links and review;
monthly reports; ledger package exports."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import TimeStampedModel, TransitionRecord
from gonghui.organizations.scoping import OrgScopedModel, ScopedQuerySet

from .workflow import ReportStatus, Status


class EvidenceItem(OrgScopedModel, TimeStampedModel):
    """The ledger entry of one assignment (indicator × responsible unit)."""

    assignment = models.OneToOneField(
        "campaigns.Assignment", on_delete=models.CASCADE, related_name="evidence"
    )
    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(
        "campaigns.CampaignIndicator",
        verbose_name=_("指标"),
        on_delete=models.CASCADE,
        related_name="evidence_items",
    )
    department = models.ForeignKey(
        "organizations.Department",
        verbose_name=_("责任部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    current_version = models.ForeignKey(
        "EvidenceVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("台账资料")
        verbose_name_plural = _("台账资料")
        permissions = [("review_evidenceitem", _("审核点评台账资料"))]
        ordering = ["campaign_id", "indicator__position", "org_path"]
        indexes = [models.Index(fields=["campaign", "status"])]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.indicator.name}"

    def get_absolute_url(self) -> str:
        return reverse("ledger:item", args=[self.pk])


class EvidenceVersion(models.Model):
    """One version of the evidence; frozen when submitted, a new one starts on the next edit."""

    item = models.ForeignKey(EvidenceItem, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("版本号"))
    report_text = models.TextField(_("说明报告"), blank=True)
    doc_number = models.CharField(_("文号"), max_length=100, blank=True)
    is_frozen = models.BooleanField(default=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("台账版本")
        verbose_name_plural = _("台账版本")
        ordering = ["item_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="evidence_version_number")
        ]

    def __str__(self) -> str:
        return f"第{self.number}版"


def evidence_upload_to(instance, filename):
    return f"ledger/{instance.sha256[:2]}/{filename}"


class EvidenceFile(models.Model):
    version = models.ForeignKey(EvidenceVersion, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("文件"), upload_to=evidence_upload_to, max_length=255)
    original_name = models.CharField(_("文件名"), max_length=200)
    kind = models.CharField(_("类型"), max_length=8)
    size = models.PositiveBigIntegerField(_("大小"))
    sha256 = models.CharField(max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("台账文件")
        verbose_name_plural = _("台账文件")
        ordering = ["version_id", "pk"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_photo(self) -> bool:
        return self.kind in ("jpg", "png")


class EvidenceLink(models.Model):
    """A system or activity already published online, evidenced by its address (+ screenshot)."""

    version = models.ForeignKey(EvidenceVersion, on_delete=models.CASCADE, related_name="links")
    url = models.URLField(_("链接"), max_length=500)
    title = models.CharField(_("标题"), max_length=200, blank=True)
    screenshot = models.FileField(
        _("截图"), upload_to="ledger/screenshots/", blank=True, max_length=255
    )
    screenshot_sha256 = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("网络链接")
        verbose_name_plural = _("网络链接")
        ordering = ["version_id", "pk"]

    def __str__(self) -> str:
        return self.title or self.url


class EvidenceTransition(TransitionRecord):
    """History of the item: every transition and every reviewer's 点评, kept per version."""

    subject_field = "item"
    statuses = Status

    item = models.ForeignKey(EvidenceItem, on_delete=models.CASCADE, related_name="history")
    version = models.ForeignKey(
        EvidenceVersion, null=True, on_delete=models.CASCADE, related_name="history"
    )

    class Meta(TransitionRecord.Meta):
        verbose_name = _("台账记录")
        verbose_name_plural = _("台账记录")
        ordering = ["item_id", "at", "pk"]


class MonthlyReport(OrgScopedModel, TimeStampedModel):
    """A responsible unit's report for one month (YYYY-MM), reviewed at the monthly meeting."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="monthly_reports"
    )
    department = models.ForeignKey(
        "organizations.Department",
        verbose_name=_("部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    period = models.CharField(_("月份"), max_length=7)
    summary = models.TextField(_("本月工作"))
    evidence = models.ManyToManyField(
        EvidenceItem, verbose_name=_("相关台账"), blank=True, related_name="monthly_reports"
    )
    activity_ids = models.JSONField(_("相关活动"), default=list, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    review_comment = models.TextField(_("领导点评"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("点评时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("月度汇报")
        verbose_name_plural = _("月度汇报")
        permissions = [("review_monthlyreport", _("点评月度汇报"))]
        ordering = ["campaign_id", "-period", "org_path"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "period", "department"],
                condition=models.Q(department__isnull=False),
                name="monthly_report_unique_department",
            ),
            models.UniqueConstraint(
                fields=["campaign", "period", "organization"],
                condition=models.Q(department__isnull=True),
                name="monthly_report_unique_organization",
            ),
        ]
        indexes = [models.Index(fields=["campaign", "period"])]

    def __str__(self) -> str:
        return f"{self.period} 月度汇报"


class MonthlyReportTransition(TransitionRecord):
    """History of a monthly report: submit, withdraw, the review at the meeting, 点评."""

    subject_field = "report"
    statuses = ReportStatus

    report = models.ForeignKey(MonthlyReport, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("月度汇报记录")
        verbose_name_plural = _("月度汇报记录")


class LedgerExport(TimeStampedModel):
    """An inspector package (zip) built in the background; progress counts files written."""

    class State(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("生成中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    num_done = models.PositiveIntegerField(default=0)
    num_total = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="ledger/exports/", blank=True, max_length=255)
    size = models.PositiveBigIntegerField(default=0)
    error = models.CharField(max_length=500, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("台账导出")
        verbose_name_plural = _("台账导出")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.campaign_id} {self.get_state_display()}"

    @property
    def percent(self) -> int:
        return int(self.num_done * 100 / self.num_total) if self.num_total else 0
