"""Volunteer teams and volunteers, service events with sign-up and hours, community pairing,
敲门行动/巡街 visit logs and the livelihood problems collected on them."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import TimeStampedModel, TransitionRecord
from gonghui.organizations.scoping import OrgScopedModel

from .workflow import STATUS_LABELS, EventStatus, HoursStatus, ProblemStatus, SignUpStatus


def _user_fk(label: str, related_name: str = "+"):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
    )


def _department_fk():
    return models.ForeignKey(
        "organizations.Department",
        verbose_name=_("部门"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class Team(OrgScopedModel, TimeStampedModel):
    """志愿服务队: 共产党员志愿服务队, 青年职工志愿服务队, 专家团队, 律师团队 …"""

    class Kind(models.TextChoices):
        PARTY = "party", _("共产党员志愿服务队")
        YOUTH = "youth", _("青年职工志愿服务队")
        EXPERT = "expert", _("专家团队")
        LAWYER = "lawyer", _("律师团队")
        OTHER = "other", _("其他志愿服务队")

    name = models.CharField(_("队伍名称"), max_length=100)
    kind = models.CharField(_("队伍类型"), max_length=12, choices=Kind.choices)
    department = _department_fk()
    leader = _user_fk(_("队长（审核服务时长）"), related_name="led_teams")
    description = models.TextField(_("简介"), blank=True)
    founded_date = models.DateField(_("成立日期"), null=True, blank=True)
    is_active = models.BooleanField(_("有效"), default=True)
    created_by = _user_fk(_("创建人"))

    class Meta:
        verbose_name = _("志愿服务队")
        verbose_name_plural = _("志愿服务队")
        ordering = ["org_path", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"],
                name="team_unique_name",
                violation_error_message=_("该组织已有同名服务队"),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("volunteering:team", args=[self.pk])


class Volunteer(OrgScopedModel, TimeStampedModel):
    """A registered volunteer, always a known person of the union."""

    person = models.OneToOneField(
        "people.Person", verbose_name=_("人员"), on_delete=models.PROTECT, related_name="volunteer"
    )
    code = models.CharField(_("志愿者编号"), max_length=20, unique=True)
    skills = models.CharField(_("特长"), max_length=200, blank=True)
    registered_date = models.DateField(_("注册日期"))
    is_active = models.BooleanField(_("有效"), default=True)
    created_by = _user_fk(_("登记人"))

    scope_department_field = None

    class Meta:
        verbose_name = _("志愿者")
        verbose_name_plural = _("志愿者")
        ordering = ["org_path", "code"]

    def __str__(self) -> str:
        return f"{self.person.name}（{self.code}）"

    def get_absolute_url(self) -> str:
        return reverse("volunteering:volunteer", args=[self.pk])


class Membership(TimeStampedModel):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="memberships")
    joined_date = models.DateField(_("入队日期"))

    class Meta:
        verbose_name = _("队员")
        verbose_name_plural = _("队员")
        ordering = ["team_id", "joined_date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["team", "volunteer"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.team} · {self.volunteer}"


class ServiceEvent(OrgScopedModel, TimeStampedModel):
    """A volunteer service event with a capacity; volunteers sign up and check in."""

    team = models.ForeignKey(
        Team,
        verbose_name=_("服务队"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    department = _department_fk()
    title = models.CharField(_("活动名称"), max_length=200)
    start_at = models.DateTimeField(_("开始时间"))
    end_at = models.DateTimeField(_("结束时间"))
    place = models.CharField(_("地点"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("招募人数"))
    description = models.TextField(_("活动内容"), blank=True)
    is_public = models.BooleanField(_("在公众门户开放报名"), default=False)
    status = models.CharField(
        _("状态"), max_length=12, choices=EventStatus.choices, default=EventStatus.OPEN
    )
    created_by = _user_fk(_("发布人"))

    class Meta:
        verbose_name = _("志愿服务活动")
        verbose_name_plural = _("志愿服务活动")
        ordering = ["-start_at", "-pk"]
        indexes = [models.Index(fields=["org_path", "start_at"], name="svcevent_scope_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_at__gte=models.F("start_at")),
                name="svcevent_end_after",
                violation_error_message=_("结束时间不能早于开始时间"),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("volunteering:event", args=[self.pk])


class SignUp(TimeStampedModel):
    class Channel(models.TextChoices):
        WEB = "web", _("平台")
        PORTAL = "portal", _("公众门户")
        API = "api", _("接口")

    event = models.ForeignKey(ServiceEvent, on_delete=models.CASCADE, related_name="signups")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="signups")
    status = models.CharField(
        _("状态"), max_length=12, choices=SignUpStatus.choices, default=SignUpStatus.SIGNED_UP
    )
    channel = models.CharField(_("报名渠道"), max_length=8, choices=Channel.choices)
    checked_in_at = models.DateTimeField(_("签到时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("报名")
        verbose_name_plural = _("报名")
        ordering = ["event_id", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "volunteer"], name="signup_unique")]

    def __str__(self) -> str:
        return f"{self.event} · {self.volunteer}"


class ServiceHours(OrgScopedModel, TimeStampedModel):
    """Hours served, recorded in minutes (exact sums) and approved by the team leader."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="hours")
    team = models.ForeignKey(
        Team, verbose_name=_("服务队"), on_delete=models.PROTECT, related_name="hours"
    )
    event = models.ForeignKey(
        ServiceEvent,
        verbose_name=_("服务活动"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hours",
    )
    service_date = models.DateField(_("服务日期"))
    minutes = models.PositiveIntegerField(_("服务时长（分钟）"))
    note = models.CharField(_("服务内容"), max_length=200, blank=True)
    status = models.CharField(
        _("状态"), max_length=12, choices=HoursStatus.choices, default=HoursStatus.SUBMITTED
    )
    recorded_by = _user_fk(_("登记人"))
    reviewed_by = _user_fk(_("审核人"))
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    review_comment = models.CharField(_("审核意见"), max_length=200, blank=True)

    scope_department_field = None
    scope_owner_field = "recorded_by"

    class Meta:
        verbose_name = _("服务时长")
        verbose_name_plural = _("服务时长")
        ordering = ["-service_date", "-pk"]
        indexes = [models.Index(fields=["volunteer", "status"], name="hours_volunteer_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "volunteer"],
                condition=models.Q(event__isnull=False),
                name="hours_once_per_event",
            ),
            models.CheckConstraint(condition=models.Q(minutes__gt=0), name="hours_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} {self.hours} 小时"

    @property
    def hours(self) -> Decimal:
        return minutes_to_hours(self.minutes)


def minutes_to_hours(minutes: int | None) -> Decimal:
    return (Decimal(minutes or 0) / 60).quantize(Decimal("0.1"))


class Pairing(OrgScopedModel, TimeStampedModel):
    """包联社区 / 结对共建: which organisation pairs with which community, since when."""

    class Kind(models.TextChoices):
        LIAISON = "liaison", _("包联社区")
        JOINT = "joint", _("结对共建")

    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    community = models.CharField(_("社区"), max_length=100)
    since_date = models.DateField(_("开始日期"))
    until_date = models.DateField(_("结束日期"), null=True, blank=True)
    num_cadres = models.PositiveIntegerField(_("下沉干部（人）"), default=0)
    contact = models.CharField(_("联系人"), max_length=50, blank=True)
    note = models.TextField(_("共建内容"), blank=True)
    created_by = _user_fk(_("登记人"))

    scope_department_field = None

    class Meta:
        verbose_name = _("包联共建")
        verbose_name_plural = _("包联共建")
        ordering = ["org_path", "-since_date"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.community}"

    @property
    def is_current(self) -> bool:
        return self.until_date is None


class Visit(OrgScopedModel, TimeStampedModel):
    """A 敲门行动, 巡街 (街长制) or other door-to-door visit, logged with what it found."""

    class Kind(models.TextChoices):
        KNOCK = "knock", _("敲门行动")
        PATROL = "patrol", _("巡街")
        RED_SATURDAY = "red_saturday", _("红色星期六")
        SURVEY = "survey", _("问卷调查")
        OTHER = "other", _("其他走访")

    kind = models.CharField(_("类型"), max_length=14, choices=Kind.choices)
    visit_date = models.DateField(_("日期"))
    community = models.CharField(_("社区/街道"), max_length=100)
    pairing = models.ForeignKey(
        Pairing,
        verbose_name=_("包联社区"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="visits",
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("服务队"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="visits",
    )
    department = _department_fk()
    num_participants = models.PositiveIntegerField(_("参加人数"), default=0)
    num_households = models.PositiveIntegerField(_("走访户数"), default=0)
    summary = models.TextField(_("情况记录"), blank=True)
    created_by = _user_fk(_("登记人"))

    class Meta:
        verbose_name = _("走访记录")
        verbose_name_plural = _("走访记录")
        ordering = ["-visit_date", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.community} · {self.visit_date}"

    def get_absolute_url(self) -> str:
        return reverse("volunteering:visit", args=[self.pk])


class Problem(OrgScopedModel, TimeStampedModel):
    """民生难题: collected (usually on a visit) → assigned → solved with its result and date."""

    title = models.CharField(_("难题"), max_length=200)
    description = models.TextField(_("情况描述"), blank=True)
    community = models.CharField(_("社区/街道"), max_length=100, blank=True)
    visit = models.ForeignKey(
        Visit,
        verbose_name=_("收集于"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="problems",
    )
    department = _department_fk()
    status = models.CharField(
        _("状态"), max_length=10, choices=ProblemStatus.choices, default=ProblemStatus.COLLECTED
    )
    collected_date = models.DateField(_("收集日期"))
    assignee = models.CharField(_("承办单位/责任人"), max_length=100, blank=True)
    assigned_date = models.DateField(_("交办日期"), null=True, blank=True)
    deadline = models.DateField(_("办理时限"), null=True, blank=True)
    result = models.TextField(_("解决结果"), blank=True)
    solved_date = models.DateField(_("解决日期"), null=True, blank=True)
    created_by = _user_fk(_("登记人"))

    class Meta:
        verbose_name = _("民生难题")
        verbose_name_plural = _("民生难题")
        ordering = ["-collected_date", "-pk"]
        indexes = [models.Index(fields=["org_path", "status"], name="problem_scope_status")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("volunteering:problem", args=[self.pk])


class VolunteeringTransition(TransitionRecord):
    """History of every workflow verb on hours, sign-ups, events and problems.

    One generic table rather than one per model: the four are read only one object at a time
    (by the indexed type and id), and the rows written before the kernel stay where they are."""

    target_type = models.CharField(max_length=40)
    target_id = models.PositiveIntegerField()

    class Meta(TransitionRecord.Meta):
        verbose_name = _("状态变更")
        verbose_name_plural = _("状态变更")
        indexes = [models.Index(fields=["target_type", "target_id"], name="volstatus_target")]

    def __str__(self) -> str:
        return f"{self.target_type}#{self.target_id} {self.verb}"

    @classmethod
    def subject_kwargs(cls, obj) -> dict:
        return {"target_type": obj._meta.model_name, "target_id": obj.pk}

    def _status_label(self, value: str) -> str:
        return str(STATUS_LABELS.get(value, value))
