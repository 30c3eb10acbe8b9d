"""A person known to the union: member, cadre, volunteer, model worker or needy worker."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.core import privacy
from gonghui.core.models import TimeStampedModel
from gonghui.organizations.scoping import OrgScopedModel


class Person(OrgScopedModel, TimeStampedModel):
    class Gender(models.TextChoices):
        MALE = "M", _("男")
        FEMALE = "F", _("女")

    class ModelWorkerLevel(models.TextChoices):
        NONE = "", _("无")
        NATIONAL = "national", _("全国劳模")
        PROVINCIAL = "provincial", _("省部级劳模")
        CITY = "city", _("市厅级劳模")
        CRAFTSMAN = "craftsman", _("工匠")

    name = models.CharField(_("姓名"), max_length=50)
    name_initials = models.CharField(_("姓名拼音首字母"), max_length=50, editable=False)
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("出生日期"), null=True, blank=True)
    phone = models.CharField(_("手机号"), max_length=20, blank=True)
    phone_tail = models.CharField(max_length=4, blank=True, editable=False)
    id_number = models.CharField(_("身份证号"), max_length=18, unique=True)
    department = models.ForeignKey(
        "organizations.Department",
        verbose_name=_("部门"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    post = models.ForeignKey(
        "organizations.Post",
        verbose_name=_("岗位"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    model_worker_level = models.CharField(
        _("劳模级别"), max_length=12, choices=ModelWorkerLevel.choices, blank=True, default=""
    )
    is_volunteer = models.BooleanField(_("志愿者"), default=False)
    is_needy = models.BooleanField(_("困难职工"), default=False)
    is_liaison = models.BooleanField(_("联络员"), default=False)
    is_active = models.BooleanField(_("在职"), default=True)

    scope_owner_field = None

    @classmethod
    def own_records(cls, scope) -> models.Q:
        """Under the "self" scope a user sees the person they are (User.person)."""
        person_id = getattr(scope, "person_id", None)
        return models.Q(pk=person_id) if person_id else models.Q(pk__in=[])

    class Meta:
        verbose_name = _("人员")
        verbose_name_plural = _("人员")
        ordering = ["org_path", "name", "pk"]
        indexes = [
            models.Index(fields=["org_path", "name", "id"], name="person_scope_name"),
            # Prefix search (`__prefix`): plain B-tree on SQLite, pattern ops on PostgreSQL.
            models.Index(fields=["name"], name="person_name", opclasses=["varchar_pattern_ops"]),
            models.Index(
                fields=["name_initials"], name="person_initials", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(fields=["phone_tail"], name="person_phone_tail"),
            # Tag filters inside a subtree read only the tagged people, already in list order.
            *[
                models.Index(
                    fields=["org_path", "name", "id"], name=f"person_{tag}", condition=condition
                )
                for tag, condition in (
                    ("volunteer", models.Q(is_volunteer=True)),
                    ("needy", models.Q(is_needy=True)),
                    ("liaison", models.Q(is_liaison=True)),
                    ("model_worker", ~models.Q(model_worker_level="")),
                )
            ],
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("people:detail", args=[self.pk])

    @property
    def id_number_masked(self) -> str:
        return privacy.mask_id_number(self.id_number)

    @property
    def phone_masked(self) -> str:
        return privacy.mask_phone(self.phone)

    @property
    def tags(self) -> list[str]:
        tags = []
        if self.model_worker_level:
            tags.append(self.get_model_worker_level_display())
        if self.is_volunteer:
            tags.append(str(_("志愿者")))
        if self.is_needy:
            tags.append(str(_("困难职工")))
        if self.is_liaison:
            tags.append(str(_("联络员")))
        return tags


class PeopleTally(models.Model):
    """How many people one organisation has on its own register (not its subtree's): all of
    them, the volunteers and the model workers. The database keeps it exact with triggers on
    the people table (people/tallies.py), so every write counts — a form, an import, a bulk
    load, a demo, an organisation moved — and a province's headline figures are a sum over its
    organisations' rows instead of a count of ten million people."""

    organization = models.OneToOneField(
        "organizations.Organization",
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    org_path = models.CharField(max_length=255, db_index=True)
    people = models.BigIntegerField(default=0)
    volunteers = models.BigIntegerField(default=0)
    model_workers = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("人员计数")
        verbose_name_plural = _("人员计数")

    def __str__(self) -> str:
        return f"{self.org_path}: {self.people}"
