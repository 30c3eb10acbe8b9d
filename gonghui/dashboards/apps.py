"""Dashboards: no models; figures read through other apps' selectors."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from gonghui.core.navigation import NavEntry


class DashboardsConfig(AppConfig):
    name = "gonghui.dashboards"
    label = "dashboards"
    verbose_name = _("数据看板")
    url_prefix = ""
    api_prefix = "/dashboards"
    api_tag = _("数据看板")
    navigation = (
        NavEntry("workbench", _("首页"), "dashboards:home", order=10),
        NavEntry("insight", _("数据大屏"), "dashboards:screen", order=10),
    )
