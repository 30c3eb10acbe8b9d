from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from gonghui.core.navigation import NavEntry


class HonoursConfig(AppConfig):
    name = "gonghui.honours"
    label = "honours"
    verbose_name = _("推优评先")
    url_prefix = "honours/"
    api_prefix = "/honours"
    api_tag = _("推优评先")
    navigation = (
        NavEntry(
            "services", _("推优评先"), "honours:rounds", order=55, permission="honours.view_round"
        ),
    )

    def ready(self):
        from . import receivers

        receivers.connect()
