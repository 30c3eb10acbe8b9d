from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    name = "gonghui.ledger"
    label = "ledger"
    verbose_name = _("创建台账")
    url_prefix = "ledger/"
    api_prefix = "/ledger"
    api_tag = _("创建台账")
