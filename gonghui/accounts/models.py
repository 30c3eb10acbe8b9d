"""Users belong to an organisation (and maybe a department) and hold one role with a data scope."""

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractUser, Permission
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import TimeStampedModel
from gonghui.organizations.scoping import DataScope


class Role(TimeStampedModel):
    """创建办管理员, 领导, 联络员, 基层工会管理员, 帮扶专员 …: permissions plus a data scope."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("角色名称"), max_length=50, unique=True)
    data_scope = models.CharField(
        _("数据范围"), max_length=16, choices=DataScope.choices, default=DataScope.SUBTREE
    )
    permissions = models.ManyToManyField(
        Permission, verbose_name=_("权限"), blank=True, related_name="roles"
    )
    description = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("角色")
        verbose_name_plural = _("角色")
        ordering = ["pk"]

    def __str__(self) -> str:
        # Standard role names are in the message catalogue (marked in roles.py), so they follow
        # the user's language; a role an administrator named differently shows as named.
        return gettext(self.name)


@dataclass(frozen=True)
class Scope:
    """A user's data scope, read by every `visible_to` (organizations.scoping.UserScope); the
    person id lets people read their own record under the "self" scope."""

    data_scope: str
    user_id: int | None
    organization_id: int | None
    org_path: str
    department_id: int | None
    person_id: int | None


class User(AbstractUser):
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("所属组织"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    department = models.ForeignKey(
        "organizations.Department",
        verbose_name=_("部门"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
    )
    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("人员"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
    )
    role = models.ForeignKey(
        Role,
        verbose_name=_("角色"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    display_name = models.CharField(_("显示名称"), max_length=50, blank=True)
    # Set whenever the user's own permissions change (accounts.signals): with the role's
    # updated_at it keys the permissions each site process keeps (accounts.backends).
    permissions_changed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.display_name or self.username

    @cached_property
    def scope(self) -> Scope:
        if self.is_superuser:
            data_scope = DataScope.ALL
        elif self.role_id:
            data_scope = self.role.data_scope
        else:
            data_scope = DataScope.SELF
        org_path = self.organization.path if self.organization_id else ""
        return Scope(
            data_scope=data_scope,
            user_id=self.pk,
            organization_id=self.organization_id,
            org_path=org_path,
            department_id=self.department_id,
            person_id=self.person_id,
        )


def token_lifetime() -> dt.timedelta:
    """How long a new API token lives (GONGHUI_API_TOKEN_DAYS, 90 days unless configured)."""
    return dt.timedelta(days=settings.GONGHUI_API_TOKEN_DAYS)


class ApiToken(TimeStampedModel):
    """A bearer token for apps and mini-programs; only its hash is stored. Every token expires."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("名称"), max_length=50)
    prefix = models.CharField(max_length=8, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    expires_at = models.DateTimeField(_("过期时间"))

    class Meta:
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    def is_expired(self, now: dt.datetime | None = None) -> bool:
        return self.expires_at <= (now or timezone.now())

    @classmethod
    def generate(cls, *, user: User, name: str) -> tuple["ApiToken", str]:
        key = "gh_" + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            name=name,
            prefix=key[:8],
            key_hash=cls.hash_key(key),
            expires_at=timezone.now() + token_lifetime(),
        )
        return token, key
