"""A list export too large to build while the browser waits, built by a background task."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import TimeStampedModel


class SpreadsheetExport(TimeStampedModel):
    """One requested export: which list (its declaration key), with which filters, for whom."""

    class State(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("生成中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    key = models.CharField(_("列表"), max_length=100)
    title = models.CharField(_("名称"), max_length=100)
    params = models.JSONField(_("筛选条件"), default=dict, blank=True)
    is_unmasked = models.BooleanField(_("含敏感信息"), default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    num_rows = models.PositiveIntegerField(_("已写入行数"), default=0)
    # The rows the list held when the file was started, for the progress shown while it runs.
    num_total = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="exports/", blank=True, max_length=255)
    size = models.PositiveBigIntegerField(default=0)
    error = models.CharField(max_length=500, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Excel 导出")
        verbose_name_plural = _("Excel 导出")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["requested_by", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.title} {self.get_state_display()}"
