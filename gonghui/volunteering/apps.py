from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from gonghui.core.navigation import NavEntry


class VolunteeringConfig(AppConfig):
    name = "gonghui.volunteering"
    label = "volunteering"
    verbose_name = _("志愿服务")
    url_prefix = "volunteering/"
    api_prefix = "/volunteering"
    api_tag = _("志愿服务")
    navigation = (NavEntry("services", _("志愿服务"), "volunteering:index", order=20),)
