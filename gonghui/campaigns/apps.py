from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "gonghui.campaigns"
    label = "campaigns"
    verbose_name = _("文明创建")
    url_prefix = "campaigns/"
    api_prefix = "/campaigns"
    api_tag = _("文明创建")
