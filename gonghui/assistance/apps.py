from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from gonghui.core.navigation import NavEntry


class AssistanceConfig(AppConfig):
    name = "gonghui.assistance"
    label = "assistance"
    verbose_name = _("帮扶救助")
    url_prefix = "assistance/"
    api_prefix = "/assistance"
    api_tag = _("帮扶救助")
    navigation = (
        NavEntry(
            "services",
            _("困难职工帮扶"),
            "assistance:archive_list",
            order=35,
            permission="assistance.view_archive",
        ),
    )
