from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from gonghui.core.navigation import NavEntry


class StationsConfig(AppConfig):
    name = "gonghui.stations"
    label = "stations"
    verbose_name = _("工会驿站")
    url_prefix = "stations/"
    api_prefix = "/stations"
    api_tag = _("工会驿站")
    navigation = (NavEntry("services", _("工会驿站"), "stations:list", order=40),)
