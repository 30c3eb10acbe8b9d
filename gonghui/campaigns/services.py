"""Writes: campaigns on a frozen framework copy, task division, grades, rule occurrences, reminders."""

import datetime as dt

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.core import audit, workflow
from gonghui.core.concurrency import claim_version
from gonghui.core.exceptions import PermissionDenied, ValidationFailed
from gonghui.organizations.models import Department, Organization

from . import permissions
from .models import (
    Assignment,
    Campaign,
    CampaignIndicator,
    CampaignRule,
    FrameworkNode,
    FrameworkRule,
    FrameworkVersion,
    Method,
    Notification,
    Progress,
    RuleOccurrence,
)
from .workflow import TRANSITIONS

COPIED_FIELDS = (
    "code",
    "name",
    "level_label",
    "depth",
    "position",
    "full_score",
    "methods",
    "standard",
    "guidance",
    "min_photos",
    "min_chars",
    "max_chars",
    "requires_doc_number",
    "file_types",
    "lead_days",
)
RULE_FIELDS = ("kind", "code", "name", "points", "window_months", "description")


@transaction.atomic
def create_campaign(
    *,
    by,
    organization: Organization,
    version: FrameworkVersion,
    name: str,
    kind: str,
    year: int,
    assessment_date: dt.date,
    start_date: dt.date | None = None,
) -> Campaign:
    """A campaign with its own copy of the framework version, so later edits never rewrite it."""
    if not permissions.can_manage_campaigns_of(by, organization):
        raise PermissionDenied(_("您没有在该组织设立创建活动的权限"))
    campaign = Campaign.objects.create(
        organization=organization,
        name=name,
        kind=kind,
        year=year,
        assessment_date=assessment_date,
        start_date=start_date,
        framework_version=version,
        framework_name=str(version),
        grade_map=dict(version.grade_map),
        created_by=by,
    )
    freeze_framework(campaign=campaign, version=version)
    audit.record(
        by=by,
        action=audit.Action.CREATE,
        target=campaign,
        summary=f"设立创建活动 {name}，测评体系 {version}",
    )
    return campaign


@transaction.atomic
def close_campaign(*, by, campaign: Campaign, note: str = "") -> Campaign:
    """The campaign office ends the campaign: reminders stop, the record stays readable."""
    if not permissions.can_manage_campaign(by, campaign):
        raise PermissionDenied(gettext("您没有结束该创建活动的权限"))
    return workflow.apply(campaign, table=TRANSITIONS, verb="close", by=by, note=note.strip())


def freeze_framework(*, campaign: Campaign, version: FrameworkVersion) -> None:
    nodes = list(FrameworkNode.objects.filter(version=version).order_by("position"))
    parents_with_children = {n.parent_id for n in nodes if n.parent_id}
    copies = [
        CampaignIndicator(
            campaign=campaign,
            source_node_id=n.pk,
            is_leaf=n.pk not in parents_with_children,
            **{f: getattr(n, f) for f in COPIED_FIELDS},
        )
        for n in nodes
    ]
    copy_tree(CampaignIndicator, nodes, copies)
    CampaignRule.objects.bulk_create(
        CampaignRule(campaign=campaign, **{f: getattr(r, f) for f in RULE_FIELDS})
        for r in version.rules.all()
    )


def copy_tree(model, nodes: list, copies: list) -> None:
    """Insert `copies` (one per node, in the same order) and point each at its parent's copy."""
    model.objects.bulk_create(copies)
    by_source = {n.pk: c for n, c in zip(nodes, copies, strict=True)}
    for node, copy in zip(nodes, copies, strict=True):
        if node.parent_id:
            copy.parent_id = by_source[node.parent_id].pk
    model.objects.bulk_update([c for c in copies if c.parent_id], ["parent"])


def _leaves_under(indicators: list[CampaignIndicator]) -> list[CampaignIndicator]:
    """The leaf indicators under the chosen nodes (a chosen leaf is itself)."""
    if not indicators:
        return []
    campaign_id = indicators[0].campaign_id
    everything = list(CampaignIndicator.objects.filter(campaign_id=campaign_id))
    children: dict[int | None, list] = {}
    for ind in everything:
        children.setdefault(ind.parent_id, []).append(ind)
    result: dict[int, CampaignIndicator] = {}

    def walk(node):
        if node.is_leaf:
            result[node.pk] = node
        for child in children.get(node.pk, []):
            walk(child)

    for ind in indicators:
        walk(ind)
    return sorted(result.values(), key=lambda i: i.position)


