"""Login, logout and failed logins go to the audit log."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from gonghui.core import audit


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
