"""A worker's demand (职工诉求), its types and topics, the unions that held it, and its history."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.core import privacy
from gonghui.core.models import ManagedChoice, TimeStampedModel, TransitionRecord
from gonghui.organizations.paths import SEGMENT_WIDTH
from gonghui.organizations.scoping import (
    NOTHING,
    DataScope,
    OrgScopedModel,
    ScopedQuerySet,
    scope_of,
)

from .workflow import OPEN, Status


class DemandType(ManagedChoice):
    """咨询 / 求助 / 投诉 / 意见建议, each with its time limits in working days."""

    accept_days = models.PositiveSmallIntegerField(_("受理时限（工作日）"), default=1)
    finish_days = models.PositiveSmallIntegerField(_("办结时限（工作日）"), default=5)
    remind_days = models.PositiveSmallIntegerField(_("提前催办（工作日）"), default=1)
    allows_anonymous = models.BooleanField(_("可匿名"), default=False)

    class Meta(ManagedChoice.Meta):
        verbose_name = _("诉求类型")
        verbose_name_plural = _("诉求类型")


class DemandTopic(ManagedChoice):
    class Meta(ManagedChoice.Meta):
        verbose_name = _("诉求事项")
        verbose_name_plural = _("诉求事项")


def ancestor_paths(path: str) -> list[str]:
    """The paths of an organisation and of each of its ancestors."""
    return [path[:end] for end in range(SEGMENT_WIDTH, len(path) + 1, SEGMENT_WIDTH)]


class DemandQuerySet(ScopedQuerySet):
    def visible_to(self, user, *, within=None, indexed: bool = True):
        """Demands held in the user's subtree whose routing chain reaches the user's union: a
        union outside the chain (a sibling, or a parent the demand never went through) sees
        nothing of it."""
        qs = super().visible_to(user, within=within, indexed=indexed)
        scope = scope_of(user)
        if scope is None:
            return qs.filter(NOTHING)
        if scope.data_scope == DataScope.ALL:
            return qs
        if not scope.org_path:
            return qs.filter(NOTHING)
        return qs.filter(chain_path__in=ancestor_paths(scope.org_path))

    def supervised_by(self, user):
        """The 督办 list: escalated demands whose supervising union is in the user's scope."""
        scope = scope_of(user)
        if scope is None:
            return self.none()
        if scope.data_scope == DataScope.ALL:
            return self.filter(is_escalated=True)
        if not scope.org_path:
            return self.none()
        return self.filter(is_escalated=True, supervising_path__in=[scope.org_path])

    def open(self):
        return self.filter(status__in=OPEN)


