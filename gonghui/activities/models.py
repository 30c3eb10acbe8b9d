"""Activities with typed metrics, their photos, and the per-ancestor monthly roll-up for statistics."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import ManagedChoice, TimeStampedModel
from gonghui.organizations.scoping import OrgScopedModel


def fen_to_yuan(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(Decimal("0.01"))


class ActivityType(ManagedChoice):
    """The managed list of activity types (理论学习/读书, 宣讲, 道德讲堂 …)."""

    class Meta(ManagedChoice.Meta):
        verbose_name = _("活动类型")
        verbose_name_plural = _("活动类型")


class ItemUnit(models.TextChoices):
    BOOK = "本", _("本")
    PIECE = "件", _("件")
    COPY = "份", _("份")
    TICKET = "张", _("张")


# Typed metrics: (field, label, unit). Money is kept as integer fen so sums are exact everywhere.
METRICS = [
    ("participants", _("参与人数"), _("人")),
    ("attendances", _("参与人次"), _("人次")),
    ("sessions", _("场次/项目"), _("场")),
    ("money_fen", _("金额"), _("元")),
    ("items", _("物品数量"), ""),
    ("reach", _("浏览量"), _("次")),
    ("awards", _("评选表彰"), _("个")),
]
METRIC_FIELDS = [name for name, _label, _unit in METRICS]


class Activity(OrgScopedModel, TimeStampedModel):
    department = models.ForeignKey(
        "organizations.Department",
        verbose_name=_("组织部门"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    activity_type = models.ForeignKey(
        ActivityType, verbose_name=_("活动类型"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("活动名称"), max_length=200)
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"), null=True, blank=True)
    place = models.CharField(_("地点"), max_length=200, blank=True)
    description = models.TextField(_("活动简介"), blank=True)
    participants = models.PositiveIntegerField(_("参与人数（人）"), default=0)
    attendances = models.PositiveIntegerField(_("参与人次（人次）"), default=0)
    sessions = models.PositiveIntegerField(_("场次/项目数"), default=0)
    money_fen = models.BigIntegerField(_("金额（分）"), default=0)
    items = models.PositiveIntegerField(_("物品数量"), default=0)
    items_unit = models.CharField(
        _("物品单位"), max_length=2, choices=ItemUnit.choices, blank=True, default=""
    )
    reach = models.PositiveIntegerField(_("浏览量（次）"), default=0)
    awards = models.PositiveIntegerField(_("评选表彰（个）"), default=0)
    indicators = models.ManyToManyField(
        "campaigns.CampaignIndicator",
        verbose_name=_("关联测评指标"),
        blank=True,
        related_name="activities",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("活动")
        verbose_name_plural = _("活动")
        ordering = ["-start_date", "-id"]
        indexes = [
            # Subtree + period, and the newest-first list inside a subtree.
            models.Index(fields=["org_path", "start_date"], name="activity_scope_date"),
            models.Index(
                fields=["activity_type", "org_path", "start_date"], name="activity_type_scope"
            ),
            models.Index(fields=["department", "start_date"], name="activity_dept_date"),
            models.Index(fields=["start_date", "id"], name="activity_date_id"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(money_fen__gte=0), name="activity_money_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("activities:detail", args=[self.pk])

    @property
    def money(self) -> Decimal:
        return fen_to_yuan(self.money_fen)

    def metric_values(self) -> dict:
        return {name: getattr(self, name) for name in METRIC_FIELDS}


class ActivityPhoto(TimeStampedModel):
    activity = models.ForeignKey(
        Activity, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="photos"
    )
    file = models.FileField(_("照片"), upload_to="activities/%Y/%m/")
    original_name = models.CharField(_("原文件名"), max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("活动照片")
        verbose_name_plural = _("活动照片")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class ActivityRollup(models.Model):
    """Monthly sums per (ancestor organisation, department, type): statistics of any subtree are
    read from a few hundred rows instead of aggregating up to a million activities.

    Every activity counts once under each organisation on its path. Kept in step by the services
    and rebuilt by `rebuild_rollups()`; plain integer keys (department 0 = none) keep the unique
    key free of NULLs.
    """

    ancestor_id = models.IntegerField()
    department_id = models.IntegerField(default=0)
    activity_type_id = models.IntegerField()
    month = models.DateField()
    num_activities = models.IntegerField(default=0)
    participants = models.BigIntegerField(default=0)
    attendances = models.BigIntegerField(default=0)
    sessions = models.BigIntegerField(default=0)
    money_fen = models.BigIntegerField(default=0)
    items = models.BigIntegerField(default=0)
    reach = models.BigIntegerField(default=0)
    awards = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("活动月度汇总")
        verbose_name_plural = _("活动月度汇总")
        constraints = [
            models.UniqueConstraint(
                fields=["ancestor_id", "month", "activity_type_id", "department_id"],
                name="activity_rollup_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.ancestor_id} {self.month:%Y-%m} {self.activity_type_id}"


class ActivityDailyRollup(models.Model):
    """Daily sums per (ancestor organisation, department, type): the edges of a period that is not
    whole months ("1 January to today"), added to the monthly roll-up of the months in between.
    Kept in step by the same services as ActivityRollup and rebuilt with it."""

    ancestor_id = models.IntegerField()
    department_id = models.IntegerField(default=0)
    activity_type_id = models.IntegerField()
    day = models.DateField()
    num_activities = models.IntegerField(default=0)
    participants = models.BigIntegerField(default=0)
    attendances = models.BigIntegerField(default=0)
    sessions = models.BigIntegerField(default=0)
    money_fen = models.BigIntegerField(default=0)
    items = models.BigIntegerField(default=0)
    reach = models.BigIntegerField(default=0)
    awards = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("活动每日汇总")
        verbose_name_plural = _("活动每日汇总")
        constraints = [
            models.UniqueConstraint(
                fields=["ancestor_id", "day", "activity_type_id", "department_id"],
                name="activity_daily_rollup_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.ancestor_id} {self.day} {self.activity_type_id}"
