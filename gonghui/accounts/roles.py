"""The standard roles of PRODUCT.md with their data scope and permissions (idempotent setup)."""

from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils.translation import gettext_noop

from gonghui.core.registry import app_modules
from gonghui.organizations.scoping import DataScope

from .models import Role

# code: (name, data scope, [app_label.codename, ...], description)
ROLE_DEFINITIONS: dict[str, tuple[str, str, list[str], str]] = {
    "campaign_admin": (
        gettext_noop("创建办管理员"),
        DataScope.SUBTREE,
        [
            "organizations.add_organization",
            "organizations.change_organization",
            "organizations.add_department",
            "organizations.change_department",
            "people.add_person",
            "people.change_person",
            "core.view_auditentry",
        ],
        "设置创建活动和测评体系、分解任务、主持月度汇报会、生成报告",
    ),
    "leader": (
        gettext_noop("领导"),
        DataScope.SUBTREE,
        [],
        "查看进度和差距，审核点评各部门提交的资料",
    ),
    "liaison": (
        gettext_noop("部门联络员"),
        DataScope.DEPARTMENT,
        [],
        "上传创建资料、登记活动、提交月度汇报",
    ),
    "grassroots_admin": (
        gettext_noop("基层工会管理员"),
        DataScope.SUBTREE,
        [
            "organizations.add_organization",
            "organizations.change_organization",
            "organizations.add_department",
            "organizations.change_department",
            "people.add_person",
            "people.change_person",
            "core.view_auditentry",
        ],
        "管理本工会及下级的组织、人员和创建工作",
    ),
    "assistance_officer": (
        gettext_noop("帮扶专员"),
        DataScope.SUBTREE,
        ["people.view_person", "people.change_person", "core.view_sensitive"],
        "维护困难职工档案（敏感个人信息）",
    ),
    "hotline_operator": (
        gettext_noop("热线坐席"),
        DataScope.SUBTREE,
        [],
        "接听12351职工服务热线，登记职工诉求",
    ),
    "data_entry": (
        gettext_noop("录入员"),
        DataScope.SUBTREE,
        [],
        "录入和导入纸质问卷",
    ),
}


def app_role_permissions() -> dict[str, set[str]]:
    """Each app may add to the roles with `ROLE_PERMISSIONS = {role code: [perm, ...]}` in
    its own `roles.py`, so the permissions of a domain stay next to that domain."""
    merged: dict[str, set[str]] = {}
    for config, module in app_modules("roles"):
        if config.name == "gonghui.accounts":
            continue
        for code, perms in getattr(module, "ROLE_PERMISSIONS", {}).items():
            merged.setdefault(code, set()).update(perms)
    return merged


@transaction.atomic
def ensure_roles() -> dict[str, Role]:
    roles = {}
    extra = app_role_permissions()
    for code, (name, scope, perms, description) in ROLE_DEFINITIONS.items():
        role, _ = Role.objects.update_or_create(
            code=code, defaults={"name": name, "data_scope": scope, "description": description}
        )
        wanted = set(perms) | extra.get(code, set())
        objects = []
        for label in sorted(wanted):
            app_label, codename = label.split(".", 1)
            perm = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if perm is not None:
                objects.append(perm)
        role.permissions.set(objects)
        roles[code] = role
    return roles
