from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WishesConfig(AppConfig):
    name = "gonghui.wishes"
    label = "wishes"
    verbose_name = _("微心愿")
    url_prefix = "wishes/"
    api_prefix = "/wishes"
    api_tag = _("微心愿")
