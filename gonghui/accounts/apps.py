from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from gonghui.core.navigation import NavEntry


class AccountsConfig(AppConfig):
    name = "gonghui.accounts"
    label = "accounts"
    verbose_name = _("账号与角色")
    url_prefix = "accounts/"
    navigation = (
        NavEntry(
            "system", _("用户与角色"), "admin:accounts_user_changelist", order=20, staff_only=True
        ),
    )

    def ready(self):
        from . import signals  # noqa: F401  (login/logout audit receivers)
