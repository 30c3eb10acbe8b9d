"""Public notices (公示) with their public entries, objections, and the history of both.

A notice stores only what the public may read: a masked name (张*), the unit and the detail
(an award, an amount band). The full name of a person never enters `NoticeEntry`; the owning
record (a nomination, an archive) is reached through the generic reference instead."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.core import privacy
from gonghui.core.models import TimeStampedModel, TransitionRecord
from gonghui.organizations.scoping import OrgScopedModel, ScopedQuerySet

from .workflow import ObjectionStatus, Status


class NoticeQuerySet(ScopedQuerySet):
    def due_to_open(self, now):
        return self.filter(status=Status.SCHEDULED, opens_at__lte=now)

    def due_to_close(self, now):
        return self.filter(status=Status.OPEN, closes_at__lte=now)

    def public(self):
        """Notices the public may open: running or ended (a withdrawn one is gone)."""
        return self.filter(status__in=[Status.OPEN, Status.CLOSED])


class Notice(OrgScopedModel, TimeStampedModel):
    class PeriodKind(models.TextChoices):
        WORKING = "working", _("工作日")
        CALENDAR = "calendar", _("自然日")

    title = models.CharField(_("公示标题"), max_length=100)
    intro = models.TextField(_("公示说明"), max_length=2000, blank=True)
    period_kind = models.CharField(
        _("期限计算"), max_length=10, choices=PeriodKind.choices, default=PeriodKind.WORKING
    )
    period_days = models.PositiveSmallIntegerField(_("公示期（天）"), default=5)
    opens_at = models.DateTimeField(_("公示开始"))
    closes_at = models.DateTimeField(_("公示结束"))
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.SCHEDULED
    )
    # Where the notice comes from, for staff lists ("推优评先"), and the record that owns it.
    source_label = models.CharField(_("来源"), max_length=30, blank=True)
    source_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    contact = models.CharField(_("受理异议的部门与电话"), max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发起人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("实际结束时间"), null=True, blank=True)
    withdrawn_reason = models.CharField(_("撤销原因"), max_length=200, blank=True)
    num_entries = models.PositiveIntegerField(_("公示人数"), default=0)

    scope_department_field = None
    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("公示")
        verbose_name_plural = _("公示")
        ordering = ["-opens_at", "-pk"]
        permissions = [("handle_objection", _("受理、查看和办结公示异议"))]
        indexes = [
            models.Index(fields=["status", "opens_at"], name="notice_due_open"),
            models.Index(fields=["status", "closes_at"], name="notice_due_close"),
            models.Index(fields=["source_type", "source_id"], name="notice_source"),
            models.Index(fields=["org_path", "-opens_at"], name="notice_scope"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("notices:detail", args=[self.pk])

    def get_public_url(self) -> str:
        return reverse("notices:public", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == Status.OPEN

    @property
    def is_ended(self) -> bool:
        return self.status == Status.CLOSED


class NoticeEntry(models.Model):
    """One line of a notice: public fields only."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="entries")
    position = models.PositiveIntegerField(_("序号"), default=0)
    masked_name = models.CharField(_("姓名（已隐去）"), max_length=60)
    unit = models.CharField(_("单位"), max_length=100, blank=True)
    detail = models.CharField(_("公示内容"), max_length=100, blank=True)
    # The owning app's row this line stands for (never shown): how an objection to the line
    # finds its nominee, archive …
    ref_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("公示条目")
        verbose_name_plural = _("公示条目")
        ordering = ["notice", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.masked_name} {self.unit} {self.detail}".strip()


class Objection(TimeStampedModel):
    """异议: lodged by anyone during the notice period, read only by the handling staff of the
    notice's organisation."""

    class Outcome(models.TextChoices):
        UPHELD = "upheld", _("异议成立（撤销公示对象）")
        DISMISSED = "dismissed", _("异议不成立（维持）")

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="objections")
    entry = models.ForeignKey(
        NoticeEntry,
        verbose_name=_("异议对象"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="objections",
    )
    # Copied from the notice so the staff list is one indexed range like every other list.
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    org_path = models.CharField(max_length=255, db_index=True, editable=False)
    name = models.CharField(_("异议人姓名"), max_length=50)
    phone = models.CharField(_("异议人电话"), max_length=20)
    phone_masked = models.CharField(_("异议人电话（已隐去）"), max_length=20)
    content = models.TextField(_("异议内容"), max_length=2000)
    status = models.CharField(
        _("状态"), max_length=12, choices=ObjectionStatus.choices, default=ObjectionStatus.RECEIVED
    )
    outcome = models.CharField(_("处理结论"), max_length=12, choices=Outcome.choices, blank=True)
    finding = models.TextField(_("调查核实情况"), max_length=2000, blank=True)
    answer = models.TextField(_("答复意见"), max_length=2000, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("办理人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("异议")
        verbose_name_plural = _("异议")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organization", "status"], name="objection_org_status")]

    def __str__(self) -> str:
        return f"{self.notice_id} {self.name_masked}"

    @property
    def name_masked(self) -> str:
        return privacy.mask_name(self.name)

    def get_absolute_url(self) -> str:
        return reverse("notices:objection", args=[self.pk])


class NoticeTransition(TransitionRecord):
    subject_field = "notice"
    statuses = Status

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("公示记录")
        verbose_name_plural = _("公示记录")

    def __str__(self) -> str:
        return f"{self.notice_id} {self.verb}"


class ObjectionTransition(TransitionRecord):
    subject_field = "objection"
    statuses = ObjectionStatus

    objection = models.ForeignKey(Objection, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("异议办理记录")
        verbose_name_plural = _("异议办理记录")

    def __str__(self) -> str:
        return f"{self.objection_id} {self.verb}"
