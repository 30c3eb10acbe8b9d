from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from gonghui.core.navigation import NavEntry


class LedgerConfig(AppConfig):
    name = "gonghui.ledger"
    label = "ledger"
    verbose_name = _("创建台账")
    url_prefix = "ledger/"
    api_prefix = "/ledger"
    api_tag = _("创建台账")
    navigation = (
        NavEntry("creation", _("创建台账"), "ledger:index", order=30),
        NavEntry("creation", _("月度汇报会"), "ledger:meeting", order=40),
    )
