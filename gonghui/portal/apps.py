from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "gonghui.portal"
    label = "portal"
    verbose_name = _("公众门户")
    url_prefix = "public/"
    api_prefix = "/public"
    api_tag = _("公众门户")
