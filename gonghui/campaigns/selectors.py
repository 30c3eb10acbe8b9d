"""Reads: campaigns and frameworks in scope, the indicator tree, my tasks, 回头看 and scores."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.exceptions import ValidationFailed
from gonghui.organizations.models import Department, Organization
from gonghui.organizations.scoping import DataScope, scope_of
from gonghui.people.models import Person

from .models import (
    Assignment,
    Campaign,
    CampaignIndicator,
    CampaignRule,
    Framework,
    FrameworkNode,
    FrameworkRule,
    FrameworkVersion,
    Notification,
    Progress,
)
from .permissions import can_manage_campaign
from .scheduling import Schedule, behind_schedule, schedule_for
from .scoring import CampaignScore, TaskProgress, campaign_score

DONE = (Progress.SUBMITTED, Progress.APPROVED)


def campaigns_for_user(user):
    """Campaigns of organisations in scope, plus those in which the user's units hold tasks."""
    own = Campaign.objects.visible_to(user)
    tasked = Assignment.objects.visible_to(user).values("campaign_id")
    return (
        Campaign.objects.filter(Q(pk__in=own.values("pk")) | Q(pk__in=tasked))
        .select_related("organization")
        .order_by("-year", "name", "pk")
    )


def get_campaign_for_user(user, pk, *, for_write: bool = False) -> Campaign:
    try:
        campaign = campaigns_for_user(user).get(pk=pk)
    except (Campaign.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("创建活动不存在或无权访问")) from exc
    if for_write and not can_manage_campaign(user, campaign):
        raise Http404(_("创建活动不存在或无权访问"))
    return campaign


def get_indicator_for_user(user, pk) -> CampaignIndicator:
    indicator = CampaignIndicator.objects.select_related("campaign").filter(pk=pk).first()
    if indicator is None:
        raise Http404(_("指标不存在或无权访问"))
    get_campaign_for_user(user, indicator.campaign_id)
    return indicator


def frameworks_for_user(user):
    if not user.is_authenticated:
        return Framework.objects.none()
    return Framework.objects.prefetch_related("versions").order_by("name")


def get_version_for_user(user, pk) -> FrameworkVersion:
    if not user.is_authenticated:
        raise Http404(_("测评体系不存在"))
    try:
        return FrameworkVersion.objects.select_related("framework").get(pk=pk)
    except (FrameworkVersion.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("测评体系不存在")) from exc


def framework_versions_for_user(user) -> list[FrameworkVersion]:
    if not user.is_authenticated:
        return []
    return list(FrameworkVersion.objects.select_related("framework").order_by("framework_id", "pk"))


def get_node_for_user(user, pk) -> FrameworkNode:
    """A node of any framework version (frameworks are shared by every organisation)."""
    if not user.is_authenticated:
        raise Http404(_("指标不存在"))
    found = FrameworkNode.objects.select_related("version").filter(pk=pk).first()
    if found is None:
        raise Http404(_("指标不存在"))
    return found


def get_node_of(version: FrameworkVersion, pk) -> FrameworkNode:
    """One node of this version; 404 for a node of another version or none."""
    found = FrameworkNode.objects.filter(version=version, pk=pk).first()
    if found is None:
        raise Http404(_("指标不存在"))
    return found


def version_nodes(version: FrameworkVersion) -> list[FrameworkNode]:
    return list(version.nodes.order_by("position"))


def version_rules(version: FrameworkVersion) -> list[FrameworkRule]:
    return list(version.rules.all())


def num_campaigns_using(version: FrameworkVersion) -> int:
    """How many campaigns copied this version; one or more locks it against edits."""
    return version.campaigns.count()


def is_version_locked(version: FrameworkVersion) -> bool:
    return version.campaigns.exists()


def campaign_rules(campaign) -> list[CampaignRule]:
    """The campaign's scoring rules with the occurrences recorded against them."""
    return list(CampaignRule.objects.filter(campaign=campaign).prefetch_related("occurrences"))


def get_campaign_rule(campaign, pk) -> CampaignRule:
    try:
        return CampaignRule.objects.get(campaign=campaign, pk=pk)
    except (CampaignRule.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("规则不存在")) from exc


