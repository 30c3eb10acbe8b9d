"""Generated reports: the kind, the parameters they were generated with, the draft text as the
office edited it, the figures the text states, and the rendered files."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import TimeStampedModel
from gonghui.organizations.scoping import OrgScopedModel


class GeneratedReport(OrgScopedModel, TimeStampedModel):
    class Kind(models.TextChoices):
        NEWS = "news", _("月度工作新闻稿")
        SUMMARY = "summary", _("工作总结")
        ANNEX = "annex", _("统计附表")

    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("标题"), max_length=200)
    parameters = models.JSONField(_("生成参数"), default=dict)
    text = models.TextField(_("正文"), blank=True)
    # The figures the text states, as [label, value, unit] (the round trip checks them).
    figures = models.JSONField(_("数据"), default=list)
    file = models.FileField(_("Word 文件"), upload_to="reports/%Y/%m/", blank=True, max_length=255)
    annex = models.FileField(_("统计附表"), upload_to="reports/%Y/%m/", blank=True, max_length=255)
    pdf = models.FileField(_("PDF 文件"), upload_to="reports/%Y/%m/", blank=True, max_length=255)
    generated_at = models.DateTimeField(_("生成时间"))
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("生成人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    edited_at = models.DateTimeField(_("修改时间"), null=True, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("修改人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    scope_department_field = None
    scope_owner_field = "generated_by"

    class Meta:
        verbose_name = _("生成的报告")
        verbose_name_plural = _("生成的报告")
        ordering = ["-generated_at", "-pk"]
        indexes = [models.Index(fields=["org_path", "generated_at"], name="report_scope_date")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/reports/{self.pk}/"
