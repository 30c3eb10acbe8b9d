"""Award types, rounds with quotas and eligibility rules, nominations with their vetting
opinions and attachments, honours conferred (the people's honours history)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.core import privacy
from gonghui.core.models import ManagedChoice, TimeStampedModel, TransitionRecord
from gonghui.organizations.scoping import OrgScopedModel, ScopedQuerySet

from .workflow import LIVE, RoundStatus, Status


class Level(models.TextChoices):
    NATIONAL = "national", _("全国")
    PROVINCIAL = "provincial", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")


class AwardType(ManagedChoice):
    """五一劳动奖章, 工人先锋号, 工匠 …: kept as data."""

    class Subject(models.TextChoices):
        INDIVIDUAL = "individual", _("个人")
        COLLECTIVE = "collective", _("集体")

    level = models.CharField(_("级别"), max_length=12, choices=Level.choices)
    subject = models.CharField(_("授予对象"), max_length=12, choices=Subject.choices)
    # The 劳模 level an individual honoured with this award holds in the people records.
    model_worker_level = models.CharField(_("对应劳模级别"), max_length=12, blank=True)

    class Meta(ManagedChoice.Meta):
        verbose_name = _("奖项")
        verbose_name_plural = _("奖项")


class VettingBody(ManagedChoice):
    """纪检, 安监, 税务 …: the bodies a round asks for an opinion on each nominee."""

    class Meta(ManagedChoice.Meta):
        verbose_name = _("征求意见单位")
        verbose_name_plural = _("征求意见单位")


class Round(OrgScopedModel, TimeStampedModel):
    """One selection (e.g. 2026年市五一劳动奖评选) run by an organisation."""

    name = models.CharField(_("评选名称"), max_length=100)
    year = models.PositiveSmallIntegerField(_("年度"))
    awards = models.ManyToManyField(AwardType, verbose_name=_("评选奖项"), related_name="+")
    vetting_bodies = models.ManyToManyField(
        VettingBody, verbose_name=_("征求意见单位"), blank=True, related_name="+"
    )
    nomination_deadline = models.DateField(_("推荐截止日期"), null=True, blank=True)
    deeds_limit = models.PositiveIntegerField(_("事迹材料字数上限"), default=1500)
    notice_working_days = models.PositiveSmallIntegerField(_("公示期（工作日）"), default=5)
    status = models.CharField(
        _("状态"), max_length=12, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    decision_number = models.CharField(_("表彰决定文号"), max_length=50, blank=True)
    approved_at = models.DateTimeField(_("审定时间"), null=True, blank=True)
    commended_at = models.DateTimeField(_("表彰时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_department_field = None
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("评选")
        verbose_name_plural = _("评选")
        ordering = ["-year", "-pk"]
        permissions = [
            ("manage_round", _("设置评选、名额和条件，公示、审定和表彰")),
            ("review_nomination", _("审核、排序、上报和退回推荐对象")),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("honours:round", args=[self.pk])


class Quota(models.Model):
    """How many nominations of an award an organisation may put forward in a round. `used`
    moves by a conditional UPDATE (used < quota), so concurrent submitters never pass it."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="quotas")
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("推荐单位"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    award = models.ForeignKey(AwardType, verbose_name=_("奖项"), on_delete=models.PROTECT)
    quota = models.PositiveIntegerField(_("名额"))
    used = models.PositiveIntegerField(_("已用"), default=0)

    class Meta:
        verbose_name = _("名额")
        verbose_name_plural = _("名额")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organization", "award"], name="quota_once_per_org_award"
            ),
            models.CheckConstraint(
                condition=models.Q(used__lte=models.F("quota")), name="quota_not_exceeded"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} {self.award_id} {self.used}/{self.quota}"


