"""Organisations in a materialised-path tree, their departments and posts."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import TimeStampedModel

from .paths import depth_of, ids_in, subtree_range
from .scoping import OrgScopedModel, ScopedQuerySet, scope_filter


class OrganizationQuerySet(models.QuerySet):
    def subtree(self, path: str, *, include_self: bool = True):
        low, high = subtree_range(path)
        qs = self.filter(path__gte=low, path__lt=high)
        return qs if include_self else qs.exclude(path=path)

    def visible_to(self, user, *, within=None, indexed: bool = True):
        return self.filter(
            scope_filter(
                user,
                path_field="path",
                org_field="pk",
                within=within.path if within is not None else None,
                indexed=indexed,
            )
        )

    def roots(self):
        return self.filter(parent__isnull=True)


class Organization(TimeStampedModel):
    class Kind(models.TextChoices):
        NATIONAL = "national", _("全国总工会")
        PROVINCIAL = "provincial", _("省总工会")
        CITY = "city", _("市总工会")
        COUNTY = "county", _("县区总工会")
        INDUSTRY = "industry", _("产业工会")
        STATIONED_INDUSTRY = "stationed_industry", _("驻会产业工会")
        GRASSROOTS = "grassroots", _("基层工会")
        DIRECT_UNIT = "direct_unit", _("直属单位")

    name = models.CharField(_("名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    kind = models.CharField(_("类型"), max_length=24, choices=Kind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级组织"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("路径"), max_length=255, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(_("层级"), default=1, editable=False)
    num_children = models.PositiveIntegerField(_("下级数"), default=0, editable=False)
    region = models.CharField(_("所在地区"), max_length=50, blank=True)
    region_code = models.CharField(_("行政区划代码"), max_length=6, blank=True)
    unified_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("有效"), default=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("组织")
        verbose_name_plural = _("组织")
        ordering = ["path"]
        indexes = [models.Index(fields=["parent", "sort_order", "name"])]
        constraints = [
            models.CheckConstraint(condition=~models.Q(path=""), name="organization_path_set"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organizations:detail", args=[self.pk])

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def ancestor_ids(self) -> list[int]:
        return ids_in(self.path)[:-1]

    def is_descendant_of(self, other: "Organization") -> bool:
        return self.path.startswith(other.path)

    def level(self) -> int:
        return depth_of(self.path)


class Department(OrgScopedModel, TimeStampedModel):
    """部室 of an organisation (宣传教育部, 女职工部 …)."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("所属组织"),
        on_delete=models.CASCADE,
        related_name="departments",
    )
    name = models.CharField(_("部门名称"), max_length=100)
    duties = models.TextField(_("职责"), blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    objects = ScopedQuerySet.as_manager()
    scope_department_field = "pk"
    scope_owner_field = None

    class Meta:
        verbose_name = _("部门")
        verbose_name_plural = _("部门")
        ordering = ["organization_id", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="department_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Post(TimeStampedModel):
    """岗位/职务 (主席, 副主席, 部长, 联络员 …); global list, optionally owned by one organisation."""

    name = models.CharField(_("岗位名称"), max_length=50, unique=True)
    is_leadership = models.BooleanField(_("领导岗位"), default=False)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("岗位")
        verbose_name_plural = _("岗位")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name
