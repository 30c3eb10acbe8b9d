from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from gonghui.core.navigation import NavEntry


class NoticesConfig(AppConfig):
    name = "gonghui.notices"
    label = "notices"
    verbose_name = _("公示")
    url_prefix = "notices/"
    api_prefix = "/notices"
    api_tag = _("公示")
    navigation = (
        NavEntry("services", _("公示"), "notices:list", order=60, permission="notices.view_notice"),
        NavEntry(
            "system",
            _("工作日历"),
            "notices:calendar",
            order=60,
            permission="core.change_calendarday",
        ),
    )