@transaction.atomic
def assign(
    *,
    by,
    campaign: Campaign,
    indicators: list[CampaignIndicator],
    departments: list[Department] = (),
    organizations: list[Organization] = (),
    leader=None,
    liaison=None,
    deadline: dt.date | None = None,
) -> list[Assignment]:
    """Bulk 分工: every leaf under the chosen indicators to every chosen unit.

    An existing assignment keeps its evidence; its leader, liaison and deadline are updated
    where given.
    """
    if not permissions.can_manage_campaign(by, campaign):
        raise PermissionDenied(_("您没有分解该创建活动任务的权限"))
    if not departments and not organizations:
        raise ValidationFailed(_("请至少选择一个责任部门或责任单位"), field="departments")
    leaves = _leaves_under(indicators)
    if not leaves:
        raise ValidationFailed(_("请至少选择一项指标"), field="indicators")
    if any(i.campaign_id != campaign.pk for i in leaves):
        raise ValidationFailed(_("指标不属于该创建活动"), field="indicators")
    if liaison is not None:
        _check_liaison(campaign, liaison)
    units = [(d.organization, d) for d in departments] + [(o, None) for o in organizations]
    result = []
    for indicator in leaves:
        for org, dept in units:
            found = Assignment.objects.filter(
                indicator=indicator, organization=org, department=dept
            ).first()
            if found is None:
                found = Assignment(
                    campaign=campaign,
                    indicator=indicator,
                    indicator_position=indicator.position,
                    organization=org,
                    department=dept,
                )
            if leader is not None:
                found.leader = leader
            if liaison is not None:
                found.liaison = liaison
            if deadline is not None:
                found.deadline = deadline
            found.save()
            result.append(found)
    audit.record(
        by=by,
        action=audit.Action.UPDATE,
        target=campaign,
        summary=f"分工：{len(leaves)} 项指标 × {len(units)} 个责任单位",
    )
    return result


LIAISON_ROLE = "liaison"


def _check_liaison(campaign: Campaign, liaison) -> None:
    """A task's liaison is an active 联络员 account of the campaign's organisation or of one
    below it, whoever assigns and however the account was chosen (page, API, import)."""
    org = liaison.organization
    if not (
        liaison.is_active
        and liaison.role_id
        and liaison.role.code == LIAISON_ROLE
        and org is not None
        and org.is_descendant_of(campaign.organization)
    ):
        raise ValidationFailed(
            gettext("联络员须为本活动主办组织或其下级组织的联络员账号"), field="liaison"
        )


@transaction.atomic
def unassign(*, by, assignment: Assignment) -> None:
    if not permissions.can_manage_campaign(by, assignment.campaign):
        raise PermissionDenied(_("您没有调整分工的权限"))
    if assignment.status != Progress.NOT_STARTED:
        raise ValidationFailed(_("该任务已有台账资料，不能取消分工"))
    audit.record(by=by, action=audit.Action.DELETE, target=assignment, summary="取消分工")
    assignment.delete()


@transaction.atomic
def set_self_grade(*, by, indicator: CampaignIndicator, grade: str) -> CampaignIndicator:
    campaign = indicator.campaign
    if not permissions.can_manage_campaign(by, campaign):
        raise PermissionDenied(_("您没有自评打分的权限"))
    if grade and grade not in (campaign.grade_map or {}):
        raise ValidationFailed(
            _("等级“%(grade)s”不在该测评体系的等级系数中") % {"grade": grade}, field="grade"
        )
    if not indicator.is_leaf:
        raise ValidationFailed(_("只能对末级指标自评"), field="grade")
    indicator.self_grade = grade
    indicator.save(update_fields=["self_grade"])
    audit.record(
        by=by,
        action=audit.Action.UPDATE,
        target=campaign,
        summary=f"自评 {indicator.code} 为 {grade or '未评'}",
    )
    return indicator


@transaction.atomic
def record_rule_occurrence(
    *, by, rule: CampaignRule, occurred_date: dt.date, occurrences: int = 1, points=None, note=""
) -> RuleOccurrence:
    if not permissions.can_manage_campaign(by, rule.campaign):
        raise PermissionDenied(_("您没有登记加减分事项的权限"))
    if occurrences < 1:
        raise ValidationFailed(_("次数至少为 1"), field="occurrences")
    occurrence = RuleOccurrence.objects.create(
        rule=rule,
        occurred_date=occurred_date,
        occurrences=occurrences,
        points=points,
        note=note,
        recorded_by=by,
    )
    audit.record(
        by=by,
        action=audit.Action.CREATE,
        target=rule.campaign,
        summary=f"登记{rule.get_kind_display()}：{rule.name}",
    )
    return occurrence


