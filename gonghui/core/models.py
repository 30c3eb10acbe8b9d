"""Base models shared by every app and the audit log."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class TransitionRecord(models.Model):
    """One row of an object's workflow history, written by `core.workflow.apply` for every
    verb (and by `core.workflow.log` for a remark that changes no status).

    Each workflow model has one concrete subclass that declares the link to the object
    (`subject_field`, a foreign key) and the status enum whose labels its rows show."""

    subject_field: str = ""
    statuses: type[models.TextChoices] | None = None

    verb = models.CharField(_("操作"), max_length=20)
    from_status = models.CharField(_("原状态"), max_length=20, blank=True)
    to_status = models.CharField(_("新状态"), max_length=20, blank=True)
    note = models.TextField(_("说明"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.verb} {self.from_status} → {self.to_status}"

    @classmethod
    def subject_kwargs(cls, obj) -> dict:
        """The fields that tie a new row to `obj`."""
        return {cls.subject_field: obj}

    @classmethod
    def history_of(cls, obj) -> models.QuerySet:
        return cls.objects.filter(**cls.subject_kwargs(obj)).select_related("by")

    def _status_label(self, value: str) -> str:
        if self.statuses is not None and value in self.statuses.values:
            return str(self.statuses(value).label)
        return value

    @property
    def from_label(self) -> str:
        return self._status_label(self.from_status)

    @property
    def to_label(self) -> str:
        return self._status_label(self.to_status)

    @property
    def verb_label(self) -> str:
        # Imported here: core.workflow imports this module (through core.audit).
        from .workflow import VERB_LABELS

        return str(VERB_LABELS.get(self.verb, self.verb))


class ManagedChoice(models.Model):
    """A list an administrator keeps as data (activity types, station kinds, services …): a stable
    code, a unique name, an order and a switch to retire an entry without losing its history."""

    code = models.SlugField(_("代码"), max_length=32, unique=True)
    name = models.CharField(_("名称"), max_length=30, unique=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        abstract = True
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.name


class AuditEntry(models.Model):
    """Who did what to which record, when and from where. Written by services, never edited."""

    class Action(models.TextChoices):
        CREATE = "create", _("新建")
        UPDATE = "update", _("修改")
        DELETE = "delete", _("删除")
        MOVE = "move", _("移动")
        VIEW_SENSITIVE = "view_sensitive", _("查看敏感信息")
        EXPORT = "export", _("导出")
        EXPORT_SENSITIVE = "export_sensitive", _("导出敏感信息")
        IMPORT = "import", _("导入")
        LOGIN = "login", _("登录")
        LOGIN_FAILED = "login_failed", _("登录失败")
        LOGOUT = "logout", _("退出")
        TRANSITION = "transition", _("状态变更")

    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("操作人账号"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)
    action = models.CharField(_("操作"), max_length=32, choices=Action.choices, db_index=True)
    target_type = models.CharField(_("对象类型"), max_length=100, blank=True, db_index=True)
    target_id = models.CharField(_("对象编号"), max_length=64, blank=True)
    target_repr = models.CharField(_("对象"), max_length=200, blank=True)
    # Organisation path of the target, so admins below the top see only their subtree's log.
    org_path = models.CharField(max_length=255, blank=True, db_index=True)
    summary = models.CharField(_("说明"), max_length=500, blank=True)
    details = models.JSONField(_("详情"), default=dict, blank=True)

    class Meta:
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.get_action_display()}"


class ScheduledJob(models.Model):
    """One row per periodic job: when it is next due, so that two schedulers never run it twice."""

    name = models.CharField(_("任务"), max_length=200, unique=True)
    cron = models.CharField(_("周期（cron）"), max_length=100)
    next_run_at = models.DateTimeField(_("下次运行"))
    last_run_at = models.DateTimeField(_("上次运行"), null=True, blank=True)
    last_task_id = models.CharField(_("上次排队的任务编号"), max_length=64, blank=True)
    # Every pass of a running scheduler stamps this, whether or not anything was due: the
    # health check reads it to tell a live scheduler from a dead one between runs.
    checked_at = models.DateTimeField(_("调度最近检查"), null=True, blank=True)

    class Meta:
        verbose_name = _("定时任务")
        verbose_name_plural = _("定时任务")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class WorkerHeartbeat(models.Model):
    """Written by each running task worker every few seconds; pages that queue work read it."""

    worker_id = models.CharField(_("worker 编号"), max_length=64, unique=True)
    hostname = models.CharField(_("主机"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("进程号"), null=True, blank=True)
    started_at = models.DateTimeField(_("启动时间"))
    seen_at = models.DateTimeField(_("最近心跳"), db_index=True)

    class Meta:
        verbose_name = _("后台任务 worker")
        verbose_name_plural = _("后台任务 worker")

    def __str__(self) -> str:
        return f"{self.hostname}:{self.pid}"


class SensitiveData(models.Model):
    """No rows: holds the permission that lifts the masking of sensitive personal information
    (ID numbers, phones, health, income) in every app, so the permission is core's own."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_sensitive", _("查看敏感个人信息（身份证号、手机号）"))]
        verbose_name = _("敏感个人信息")
        verbose_name_plural = _("敏感个人信息")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


class CalendarDay(models.Model):
    """A day whose working status the office sets by hand: a year the official calendar
    library does not know yet (the State Council publishes each year's holidays in
    November), or a local adjustment. An entry here wins over the library."""

    date = models.DateField(_("日期"), unique=True)
    is_working_day = models.BooleanField(_("是否工作日"))
    name = models.CharField(_("说明"), max_length=50, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("日历调整")
        verbose_name_plural = _("日历调整")

    def __str__(self) -> str:
        return f"{self.date} {self.name}"
