from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from gonghui.core.navigation import NavEntry


class WishesConfig(AppConfig):
    name = "gonghui.wishes"
    label = "wishes"
    verbose_name = _("微心愿")
    url_prefix = "wishes/"
    api_prefix = "/wishes"
    api_tag = _("微心愿")
    navigation = (NavEntry("services", _("微心愿"), "wishes:list", order=30),)
