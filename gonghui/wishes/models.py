"""A wish of a needy worker and its history of transitions."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.core import privacy
from gonghui.core.models import TimeStampedModel, TransitionRecord
from gonghui.organizations.scoping import OrgScopedModel, ScopedQuerySet

from .workflow import CLAIMED_OR_LATER, Status


class WishQuerySet(ScopedQuerySet):
    def on_board(self):
        return self.filter(status__in=[Status.PUBLISHED, *CLAIMED_OR_LATER])

    def overdue(self, now):
        return self.filter(status=Status.PUBLISHED, expires_at__lte=now)


class Wish(OrgScopedModel, TimeStampedModel):
    class Category(models.TextChoices):
        LIVING = "living", _("生活")
        STUDY = "study", _("学习")
        WORK = "work", _("生产")
        HEALTH = "health", _("健康")
        OTHER = "other", _("其他")

    class AmountBand(models.TextChoices):
        UP_TO_100 = "le100", _("100元以内")
        UP_TO_300 = "le300", _("100–300元")
        UP_TO_500 = "le500", _("300–500元")
        OVER_500 = "gt500", _("500元以上")

    class ClaimantKind(models.TextChoices):
        PUBLIC = "public", _("爱心人士")
        AGENCY_STAFF = "agency_staff", _("机关干部职工")
        ENTERPRISE = "enterprise", _("爱心企业")

    title = models.CharField(_("心愿"), max_length=60)
    description = models.TextField(_("心愿说明"), max_length=500, blank=True)
    category = models.CharField(_("类别"), max_length=12, choices=Category.choices)
    amount_band = models.CharField(_("金额区间"), max_length=8, choices=AmountBand.choices)
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.COLLECTED
    )

    # The worker the wish is for. Name, phone, address and hardship are sensitive: the public
    # sees the masked name only, staff see masked values unless they hold the permission.
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("困难职工档案"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="wishes",
    )
    worker_name = models.CharField(_("职工姓名"), max_length=50)
    worker_phone = models.CharField(_("职工电话"), max_length=20, blank=True)
    worker_address = models.CharField(_("家庭住址"), max_length=200, blank=True)
    hardship = models.CharField(_("困难情况"), max_length=300, blank=True)
    is_home_visit = models.BooleanField(_("入户走访征集"), default=True)
    collected_date = models.DateField(_("征集日期"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    vetted_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    expires_at = models.DateTimeField(_("认领截止"), null=True, blank=True)

    claimed_at = models.DateTimeField(_("认领时间"), null=True, blank=True)
    claimant_kind = models.CharField(
        _("认领人类型"), max_length=16, choices=ClaimantKind.choices, blank=True
    )
    claimant_name = models.CharField(_("认领人"), max_length=100, blank=True)
    claimant_phone = models.CharField(_("认领人电话"), max_length=20, blank=True)
    claimant_company = models.CharField(_("认领企业"), max_length=100, blank=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("认领账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The agency (机关) of a staff claimant, so "claims by 省总工会机关干部职工" is one filter.
    claimant_organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("认领人所在机关"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    delivered_date = models.DateField(_("送达日期"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("送达登记时间"), null=True, blank=True)
    delivery_photo = models.FileField(_("送达照片"), upload_to="wishes/delivery/", blank=True)
    delivery_note = models.CharField(_("送达情况"), max_length=300, blank=True)
    thanked_at = models.DateTimeField(_("致谢时间"), null=True, blank=True)
    thanks_note = models.CharField(_("感谢语"), max_length=300, blank=True)
    withdrawn_reason = models.CharField(_("撤回原因"), max_length=200, blank=True)
    expired_at = models.DateTimeField(_("过期时间"), null=True, blank=True)

    scope_department_field = None
    objects = WishQuerySet.as_manager()

    class Meta:
        verbose_name = _("微心愿")
        verbose_name_plural = _("微心愿")
        ordering = ["-published_at", "-pk"]
        permissions = [
            ("vet_wish", _("审核、发布、撤回微心愿")),
            ("view_wish_sensitive", _("查看微心愿敏感信息（电话、住址、困难情况）")),
        ]
        indexes = [
            # The public board: newest published first, one range on the status.
            models.Index(fields=["status", "-published_at", "-id"], name="wish_board"),
            models.Index(
                fields=["status", "category", "-published_at", "-id"], name="wish_board_category"
            ),
            # The board's 已认领 tab spans three statuses: a partial index keeps it one ordered
            # scan (the query repeats this exact condition so both databases can use it).
            models.Index(
                fields=["-published_at", "-id"],
                name="wish_board_claimed",
                condition=models.Q(status__in=["claimed", "delivered", "thanked"]),
            ),
            models.Index(fields=["org_path", "status"], name="wish_scope_status"),
            models.Index(fields=["org_path", "published_at"], name="wish_scope_published"),
            models.Index(fields=["org_path", "claimed_at"], name="wish_scope_claimed"),
            models.Index(fields=["status", "expires_at"], name="wish_expiry"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("wishes:detail", args=[self.pk])

    @property
    def worker_name_masked(self) -> str:
        return privacy.mask_name(self.worker_name)

    @property
    def worker_phone_masked(self) -> str:
        return privacy.mask_phone(self.worker_phone)

    @property
    def worker_address_masked(self) -> str:
        return privacy.mask_text(self.worker_address, keep=3)

    @property
    def hardship_masked(self) -> str:
        return privacy.mask_text(self.hardship, keep=0) if self.hardship else ""

    @property
    def claimant_name_masked(self) -> str:
        if self.claimant_kind == self.ClaimantKind.ENTERPRISE:
            return self.claimant_company or privacy.mask_name(self.claimant_name)
        return privacy.mask_name(self.claimant_name)

    @property
    def claimant_phone_masked(self) -> str:
        return privacy.mask_phone(self.claimant_phone)

    @property
    def is_claimed(self) -> bool:
        return self.status in CLAIMED_OR_LATER


class WishTransition(TransitionRecord):
    """One step of a wish: who (staff account, or the masked public claimant), when, what."""

    subject_field = "wish"
    statuses = Status

    wish = models.ForeignKey(Wish, on_delete=models.CASCADE, related_name="history")
    # How the actor is shown: the account, a masked public claimant, or 系统.
    actor_label = models.CharField(_("操作人"), max_length=100, blank=True)

    class Meta(TransitionRecord.Meta):
        verbose_name = _("微心愿记录")
        verbose_name_plural = _("微心愿记录")

    def __str__(self) -> str:
        return f"{self.wish_id} {self.verb}"
