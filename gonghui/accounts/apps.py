from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "gonghui.accounts"
    label = "accounts"
    verbose_name = _("账号与角色")
    url_prefix = "accounts/"

    def ready(self):
        from . import signals  # noqa: F401  (login/logout audit receivers)