class EligibilityRule(models.Model):
    """A condition of the round, kept as data."""

    class Kind(models.TextChoices):
        FRONTLINE_SHARE = "frontline_share", _("一线职工比例不低于（%）")
        NO_REPEAT_YEARS = "no_repeat_years", _("若干年内未获同类奖项（年）")
        NEGATIVE_LIST = "negative_list", _("负面清单：征求意见单位有否定意见的不得推荐")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField(_("条件"), max_length=20, choices=Kind.choices)
    value = models.PositiveIntegerField(_("数值"), default=0)

    class Meta:
        verbose_name = _("评选条件")
        verbose_name_plural = _("评选条件")
        constraints = [
            models.UniqueConstraint(fields=["round", "kind"], name="rule_once_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.value}"


class NominationQuerySet(ScopedQuerySet):
    def live(self):
        return self.filter(status__in=LIVE)


class Nomination(OrgScopedModel, TimeStampedModel):
    """A person or a collective put forward by a union; it climbs the chain one level at a time
    (`at_organization` holds it for review)."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="nominations")
    award = models.ForeignKey(AwardType, verbose_name=_("奖项"), on_delete=models.PROTECT)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("推荐人选"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The nominee as shown: a person's name (masked outside the handling staff), or the
    # collective's name.
    nominee_name = models.CharField(_("推荐对象"), max_length=100)
    unit = models.CharField(_("工作单位"), max_length=100)
    post_title = models.CharField(_("职务/岗位"), max_length=50, blank=True)
    is_frontline = models.BooleanField(_("一线职工"), default=False)
    deeds = models.TextField(_("事迹材料"), blank=True)
    opinion = models.CharField(_("推荐意见"), max_length=500, blank=True)
    at_organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("当前审核单位"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    rank = models.PositiveIntegerField(_("排序"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    # One place per nominee and round whoever nominates: the person, or the collective's name.
    nominee_key = models.CharField(max_length=120, editable=False)
    return_comment = models.CharField(_("退回意见"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("上报时间"), null=True, blank=True)
    # The quota rows this nomination holds a place in (released on return or withdrawal).
    quota_ids = models.JSONField(default=list, blank=True, editable=False)

    scope_department_field = None
    objects = NominationQuerySet.as_manager()

    class Meta:
        verbose_name = _("推荐对象")
        verbose_name_plural = _("推荐对象")
        ordering = ["-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "nominee_key"],
                condition=~models.Q(status="withdrawn"),
                name="nomination_once_per_round",
            )
        ]
        indexes = [
            models.Index(fields=["org_path", "-id"], name="nomination_scope"),
            models.Index(fields=["round", "status", "award"], name="nomination_round"),
            models.Index(fields=["at_organization", "status"], name="nomination_review"),
        ]

    def __str__(self) -> str:
        return f"{self.nominee_display}（{self.award}）"

    def get_absolute_url(self) -> str:
        return reverse("honours:nomination", args=[self.pk])

    @property
    def is_individual(self) -> bool:
        return self.person_id is not None

    @property
    def nominee_display(self) -> str:
        """The nominee as lists show it: a person's name masked, a collective's in full."""
        return privacy.mask_name(self.nominee_name) if self.person_id else self.nominee_name


class NominationAttachment(models.Model):
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("附件"), upload_to="honours/attachments/")
    name = models.CharField(_("文件名"), max_length=150)
    size = models.PositiveIntegerField(_("大小"), default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("推荐材料附件")
        verbose_name_plural = _("推荐材料附件")

    def __str__(self) -> str:
        return self.name


class VettingOpinion(models.Model):
    """征求意见: one vetting body's opinion on one nominee."""

    class Verdict(models.TextChoices):
        AGREE = "agree", _("无意见（同意）")
        OBJECT = "object", _("有否定意见")

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="opinions")
    body = models.ForeignKey(VettingBody, verbose_name=_("征求意见单位"), on_delete=models.PROTECT)
    verdict = models.CharField(_("意见"), max_length=10, choices=Verdict.choices)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("登记时间"), auto_now=True)

    class Meta:
        verbose_name = _("征求意见")
        verbose_name_plural = _("征求意见")
        constraints = [
            models.UniqueConstraint(fields=["nomination", "body"], name="opinion_once_per_body")
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.get_verdict_display()}"


class Honour(OrgScopedModel):
    """An honour conferred: the person's (or collective's) honours history."""

    round = models.ForeignKey(
        Round, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    nomination = models.OneToOneField(
        Nomination, null=True, blank=True, on_delete=models.SET_NULL, related_name="honour"
    )
    award = models.ForeignKey(AwardType, verbose_name=_("奖项"), on_delete=models.PROTECT)
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("获奖对象"), max_length=100)
    unit = models.CharField(_("工作单位"), max_length=100)
    year = models.PositiveSmallIntegerField(_("年度"))
    conferred_by = models.CharField(_("授予单位"), max_length=100)

    scope_department_field = None
    scope_owner_field = None

    class Meta:
        verbose_name = _("荣誉")
        verbose_name_plural = _("荣誉")
        ordering = ["-year", "-pk"]
        indexes = [models.Index(fields=["person", "award", "year"], name="honour_person")]

    def __str__(self) -> str:
        return f"{self.year} {self.award}"


class RoundTransition(TransitionRecord):
    subject_field = "round"
    statuses = RoundStatus

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("评选记录")
        verbose_name_plural = _("评选记录")

    def __str__(self) -> str:
        return f"{self.round_id} {self.verb}"


class NominationTransition(TransitionRecord):
    subject_field = "nomination"
    statuses = Status

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="history")
    # The organisation that acted (a level of the chain), so the path up is readable.
    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta(TransitionRecord.Meta):
        verbose_name = _("推荐记录")
        verbose_name_plural = _("推荐记录")

    def __str__(self) -> str:
        return f"{self.nomination_id} {self.verb}"
