from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from gonghui.core.navigation import NavEntry


class CampaignsConfig(AppConfig):
    name = "gonghui.campaigns"
    label = "campaigns"
    verbose_name = _("文明创建")
    url_prefix = "campaigns/"
    api_prefix = "/campaigns"
    api_tag = _("文明创建")
    navigation = (
        NavEntry("creation", _("创建活动与测评体系"), "campaigns:list", order=10),
        NavEntry("creation", _("我的任务"), "campaigns:my_tasks", order=20),
    )
