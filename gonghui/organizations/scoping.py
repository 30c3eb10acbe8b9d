"""Data scope: which records a user may see, as one Q built from their role and organisation.

Every list starts from `Model.objects.visible_to(user)`. Records carry `organization` and a
copy of its materialised path (`org_path`) so that a subtree is one indexed range on the
record's own table, with no join against the organisation tree.
"""

from collections.abc import Callable
from typing import Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _

from .paths import subtree_range

NOTHING = models.Q(pk__in=[])


class DataScope(models.TextChoices):
    ALL = "all", _("全部数据")
    SUBTREE = "subtree", _("本组织及下级")
    ORGANIZATION = "organization", _("仅本组织")
    DEPARTMENT = "department", _("仅本部门")
    SELF = "self", _("仅本人")


class UserScope(Protocol):
    """What scoping reads of a user's scope (accounts builds it as `user.scope`)."""

    data_scope: str
    user_id: int | None
    organization_id: int | None
    org_path: str
    department_id: int | None


def scope_of(user) -> UserScope | None:
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    return user.scope


def _range(path_field: str, path: str, *, indexed: bool) -> models.Q:
    lookup = "within" if indexed else "within_unindexed"
    return models.Q(**{f"{path_field}__{lookup}": subtree_range(path)})


def scope_filter(
    user,
    *,
    path_field: str = "org_path",
    org_field: str = "organization_id",
    department_field: str | None = None,
    own_records: Callable[[UserScope], models.Q] | None = None,
    within: str | None = None,
    indexed: bool = True,
) -> models.Q:
    """The condition for records the user may see.

    `within` narrows to one subtree (a path); the two ranges are intersected here rather than
    ANDed in SQL, so the database sees one tight range. `indexed=False` tells SQLite not to
    drive the query from the path index, for when another condition is far more selective
    (a name search inside a province of a million people). `own_records` gives the records a
    user with the "self" scope owns.
    """
    scope = scope_of(user)
    if scope is None:
        return NOTHING
    if scope.data_scope == DataScope.ALL:
        return _range(path_field, within, indexed=indexed) if within else models.Q()
    if not scope.org_path:
        return NOTHING
    narrowed = models.Q()
    if within and scope.data_scope != DataScope.SUBTREE:
        narrowed = _range(path_field, within, indexed=indexed)
    if scope.data_scope == DataScope.SUBTREE:
        path = scope.org_path
        if within:
            if within.startswith(scope.org_path):
                path = within
            elif not scope.org_path.startswith(within):
                return NOTHING
        return _range(path_field, path, indexed=indexed)
    if scope.data_scope == DataScope.ORGANIZATION:
        return models.Q(**{org_field: scope.organization_id}) & narrowed
    if scope.data_scope == DataScope.DEPARTMENT:
        if department_field and scope.department_id:
            return models.Q(**{department_field: scope.department_id}) & narrowed
        # A record kept at organisation level (no department) is seen by its organisation.
        if not department_field:
            return models.Q(**{org_field: scope.organization_id}) & narrowed
        return NOTHING
    if scope.data_scope == DataScope.SELF:
        return own_records(scope) & narrowed if own_records else NOTHING
    return NOTHING


class ScopedQuerySet(models.QuerySet):
    """QuerySet for records owned by an organisation (fields `organization` and `org_path`)."""

    def visible_to(self, user, *, within=None, indexed: bool = True):
        """Records in the user's scope; `within` (an Organization) narrows to its subtree."""
        model = self.model
        return self.filter(
            scope_filter(
                user,
                department_field=_department_field(model),
                own_records=getattr(model, "own_records", None),
                within=within.path if within is not None else None,
                indexed=indexed,
            )
        )

    def in_subtree(self, organization):
        low, high = subtree_range(organization.path)
        return self.filter(org_path__gte=low, org_path__lt=high)


def _department_field(model) -> str | None:
    name = getattr(model, "scope_department_field", "department")
    if name is None:
        return None
    if name == "pk":
        return "pk"
    try:
        model._meta.get_field(name)
    except Exception:
        return None
    return f"{name}_id"


class OrgScopedModel(models.Model):
    """Abstract base for every record that belongs to an organisation.

    Subclasses may set `scope_department_field` (default "department", None for none) and
    `scope_owner_field` (the user FK that makes a record a user's own, such as "created_by"), or
    override `own_records` when owning means something else.
    """

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("所属组织"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    org_path = models.CharField(max_length=255, db_index=True, editable=False)

    scope_department_field: str | None = "department"
    scope_owner_field: str | None = "created_by"

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # org_path is derived data, kept in step here and re-pathed by move_organization.
        if self.organization_id:
            org = self._state.fields_cache.get("organization")
            if org is not None and org.pk == self.organization_id:
                self.org_path = org.path
            else:
                model = type(self)._meta.get_field("organization").related_model
                self.org_path = model.objects.values_list("path", flat=True).get(
                    pk=self.organization_id
                )
        super().save(*args, **kwargs)

    @classmethod
    def own_records(cls, scope: UserScope) -> models.Q:
        """The records a user with the "self" data scope may see: those they own."""
        if cls.scope_owner_field and scope.user_id:
            return models.Q(**{cls.scope_owner_field: scope.user_id})
        return NOTHING
