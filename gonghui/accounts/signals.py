"""Login, logout and failed logins go to the audit log; a change of a role's or a user's
permissions is stamped on that role or user, so every site process's kept permissions
(accounts.backends) are replaced on that user's next request."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.utils import timezone

from gonghui.core import audit

from .models import Role, User

_CHANGES = frozenset({"post_add", "post_remove", "post_clear"})


def _stamp(model, field: str, instance, reverse: bool, pk_set) -> None:
    if not reverse:
        owners = model.objects.filter(pk=instance.pk)
    elif pk_set:
        owners = model.objects.filter(pk__in=pk_set)
    else:
        # A permission's links cleared from its side: which owners held it is gone already.
        owners = model.objects.all()
    owners.update(**{field: timezone.now()})


@receiver(m2m_changed, sender=Role.permissions.through)
def _role_permissions_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action in _CHANGES:
        _stamp(Role, "updated_at", instance, reverse, pk_set)


@receiver(m2m_changed, sender=User.user_permissions.through)
def _user_permissions_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action in _CHANGES:
        _stamp(User, "permissions_changed_at", instance, reverse, pk_set)


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    audit.record(by=user, action=audit.Action.LOGIN, target=user, summary="登录")


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit.record(by=user, action=audit.Action.LOGOUT, target=user, summary="退出登录")


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    audit.record(
        by=None,
        action=audit.Action.LOGIN_FAILED,
        summary=f"登录失败：{str(credentials.get('username', ''))[:50]}",
    )