def record_progress(
    *,
    assignment_id: int,
    status: str,
    is_complete: bool,
    missing: str,
    num_files: int,
    submitted_at=None,
) -> None:
    """Kept in step by the ledger whenever evidence changes (one UPDATE, no history)."""
    fields = {
        "status": status,
        "is_complete": is_complete,
        "missing": missing[:300],
        "num_files": num_files,
        "updated_at": timezone.now(),
    }
    if submitted_at is not None:
        fields["submitted_at"] = submitted_at
    Assignment.objects.filter(pk=assignment_id).update(**fields)


def notify(*, users, text: str, url: str = "") -> None:
    Notification.objects.bulk_create(
        Notification(user=u, text=text[:300], url=url) for u in users if u is not None
    )


@transaction.atomic
def mark_notifications_read(*, by) -> int:
    return Notification.objects.filter(user=by, read_at__isnull=True).update(read_at=timezone.now())


REMIND_DAYS = 7


@transaction.atomic
def send_deadline_reminders(*, today: dt.date | None = None) -> int:
    """Notify liaisons of tasks due within a week or overdue; at most once a day per task."""
    today = today or timezone.localdate()
    due = (
        Assignment.objects.filter(
            campaign__status=Campaign.Status.ACTIVE,
            deadline__lte=today + dt.timedelta(days=REMIND_DAYS),
        )
        .exclude(status__in=[Progress.SUBMITTED, Progress.APPROVED])
        .exclude(reminded_on=today)
        .select_related("indicator", "department", "campaign")
    )
    notes = []
    reminded = []
    dept_liaisons: dict[int, list] = {}
    for a in due:
        recipients = [a.liaison] if a.liaison_id else []
        if not recipients and a.department_id:
            if a.department_id not in dept_liaisons:
                dept_liaisons[a.department_id] = list(
                    User.objects.filter(
                        department_id=a.department_id, role__code="liaison", is_active=True
                    )
                )
            recipients = dept_liaisons[a.department_id]
        if a.deadline < today:
            text = f"【已逾期】{a.campaign.name}：{a.indicator.code} {a.indicator.name} 已超过完成时限 {a.deadline:%Y-%m-%d}"
        else:
            text = f"【即将到期】{a.campaign.name}：{a.indicator.code} {a.indicator.name} 须在 {a.deadline:%Y-%m-%d} 前完成"
        url = reverse("ledger:item_for_assignment", args=[a.pk])
        notes.extend(Notification(user=u, text=text[:300], url=url) for u in recipients)
        reminded.append(a.pk)
    Notification.objects.bulk_create(notes)
    Assignment.objects.filter(pk__in=reminded).update(reminded_on=today)
    return len(notes)


# --- framework editing -----------------------------------------------------------------

NODE_COPY_FIELDS = (*COPIED_FIELDS, "depth", "position")


def _check_framework_admin(by) -> None:
    if not permissions.can_manage_frameworks(by):
        raise PermissionDenied(_("您没有维护测评体系的权限"))


def _check_unlocked(version: FrameworkVersion) -> None:
    if version.campaigns.exists():
        raise ValidationFailed(_("该版本已被创建活动使用，请复制为新版本后修改"))


@transaction.atomic
def copy_version(*, by, version: FrameworkVersion, label: str, notes: str = "") -> FrameworkVersion:
    """A new editable version with the same tree, rules and grade map (a used one stays as it is)."""
    _check_framework_admin(by)
    label = label.strip()
    if not label:
        raise ValidationFailed(_("请填写新版本号"), field="label")
    if FrameworkVersion.objects.filter(framework=version.framework, label=label).exists():
        raise ValidationFailed(
            _("版本“%(label)s”已存在，请换一个版本号") % {"label": label}, field="label"
        )
    copy = FrameworkVersion.objects.create(
        framework=version.framework,
        label=label,
        grade_map=dict(version.grade_map),
        notes=notes.strip() or f"复制自 {version.label}",
        is_example=version.is_example,
        source="copy",
        created_by=by,
    )
    nodes = list(FrameworkNode.objects.filter(version=version).order_by("position", "pk"))
    copies = [
        FrameworkNode(version=copy, **{f: getattr(n, f) for f in NODE_COPY_FIELDS}) for n in nodes
    ]
    copy_tree(FrameworkNode, nodes, copies)
    FrameworkRule.objects.bulk_create(
        FrameworkRule(version=copy, **{f: getattr(r, f) for f in RULE_FIELDS})
        for r in version.rules.all()
    )
    audit.record(
        by=by,
        action=audit.Action.CREATE,
        target=copy,
        summary=f"复制测评体系 {version} 为新版本 {label}",
    )
    return copy