def get_campaign_indicator(campaign, pk) -> CampaignIndicator:
    try:
        return CampaignIndicator.objects.get(campaign=campaign, pk=pk)
    except (CampaignIndicator.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("指标不存在")) from exc


def indicators_by_ids(campaign, ids, *, field: str = "indicator_ids") -> list[CampaignIndicator]:
    """The campaign's indicators named by `ids`; any id of another campaign or none fails."""
    found = list(CampaignIndicator.objects.filter(campaign=campaign, pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationFailed(_("指标不属于该创建活动"), field=field)
    return found


def indicator_tree(campaign) -> list[CampaignIndicator]:
    return list(CampaignIndicator.objects.filter(campaign=campaign).order_by("position"))


def assignments_of(campaign, user):
    return (
        Assignment.objects.visible_to(user)
        .filter(campaign=campaign)
        .select_related("indicator", "department", "organization", "leader", "liaison")
    )


# --- my tasks --------------------------------------------------------------------------


def my_tasks(user):
    """Tasks of the user as liaison, of their department, or (admins) of their organisation."""
    qs = Assignment.objects.filter(campaign__status=Campaign.Status.ACTIVE)
    if user.department_id:
        qs = qs.filter(Q(liaison=user) | Q(department_id=user.department_id))
    else:
        qs = qs.filter(Q(liaison=user) | Q(organization_id=user.organization_id, department=None))
    return (
        qs.filter(pk__in=Assignment.objects.visible_to(user).values("pk"))
        .select_related("indicator", "department", "organization", "campaign", "liaison")
        .order_by("deadline", "campaign_id", "indicator_position")
    )


def unread_notifications(user, *, limit: int = 20):
    return list(Notification.objects.filter(user=user, read_at__isnull=True)[:limit])


# --- 回头看 -----------------------------------------------------------------------------


@dataclass
class LookbackFilter:
    department_id: int | None = None
    organization_id: int | None = None
    leader_id: int | None = None
    status: str = ""  # a Progress value or "overdue"
    q: str = ""


BADGES = {
    "approved": "ok",
    "overdue": "bad",
    "returned": "bad",
    "submitted": "info",
    "in_progress": "warn",
}


@dataclass
class LookbackRow:
    assignment: Assignment
    status: str
    status_label: str
    schedule: Schedule
    behind: str

    @property
    def indicator(self):
        return self.assignment.indicator

    @property
    def badge(self) -> str:
        return BADGES.get(self.status, "")


def lookback_queryset(campaign, user, filters: LookbackFilter | None = None, *, today=None):
    filters = filters or LookbackFilter()
    today = today or timezone.localdate()
    qs = assignments_of(campaign, user)
    if filters.department_id:
        qs = qs.filter(department_id=filters.department_id)
    if filters.organization_id:
        qs = qs.filter(organization_id=filters.organization_id, department=None)
    if filters.leader_id:
        qs = qs.filter(leader_id=filters.leader_id)
    if filters.status == "overdue":
        qs = qs.filter(deadline__lt=today).exclude(status__in=DONE)
    elif filters.status in Progress.values:
        qs = qs.filter(status=filters.status)
    if filters.q:
        qs = qs.filter(
            Q(indicator__code__startswith=filters.q) | Q(indicator__name__contains=filters.q)
        )
    return qs.only(*LOOKBACK_FIELDS).order_by(
        "indicator_position", "org_path", "department_id", "pk"
    )


# What the 回头看 table, its export and the API read: no timestamps or long texts to convert.
LOOKBACK_FIELDS = (
    "campaign",
    "indicator__code",
    "indicator__name",
    "indicator__full_score",
    "indicator__methods",
    "indicator__lead_days",
    "organization__name",
    "organization__short_name",
    "department__name",
    "leader__name",
    "liaison__username",
    "liaison__display_name",
    "org_path",
    "deadline",
    "status",
    "is_complete",
    "missing",
)


class KeyPaged:
    """An ordered queryset as the paginators slice it: a page first takes its primary keys from
    the ordering index (no joins for the rows skipped by OFFSET), then joins only those rows."""

    def __init__(self, queryset):
        self.queryset = queryset

    def count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        keys = list(self.queryset.values_list("pk", flat=True)[index])
        return list(self.queryset.filter(pk__in=keys)) if keys else []


def lookback_rows(campaign, assignments, *, today=None) -> list[LookbackRow]:
    today = today or timezone.localdate()
    labels = {value: str(label) for value, label in Progress.choices}
    rows = []
    for a in assignments:
        schedule = schedule_for(
            assessment_date=campaign.assessment_date,
            lead_days=a.indicator.lead_days,
            methods=a.indicator.methods,
            deadline=a.deadline,
        )
        overdue = a.deadline is not None and a.deadline < today and a.status not in DONE
        rows.append(
            LookbackRow(
                assignment=a,
                status="overdue" if overdue else a.status,
                status_label=_("已逾期") if overdue else labels[a.status],
                schedule=schedule,
                behind=behind_schedule(schedule, a.status, today),
            )
        )
    return rows


def lookback_summary(campaign, user, *, today=None) -> dict:
    """Counts by status, overdue and complete: one aggregate grouped by status (≤ 5 rows)."""
    today = today or timezone.localdate()
    groups = (
        Assignment.objects.visible_to(user)
        .filter(campaign=campaign)
        .order_by()
        .values("status")
        .annotate(  # status (never null) rather than id: on PostgreSQL the index holds no id
            n=Count("status"),
            overdue=Count("status", filter=Q(deadline__lt=today)),
            complete=Count("status", filter=Q(is_complete=True)),
        )
    )
    counts = dict.fromkeys(["total", "overdue", "complete", *Progress.values], 0)
    for g in groups:
        counts[g["status"]] = g["n"]
        counts["total"] += g["n"]
        counts["complete"] += g["complete"]
        if g["status"] not in DONE:
            counts["overdue"] += g["overdue"]
    return counts


# The order in which the progress counts are shown: together they make up every task.
PARTITION = (
    Progress.APPROVED,
    Progress.SUBMITTED,
    Progress.RETURNED,
    Progress.IN_PROGRESS,
    Progress.NOT_STARTED,
)


def status_partition(summary: dict) -> list[tuple[str, str, int]]:
    """(status, label, count) for every progress status, in display order: the counts add up
    to the number of tasks. Overdue and complete tasks are subsets of these, shown apart."""
    labels = dict(Progress.choices)
    return [(status, labels[status], summary[status]) for status in PARTITION]


LOOKBACK_HEADERS = [
    "编号",
    "指标",
    "分值",
    "测评方法",
    "责任部门",
    "责任领导",
    "联络员",
    "完成时限",
    "最迟启动",
    "提交审核",
    "最迟完成",
    "状态",
    "资料齐全",
    "缺少",
    "进度提示",
]


def lookback_export_rows(campaign, user, filters):
    qs = lookback_queryset(campaign, user, filters)
    for chunk_start in range(0, qs.count(), 1000):
        for row in lookback_rows(campaign, qs[chunk_start : chunk_start + 1000]):
            a = row.assignment
            yield [
                a.indicator.code,
                a.indicator.name,
                float(a.indicator.full_score),
                "、".join(a.indicator.methods),
                a.unit_name,
                a.leader.name if a.leader_id else "",
                str(a.liaison) if a.liaison_id else "",
                a.deadline,
                row.schedule.latest_start,
                row.schedule.submit_by,
                row.schedule.latest_finish,
                row.status_label,
                "是" if a.is_complete else "否",
                a.missing,
                row.behind,
            ]


def _unit_sources(campaign, user):
    """Departments and whole organisations that hold tasks, found from the small tables
    (one semi-join each) rather than by grouping every task."""
    tasks = Assignment.objects.visible_to(user).filter(campaign=campaign)
    depts = Department.objects.filter(
        pk__in=tasks.exclude(department=None).values("department_id")
    ).only("pk", "name", "organization_id")
    orgs = Organization.objects.filter(
        pk__in=tasks.filter(department=None).values("organization_id")
    ).only("pk", "name")
    return list(depts.order_by("org_path", "sort_order", "pk")), list(orgs.order_by("path"))


def filter_choices(campaign, user) -> dict:
    """Departments, units and leaders that occur in the campaign's visible assignments."""
    depts, orgs = _unit_sources(campaign, user)
    tasks = Assignment.objects.visible_to(user).filter(campaign=campaign)
    leaders = Person.objects.filter(pk__in=tasks.exclude(leader=None).values("leader_id"))
    return {
        "departments": [(d.pk, d.name) for d in depts],
        "organizations": [(o.pk, o.name) for o in orgs],
        "leaders": list(leaders.order_by("pk").values_list("pk", "name")),
    }


def sees_whole_campaign(campaign, user) -> bool:
    """Whether the user's scope covers the campaign's own organisation, so that the campaign's
    totals, bonus, deductions and vetoes are theirs to see. A department's liaison, or a unit
    that only holds tasks in a parent's campaign, sees its own units' share."""
    scope = scope_of(user)
    if scope is None:
        return False
    if scope.data_scope == DataScope.ALL:
        return True
    if scope.data_scope not in (DataScope.SUBTREE, DataScope.ORGANIZATION):
        return False
    return Campaign.objects.visible_to(user).filter(pk=campaign.pk).exists()


SCORE_FIELDS = ("pk", "parent_id", "code", "name", "depth", "is_leaf", "full_score", "self_grade")


def score_for(campaign, user, *, by_unit: bool = True) -> CampaignScore:
    """The campaign's score as the user may see it (see `scoring` for the projection rule).

    `by_unit=False` leaves out each unit's share and who is still to deliver (the totals then
    come from one aggregate over the tasks grouped by indicator). A user whose scope does not
    cover the campaign sees only the share of the tasks in their scope.
    """
    indicators = (
        CampaignIndicator.objects.filter(campaign=campaign).only(*SCORE_FIELDS).order_by("position")
    )
    whole = sees_whole_campaign(campaign, user)
    if whole and not by_unit:
        counts = (
            Assignment.objects.filter(campaign=campaign)
            .order_by()
            .values("indicator_id")
            .annotate(
                n=Count("status"),
                approved=Count("status", filter=Q(status=Progress.APPROVED)),
                pending=Count("status", filter=Q(status__in=DONE)),
            )
        )
        progress = {c["indicator_id"]: (c["n"], c["approved"], c["pending"]) for c in counts}
        return campaign_score(campaign, indicators, progress=progress)
    # Plain rows rather than model instances (a campaign has tens of thousands of tasks), and
    # the units' names from the few units rather than joined onto every task.
    from gonghui.organizations.models import Department, Organization

    tasks = Assignment.objects.filter(campaign=campaign)
    num_tasks = None
    if not whole:
        # Each unit's share is the indicator's score over all its units, seen or not.
        num_tasks = dict(
            tasks.order_by()
            .values("indicator_id")
            .annotate(n=Count("status"))
            .values_list("indicator_id", "n")
        )
        tasks = tasks.visible_to(user)
    rows = list(tasks.values_list("indicator_id", "status", "department_id", "organization_id"))
    dept_names = dict(
        Department.objects.filter(pk__in={r[2] for r in rows if r[2]}).values_list("pk", "name")
    )
    org_names = {
        pk: short or name
        for pk, short, name in Organization.objects.filter(
            pk__in={r[3] for r in rows if not r[2]}
        ).values_list("pk", "short_name", "name")
    }
    assignments = [
        TaskProgress(indicator_id, status, dept_names[dept] if dept else org_names[org])
        for indicator_id, status, dept, org in rows
    ]
    return campaign_score(campaign, indicators, assignments, num_tasks=num_tasks, partial=not whole)


def progress_by_unit(campaign, user) -> list[dict]:
    """Per responsible unit: counts by status, for the campaign overview."""
    today = timezone.localdate()
    rows = (
        Assignment.objects.visible_to(user)
        .filter(campaign=campaign)
        .values("organization__name", "department__name")
        .annotate(
            total=Count("pk"),
            approved=Count("pk", filter=Q(status=Progress.APPROVED)),
            submitted=Count("pk", filter=Q(status=Progress.SUBMITTED)),
            returned=Count("pk", filter=Q(status=Progress.RETURNED)),
            in_progress=Count("pk", filter=Q(status=Progress.IN_PROGRESS)),
            not_started=Count("pk", filter=Q(status=Progress.NOT_STARTED)),
            overdue=Count("pk", filter=Q(deadline__lt=today) & ~Q(status__in=DONE)),
        )
        .order_by("organization__name", "department__name")
    )
    return [{**r, "unit": r["department__name"] or r["organization__name"]} for r in rows]


def days_left(campaign, today: dt.date | None = None) -> int:
    return (campaign.assessment_date - (today or timezone.localdate())).days


def get_assignment_for_user(user, pk) -> Assignment:
    try:
        return (
            Assignment.objects.visible_to(user)
            .select_related(
                "campaign", "indicator", "department", "organization", "leader", "liaison"
            )
            .get(pk=pk)
        )
    except (Assignment.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("任务不存在或无权访问")) from exc


def responsible_units(campaign, user) -> list[dict]:
    """Distinct (organisation, department) pairs holding tasks in the campaign, in scope."""
    depts, orgs = _unit_sources(campaign, user)
    units = [{"organization_id": o.pk, "department_id": None, "name": o.name} for o in orgs] + [
        {"organization_id": d.organization_id, "department_id": d.pk, "name": d.name} for d in depts
    ]
    return units


def progress_by_indicator_group(campaign, user, *, today=None) -> list[dict]:
    """Per top-level indicator (测评项目): the tasks in scope under it, counted by progress status,
    with the overdue ones. One grouped query over the tasks, folded up the small indicator tree."""
    today = today or timezone.localdate()
    indicators = list(
        CampaignIndicator.objects.filter(campaign=campaign)
        .order_by("position")
        .values("pk", "parent_id", "code", "name")
    )
    parent = {i["pk"]: i["parent_id"] for i in indicators}

    def root(pk):
        while parent.get(pk):
            pk = parent[pk]
        return pk

    groups = {
        i["pk"]: {
            "indicator_id": i["pk"],
            "code": i["code"],
            "name": i["name"],
            "total": 0,
            "overdue": 0,
            **dict.fromkeys(Progress.values, 0),
        }
        for i in indicators
        if i["parent_id"] is None
    }
    counts = (
        Assignment.objects.visible_to(user)
        .filter(campaign=campaign)
        .order_by()
        .values("indicator_id", "status")
        .annotate(n=Count("status"), overdue=Count("status", filter=Q(deadline__lt=today)))
    )
    for c in counts:
        group = groups.get(root(c["indicator_id"]))
        if group is None:
            continue
        group[c["status"]] += c["n"]
        group["total"] += c["n"]
        if c["status"] not in DONE:
            group["overdue"] += c["overdue"]
    return [g for g in groups.values() if g["total"]]


def progress_by_unit_as_of(campaign, user, *, today=None) -> list[dict]:
    """Per responsible unit, with its ids (for links to its 回头看 rows): counts by status and
    the overdue ones as of `today`."""
    today = today or timezone.localdate()
    rows = (
        Assignment.objects.visible_to(user)
        .filter(campaign=campaign)
        .values("organization_id", "department_id", "organization__name", "department__name")
        .annotate(
            total=Count("pk"),
            approved=Count("pk", filter=Q(status=Progress.APPROVED)),
            submitted=Count("pk", filter=Q(status=Progress.SUBMITTED)),
            returned=Count("pk", filter=Q(status=Progress.RETURNED)),
            in_progress=Count("pk", filter=Q(status=Progress.IN_PROGRESS)),
            not_started=Count("pk", filter=Q(status=Progress.NOT_STARTED)),
            overdue=Count("pk", filter=Q(deadline__lt=today) & ~Q(status__in=DONE)),
        )
        .order_by("organization__name", "department__name")
    )
    return [{**r, "unit": r["department__name"] or r["organization__name"]} for r in rows]
