"""Stations (工会驿站, 职工书屋, 心灵驿站 …): kinds and services as managed data, the station
registry with WGS-84 coordinates and a grid cell for index-backed nearest lookups."""

from django.conf import settings
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