def _subtree_end(version: FrameworkVersion, parent: FrameworkNode | None) -> int:
    """The last position inside `parent`'s subtree (or of the whole tree for a root node)."""
    nodes = list(
        FrameworkNode.objects.filter(version=version).values_list("pk", "parent_id", "position")
    )
    if parent is None:
        return max((p for _pk, _parent, p in nodes), default=0)
    children: dict[int, list] = {}
    for pk, parent_id, _position in nodes:
        children.setdefault(parent_id, []).append(pk)
    position_of = {pk: p for pk, _parent, p in nodes}
    end, stack = position_of[parent.pk], [parent.pk]
    while stack:
        for child in children.get(stack.pop(), []):
            end = max(end, position_of[child])
            stack.append(child)
    return end


@transaction.atomic
def add_node(
    *, by, version: FrameworkVersion, parent: FrameworkNode | None = None, **fields
) -> FrameworkNode:
    """A node appended as the last child of `parent` (or as the last top-level item)."""
    _check_framework_admin(by)
    version = FrameworkVersion.objects.select_for_update().get(pk=version.pk)
    _check_unlocked(version)
    if parent is not None and parent.version_id != version.pk:
        raise ValidationFailed(_("上级指标不属于该版本"), field="parent")
    code = (fields.get("code") or "").strip()
    if not code or not (fields.get("name") or "").strip():
        raise ValidationFailed(_("请填写编号和名称"), field="code")
    if FrameworkNode.objects.filter(version=version, code=code).exists():
        raise ValidationFailed(_("编号“%(code)s”在该版本中已存在") % {"code": code}, field="code")
    _check_methods(fields.get("methods") or [])
    position = _subtree_end(version, parent) + 1
    FrameworkNode.objects.filter(version=version, position__gte=position).update(
        position=F("position") + 1
    )
    node = FrameworkNode.objects.create(
        version=version,
        parent=parent,
        depth=parent.depth + 1 if parent else 1,
        position=position,
        **{**fields, "code": code},
    )
    audit.record(
        by=by,
        action=audit.Action.CREATE,
        target=version,
        summary=f"新增指标 {node}" + (f"（上级 {parent.code}）" if parent else ""),
    )
    return node


@transaction.atomic
def update_node(*, by, node: FrameworkNode, version: str | None = None, **fields) -> FrameworkNode:
    """Edit one node's own fields. The framework version is the unit of editing: its version
    guards every node, so two admins editing one version never overwrite each other."""
    _check_framework_admin(by)
    framework_version = FrameworkVersion.objects.select_for_update().get(pk=node.version_id)
    _check_unlocked(framework_version)
    claim_version(framework_version, version, touch=True)
    code = (fields.get("code") or "").strip()
    if not code or not (fields.get("name") or "").strip():
        raise ValidationFailed(_("请填写编号和名称"), field="code")
    taken = FrameworkNode.objects.filter(version=framework_version, code=code).exclude(pk=node.pk)
    if taken.exists():
        raise ValidationFailed(_("编号“%(code)s”在该版本中已存在") % {"code": code}, field="code")
    _check_methods(fields.get("methods") or [])
    node = FrameworkNode.objects.get(pk=node.pk)
    for key, value in {**fields, "code": code}.items():
        setattr(node, key, value)
    node.save()
    audit.record(
        by=by, action=audit.Action.UPDATE, target=framework_version, summary=f"修改指标 {node}"
    )
    return node


def _check_methods(methods) -> None:
    bad = [m for m in methods if m not in Method.values]
    if bad:
        raise ValidationFailed(
            _("未知的测评方法：%(choices)s") % {"choices": "、".join(bad)}, field="methods"
        )


@transaction.atomic
def delete_node(*, by, node: FrameworkNode) -> int:
    """Delete the node with everything under it; returns how many nodes went."""
    _check_framework_admin(by)
    version = FrameworkVersion.objects.select_for_update().get(pk=node.version_id)
    _check_unlocked(version)
    summary = f"删除指标 {node}"
    _, by_model = FrameworkNode.objects.filter(pk=node.pk).delete()
    count = by_model.get(FrameworkNode._meta.label, 0)
    audit.record(
        by=by,
        action=audit.Action.DELETE,
        target=version,
        summary=summary + (f"及其下 {count - 1} 项" if count > 1 else ""),
    )
    return count