class Demand(OrgScopedModel, TimeStampedModel):
    """One demand. `organization` is the union holding it now; `chain_path` the highest union
    of its routing chain (where it was received, or a parent it was returned, escalated or
    sent to for review)."""

    class Channel(models.TextChoices):
        WEB = "web", _("网上")
        HOTLINE = "hotline", _("12351热线")
        VISIT = "visit", _("来访")
        LETTER = "letter", _("来信")
        API = "api", _("接口")

    class Rating(models.TextChoices):
        SATISFIED = "satisfied", _("满意")
        FAIRLY = "fairly", _("基本满意")
        UNSATISFIED = "unsatisfied", _("不满意")

    ticket = models.CharField(_("诉求编号"), max_length=12, unique=True)
    channel = models.CharField(_("渠道"), max_length=8, choices=Channel.choices)
    demand_type = models.ForeignKey(
        DemandType, verbose_name=_("类型"), on_delete=models.PROTECT, related_name="+"
    )
    topic = models.ForeignKey(
        DemandTopic, verbose_name=_("事项"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.RECEIVED
    )
    is_anonymous = models.BooleanField(_("匿名"), default=False)
    worker_name = models.CharField(_("职工姓名"), max_length=50, blank=True)
    worker_phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    employer = models.CharField(_("工作单位"), max_length=100, blank=True)
    location = models.CharField(_("所在地"), max_length=100, blank=True)
    summary = models.CharField(_("诉求摘要"), max_length=100)
    content = models.TextField(_("诉求内容"), max_length=2000, blank=True)

    receiving_org = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("受理渠道所在工会"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    chain_path = models.CharField(max_length=255, editable=False)
    received_at = models.DateTimeField(_("登记时间"))
    held_since = models.DateTimeField(_("本级接收时间"))
    accept_due_at = models.DateTimeField(_("受理期限"))
    finish_due_at = models.DateTimeField(_("办结期限"))
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    answer = models.TextField(_("答复内容"), max_length=2000, blank=True)
    followed_up_at = models.DateTimeField(_("回访时间"), null=True, blank=True)
    follow_up_note = models.CharField(_("回访情况"), max_length=300, blank=True)
    rating = models.CharField(_("评价"), max_length=12, choices=Rating.choices, blank=True)
    rated_at = models.DateTimeField(_("评价时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    reopened_at = models.DateTimeField(_("复核时间"), null=True, blank=True)

    reminded_at = models.DateTimeField(_("催办时间"), null=True, blank=True)
    is_overdue = models.BooleanField(_("超期"), default=False)
    is_escalated = models.BooleanField(_("督办"), default=False)
    escalated_at = models.DateTimeField(_("督办时间"), null=True, blank=True)
    supervising_org = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("督办工会"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    supervising_path = models.CharField(max_length=255, blank=True, editable=False)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    scope_department_field = None
    objects = DemandQuerySet.as_manager()

    class Meta:
        verbose_name = _("职工诉求")
        verbose_name_plural = _("职工诉求")
        ordering = ["-id"]
        permissions = [
            ("handle_demand", _("受理、办理、答复、转办职工诉求")),
            ("view_demand_sensitive", _("查看职工诉求人的姓名和电话")),
        ]
        indexes = [
            # The lists: a subtree (path range), optionally one status, newest first.
            models.Index(fields=["org_path", "-id"], name="demand_scope"),
            # A large subtree (a province, a city) is listed newest first by walking these in
            # id order and checking the path, rather than sorting the whole subtree.
            models.Index(fields=["status", "-id"], name="demand_status_id"),
            models.Index(
                fields=["-id"], name="demand_overdue_id", condition=models.Q(is_overdue=True)
            ),
            models.Index(fields=["organization", "-id"], name="demand_holder"),
            models.Index(
                fields=["supervising_path", "-id"],
                name="demand_supervised",
                condition=models.Q(is_escalated=True),
            ),
            # The nightly sweep: open demands by their limits.
            models.Index(fields=["status", "finish_due_at"], name="demand_due"),
            models.Index(fields=["status", "accept_due_at"], name="demand_accept_due"),
        ]

    def __str__(self) -> str:
        return self.ticket

    def get_absolute_url(self) -> str:
        return reverse("demands:detail", args=[self.pk])

    @property
    def worker_name_masked(self) -> str:
        return privacy.mask_name(self.worker_name) if self.worker_name else _("匿名")

    @property
    def worker_phone_masked(self) -> str:
        return privacy.mask_phone(self.worker_phone)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN


class DemandHop(models.Model):
    """One period a union held the demand: how it came (routed on intake, 转办, 退回, 督办
    review), from whom, why, and the working days it held it (counted against that union)."""

    class Kind(models.TextChoices):
        INTAKE = "intake", _("登记分派")
        TRANSFER = "transfer", _("转办")
        RETURN = "return", _("退回")
        REVIEW = "review", _("复核")

    demand = models.ForeignKey(Demand, on_delete=models.CASCADE, related_name="hops")
    kind = models.CharField(_("方式"), max_length=10, choices=Kind.choices)
    from_org = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("来自"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("承办工会"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.CharField(_("原因"), max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField(_("接收时间"))
    ended_at = models.DateTimeField(_("移交时间"), null=True, blank=True)
    working_days = models.PositiveSmallIntegerField(_("占用工作日"), null=True, blank=True)

    class Meta:
        verbose_name = _("诉求流转")
        verbose_name_plural = _("诉求流转")
        ordering = ["started_at", "pk"]

    def __str__(self) -> str:
        return f"{self.demand_id} → {self.organization_id}"


class DemandAttachment(models.Model):
    """A file of a demand: the worker's evidence, a scanned letter, a handling document."""

    demand = models.ForeignKey(Demand, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to="demands/")
    original_name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("诉求附件")
        verbose_name_plural = _("诉求附件")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class DemandCollaborator(models.Model):
    """Another union handling the demand jointly (协办)."""

    demand = models.ForeignKey(Demand, on_delete=models.CASCADE, related_name="collaborators")
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("协办工会"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(_("加入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("诉求协办")
        verbose_name_plural = _("诉求协办")
        constraints = [
            models.UniqueConstraint(fields=["demand", "organization"], name="demand_collab_once")
        ]

    def __str__(self) -> str:
        return f"{self.demand_id} + {self.organization_id}"


class DemandTransition(TransitionRecord):
    """One step of a demand: who (staff account, the worker, or 系统), when, what."""

    subject_field = "demand"
    statuses = Status

    demand = models.ForeignKey(Demand, on_delete=models.CASCADE, related_name="history")
    actor_label = models.CharField(_("操作人"), max_length=100, blank=True)

    class Meta(TransitionRecord.Meta):
        verbose_name = _("诉求记录")
        verbose_name_plural = _("诉求记录")

    def __str__(self) -> str:
        return f"{self.demand_id} {self.verb}"


class DemandTally(models.Model):
    """Counters of the demands in one union's subtree (the union and every union below it),
    per month received, channel, type and topic. The services keep them exact in the same
    transaction as each change of a demand (see tallies.py); statistics read these rows
    instead of counting a million demands."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField()
    channel = models.CharField(max_length=8)
    demand_type = models.ForeignKey(DemandType, on_delete=models.CASCADE, related_name="+")
    topic = models.ForeignKey(DemandTopic, on_delete=models.CASCADE, related_name="+")
    num_received = models.IntegerField(default=0)
    num_accepted = models.IntegerField(default=0)
    num_accepted_on_time = models.IntegerField(default=0)
    num_answered = models.IntegerField(default=0)
    num_answered_on_time = models.IntegerField(default=0)
    num_rated = models.IntegerField(default=0)
    num_satisfied = models.IntegerField(default=0)
    num_overdue = models.IntegerField(default=0)
    num_escalated = models.IntegerField(default=0)
    # Demands answered, and the seconds from registration to answer summed over them.
    num_handled = models.IntegerField(default=0)
    handling_seconds = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("诉求统计")
        verbose_name_plural = _("诉求统计")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "month", "channel", "demand_type", "topic"],
                name="demand_tally_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} {self.month:%Y-%m}"
