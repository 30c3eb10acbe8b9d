from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from gonghui.core.navigation import NavEntry


class ActivitiesConfig(AppConfig):
    name = "gonghui.activities"
    label = "activities"
    verbose_name = _("活动")
    url_prefix = "activities/"
    api_prefix = "/activities"
    api_tag = _("活动")
    navigation = (NavEntry("services", _("活动"), "activities:list", order=10),)
