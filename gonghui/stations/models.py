"""Stations (工会驿站, 职工书屋, 心灵驿站 …): kinds and services as managed data, the station
registry with WGS-84 coordinates and a grid cell for index-backed nearest lookups; photos,
monthly usage counts (人次) and the yearly 星级评定 inspection against a managed checklist."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import ManagedChoice, TimeStampedModel
from gonghui.core.privacy import mask_phone
from gonghui.organizations.scoping import OrgScopedModel

from . import coords, hours


class StationKind(ManagedChoice):
    """The managed list of kinds (工会驿站 / 户外劳动者服务站点 / 职工书屋 / 心灵驿站 / 职工之家)."""

    class Meta(ManagedChoice.Meta):
        verbose_name = _("阵地类型")
        verbose_name_plural = _("阵地类型")


class StationService(ManagedChoice):
    """The managed checklist of services (饮水, 休息, 热饭, 充电, 如厕 …)."""

    class Meta(ManagedChoice.Meta):
        verbose_name = _("服务项目")
        verbose_name_plural = _("服务项目")


class Station(OrgScopedModel, TimeStampedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("筹建")
        OPEN = "open", _("运营")
        SUSPENDED = "suspended", _("暂停")
        CLOSED = "closed", _("撤销")

    scope_department_field = None

    code = models.CharField(_("编号"), max_length=32)
    # The province's path (its first two segments): codes are unique per province.
    province_path = models.CharField(max_length=16, editable=False)
    name = models.CharField(_("名称"), max_length=100)
    kind = models.ForeignKey(
        StationKind, verbose_name=_("类型"), on_delete=models.PROTECT, related_name="+"
    )
    host_unit = models.CharField(_("建设单位"), max_length=100, blank=True)
    district = models.CharField(_("所在区县"), max_length=50, blank=True, db_index=True)
    address = models.CharField(_("地址"), max_length=200)
    latitude = models.FloatField(_("纬度（WGS-84）"))
    longitude = models.FloatField(_("经度（WGS-84）"))
    cell = models.BigIntegerField(editable=False)
    services = models.ManyToManyField(
        StationService, verbose_name=_("服务项目"), blank=True, related_name="+"
    )
    opening_hours = models.JSONField(_("开放时间"), default=list, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=30, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.OPEN)
    opened_date = models.DateField(_("建成日期"), null=True, blank=True)
    note = models.TextField(_("内部备注"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("工会驿站")
        verbose_name_plural = _("工会驿站")
        ordering = ["org_path", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["province_path", "code"], name="station_code_unique_in_province"
            )
        ]
        indexes = [
            # Nearest lookups: a range of cells per grid row, then only open stations. Status has
            # no index of its own, so a planner without statistics cannot prefer it to this one.
            models.Index(fields=["cell", "status"], name="station_cell_status"),
            models.Index(fields=["org_path", "code"], name="station_org_code"),
            # Counts per status over a subtree (dashboards, statistics) read the index alone.
            models.Index(fields=["org_path", "status"], name="station_org_status"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # The grid cell is derived from the coordinates, like org_path from the organisation.
        self.cell = coords.cell_of(self.latitude, self.longitude)
        super().save(*args, **kwargs)

    @property
    def hours_label(self) -> str:
        return hours.format_hours(self.opening_hours)

    def is_open_at(self, at) -> bool:
        return self.status == self.Status.OPEN and hours.is_open_at(self.opening_hours, at)

    @property
    def masked_contact_phone(self) -> str:
        return mask_phone(self.contact_phone)

    @property
    def gcj02(self) -> tuple[float, float]:
        return coords.wgs84_to_gcj02(self.latitude, self.longitude)


class StationPhoto(TimeStampedModel):
    """A photo of a station (shown on its staff and public pages) or, with an inspection, one
    taken by the inspector (staff only). Content-checked as JPEG or PNG when stored."""

    station = models.ForeignKey(
        Station, verbose_name=_("驿站"), on_delete=models.CASCADE, related_name="photos"
    )
    inspection = models.ForeignKey(
        "Inspection",
        verbose_name=_("星级评定"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="photos",
    )
    file = models.FileField(_("照片"), upload_to="stations/photos/", max_length=200)
    caption = models.CharField(_("说明"), max_length=100, blank=True)
    original_name = models.CharField(_("原文件名"), max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("驿站照片")
        verbose_name_plural = _("驿站照片")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.caption or self.original_name


class StationUsage(TimeStampedModel):
    """How many people (人次) a station served in one month, entered or imported."""

    station = models.ForeignKey(
        Station, verbose_name=_("驿站"), on_delete=models.CASCADE, related_name="usage"
    )
    month = models.DateField(_("月份"), help_text=_("当月第一天"))
    visits = models.PositiveIntegerField(_("服务人次"))
    note = models.CharField(_("备注"), max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填报人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("驿站月度服务人次")
        verbose_name_plural = _("驿站月度服务人次")
        ordering = ["station", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["station", "month"], name="station_usage_one_per_month")
        ]
        indexes = [models.Index(fields=["month", "station"], name="station_usage_month")]

    def __str__(self) -> str:
        return f"{self.station} {self.month:%Y-%m}"


class InspectionItem(ManagedChoice):
    """The managed checklist of the yearly 星级评定 (标识标牌, 设施设备, 服务项目 …), each with the
    points it is worth."""

    max_score = models.PositiveSmallIntegerField(
        _("分值"), default=10, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    guidance = models.CharField(_("评分要点"), max_length=200, blank=True)

    class Meta(ManagedChoice.Meta):
        verbose_name = _("星级评定检查项")
        verbose_name_plural = _("星级评定检查项")


class Inspection(TimeStampedModel):
    """A station's yearly 星级评定 / inspection: the checklist's scores, the total and the star
    level it earns, who inspected and when. One per station and year."""

    station = models.ForeignKey(
        Station, verbose_name=_("驿站"), on_delete=models.CASCADE, related_name="inspections"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    inspected_on = models.DateField(_("检查日期"))
    inspector = models.CharField(_("检查人"), max_length=60)
    # [{"item": id, "code": …, "name": …, "max": n, "score": n}], the checklist as it was.
    results = models.JSONField(_("检查结果"), default=list)
    score = models.PositiveSmallIntegerField(_("得分"))
    max_score = models.PositiveSmallIntegerField(_("满分"))
    stars = models.PositiveSmallIntegerField(
        _("星级"), validators=[MinValueValidator(0), MaxValueValidator(5)]
    )
    note = models.TextField(_("检查意见"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("星级评定")
        verbose_name_plural = _("星级评定")
        ordering = ["-year", "station"]
        constraints = [
            models.UniqueConstraint(fields=["station", "year"], name="station_inspection_per_year")
        ]
        indexes = [models.Index(fields=["year", "station"], name="station_inspection_year")]

    def __str__(self) -> str:
        return f"{self.station} {self.year}"

    @property
    def stars_label(self) -> str:
        return "★" * self.stars + "☆" * (5 - self.stars)
