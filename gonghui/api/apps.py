from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from gonghui.core.navigation import NavEntry


class ApiConfig(AppConfig):
    name = "gonghui.api"
    label = "api"
    verbose_name = "API"
    navigation = (NavEntry("system", _("API 文档"), "api-1.0.0:openapi-view", order=30),)
