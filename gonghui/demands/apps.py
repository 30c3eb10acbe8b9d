from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from gonghui.core.navigation import NavEntry


class DemandsConfig(AppConfig):
    name = "gonghui.demands"
    label = "demands"
    verbose_name = _("职工诉求")
    url_prefix = "demands/"
    api_prefix = "/demands"
    api_tag = _("职工诉求")
    navigation = (
        NavEntry("services", _("职工诉求"), "demands:list", order=45),
        NavEntry(
            "services",
            _("诉求督办"),
            "demands:supervision",
            order=46,
            permission="demands.view_demand",
        ),
        NavEntry(
            "services",
            _("12351热线登记"),
            "demands:hotline",
            order=47,
            permission="demands.add_demand",
        ),
    )
