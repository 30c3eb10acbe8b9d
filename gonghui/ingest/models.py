"""Ingested documents (kept as evidence with their normalised text and facts) and proposals."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import TimeStampedModel, TransitionRecord
from gonghui.organizations.scoping import OrgScopedModel

from .workflow import Status


class IngestedDocument(OrgScopedModel, TimeStampedModel):
    """An uploaded report; the file is the evidence, `report` the extraction as JSON."""

    file = models.FileField(_("原始文件"), upload_to="ingest/%Y/%m/")
    original_name = models.CharField(_("原文件名"), max_length=200)
    kind = models.CharField(_("文件类型"), max_length=10)
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveIntegerField(_("大小（字节）"), default=0)
    original_text = models.TextField(_("原始文字"))
    text = models.TextField(_("规范化文字"))
    # Offsets from normalised text back to original_text, one per character.
    offsets = models.JSONField(default=list)
    title = models.CharField(_("标题"), max_length=200, blank=True)
    detected_org = models.CharField(_("识别的组织"), max_length=200, blank=True)
    report_date = models.DateField(_("报道日期"), null=True, blank=True)
    report = models.JSONField(_("提取结果"), default=dict)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    scope_department_field = None
    scope_owner_field = "uploaded_by"

    class Meta:
        verbose_name = _("导入文档")
        verbose_name_plural = _("导入文档")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title or self.original_name

    def get_absolute_url(self) -> str:
        return reverse("ingest:review", args=[self.pk])

    @property
    def facts(self) -> list[dict]:
        return self.report.get("facts", [])

    @property
    def notices(self) -> list[str]:
        """What the analysis bounds cut from this document, for the review page."""
        return self.report.get("notices", [])


class Proposal(OrgScopedModel, TimeStampedModel):
    """An activity or ledger entry proposed from a document, saved only when confirmed."""

    class Kind(models.TextChoices):
        ACTIVITY = "activity", _("活动")
        LEDGER = "ledger", _("台账")

    Status = Status

    document = models.ForeignKey(
        IngestedDocument,
        verbose_name=_("来源文档"),
        on_delete=models.CASCADE,
        related_name="proposals",
    )
    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.PROPOSED, db_index=True
    )
    title = models.CharField(_("名称"), max_length=200)
    proposed_date = models.DateField(_("日期"), null=True, blank=True)
    activity_type_code = models.CharField(_("活动类型代码"), max_length=32, blank=True)
    department = models.ForeignKey(
        "organizations.Department",
        verbose_name=_("组织部门"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    metrics = models.JSONField(_("指标"), default=dict)
    fact_indexes = models.JSONField(_("依据的事实"), default=list)
    excerpt = models.TextField(_("原文摘录"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("确认人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    activity = models.ForeignKey(
        "activities.Activity",
        verbose_name=_("生成的活动"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    evidence_item = models.ForeignKey(
        "ledger.EvidenceItem",
        verbose_name=_("归入的台账"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    scope_department_field = None
    scope_owner_field = "decided_by"

    class Meta:
        verbose_name = _("导入建议")
        verbose_name_plural = _("导入建议")
        ordering = ["document_id", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.title}"


class ProposalTransition(TransitionRecord):
    """History of a proposal: who confirmed or discarded it, and when."""

    subject_field = "proposal"
    statuses = Status

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("导入建议记录")
        verbose_name_plural = _("导入建议记录")
