"""Writes to the organisation tree: create, edit, move (re-paths the subtree atomically)."""

from django.apps import apps
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from gonghui.core import audit
from gonghui.core.chinese import to_simplified
from gonghui.core.concurrency import claim_version
from gonghui.core.exceptions import PermissionDenied, ValidationFailed

from .models import Department, Organization
from .paths import child_path, depth_of, segment, subtree_range
from .permissions import can_manage_organization
from .scoping import OrgScopedModel

ORG_FIELDS = (
    "name",
    "short_name",
    "kind",
    "region",
    "region_code",
    "unified_code",
    "address",
    "phone",
    "sort_order",
    "is_active",
)


def _clean_name(name: str) -> str:
    name = to_simplified((name or "").strip())
    if not name:
        raise ValidationFailed(_("请填写名称"), field="name")
    return name


@transaction.atomic
def create_organization(*, by, parent: Organization | None, name: str, kind: str, **fields):
    if parent is None:
        if not by.is_superuser:
            raise PermissionDenied(_("只有系统管理员可以创建顶级组织"))
    elif not can_manage_organization(by, parent):
        raise PermissionDenied(_("您无权在该组织下新建下级组织"))
    org = Organization(parent=parent, name=_clean_name(name), kind=kind)
    for key, value in fields.items():
        if key not in ORG_FIELDS:
            raise ValidationFailed(_("未知字段：%(key)s") % {"key": key})
        setattr(org, key, value)
    # The path needs the id: reserve it with a unique placeholder, then write the real path.
    org.path = f"new-{id(org)}"
    org.save()
    org.path = child_path(parent.path if parent else "", org.pk)
    org.depth = depth_of(org.path)
    org.save(update_fields=["path", "depth"])
    if parent is not None:
        Organization.objects.filter(pk=parent.pk).update(num_children=F("num_children") + 1)
    audit.record(by=by, action=audit.Action.CREATE, target=org, summary=f"新建组织 {org.name}")
    return org


@transaction.atomic
def update_organization(
    *, by, organization: Organization, version: str | None = None, **fields
) -> Organization:
    if not can_manage_organization(by, organization):
        raise PermissionDenied(_("您无权修改该组织"))
    claim_version(organization, version)
    changed = {}
    for key, value in fields.items():
        if key not in ORG_FIELDS:
            raise ValidationFailed(_("未知字段：%(key)s") % {"key": key})
        if key == "name":
            value = _clean_name(value)
        if getattr(organization, key) != value:
            changed[key] = [str(getattr(organization, key)), str(value)]
            setattr(organization, key, value)
    if changed:
        organization.save(update_fields=[*changed.keys(), "updated_at"])
        audit.record(
            by=by,
            action=audit.Action.UPDATE,
            target=organization,
            summary=f"修改组织 {organization.name}",
            details={"changed": changed},
        )
    return organization


def scoped_models() -> list[type]:
    """Every concrete model that keeps a copy of its organisation's path."""
    return [
        m
        for m in apps.get_models()
        if issubclass(m, OrgScopedModel) and not m._meta.abstract and not m._meta.proxy
    ]


@transaction.atomic
def move_organization(*, by, organization: Organization, new_parent: Organization) -> Organization:
    """Move a node and its whole subtree under `new_parent`; every path changes in one go."""
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    if not can_manage_organization(by, org) or not can_manage_organization(by, new_parent):
        raise PermissionDenied(_("您无权移动该组织或移动到目标组织下"))
    if org.parent_id is None:
        raise ValidationFailed(_("不能移动顶级组织"), field="parent")
    if new_parent.path.startswith(org.path):
        raise ValidationFailed(_("不能把组织移动到它自己或它的下级组织之下"), field="parent")
    if new_parent.pk == org.parent_id:
        return org
    old_path = org.path
    new_path = new_parent.path + segment(org.pk)
    old_parent_id = org.parent_id
    cut = len(old_path) + 1  # Substr is 1-based
    low, high = subtree_range(old_path)
    Organization.objects.filter(path__gte=low, path__lt=high).update(
        path=Concat(Value(new_path), Substr("path", cut)),
        depth=F("depth") - depth_of(old_path) + depth_of(new_path),
    )
    Organization.objects.filter(pk=org.pk).update(parent=new_parent)
    for model in scoped_models():
        model._base_manager.filter(org_path__gte=low, org_path__lt=high).update(
            org_path=Concat(Value(new_path), Substr("org_path", cut))
        )
    Organization.objects.filter(pk=old_parent_id).update(num_children=F("num_children") - 1)
    Organization.objects.filter(pk=new_parent.pk).update(num_children=F("num_children") + 1)
    audit.record(
        by=by,
        action=audit.Action.MOVE,
        target=org,
        summary=f"移动组织 {org.name}",
        details={"from": old_path, "to": new_path},
        org_path=new_path,
    )
    org.refresh_from_db()
    return org


@transaction.atomic
def create_department(*, by, organization: Organization, name: str, duties: str = "", sort_order=0):
    if not can_manage_organization(by, organization):
        raise PermissionDenied(_("您无权为该组织设置部门"))
    name = _clean_name(name)
    if Department.objects.filter(organization=organization, name=name).exists():
        raise ValidationFailed(_("该组织已有名为“%(name)s”的部门") % {"name": name}, field="name")
    dept = Department.objects.create(
        organization=organization, name=name, duties=duties, sort_order=sort_order
    )
    audit.record(by=by, action=audit.Action.CREATE, target=dept, summary=f"新建部门 {name}")
    return dept


@transaction.atomic
def update_department(*, by, department: Department, name: str, duties: str, sort_order: int):
    if not can_manage_organization(by, department.organization):
        raise PermissionDenied(_("您无权修改该部门"))
    name = _clean_name(name)
    if (
        Department.objects.filter(organization_id=department.organization_id, name=name)
        .exclude(pk=department.pk)
        .exists()
    ):
        raise ValidationFailed(_("该组织已有名为“%(name)s”的部门") % {"name": name}, field="name")
    department.name, department.duties, department.sort_order = name, duties, sort_order
    department.save(update_fields=["name", "duties", "sort_order", "updated_at"])
    audit.record(by=by, action=audit.Action.UPDATE, target=department, summary=f"修改部门 {name}")
    return department
