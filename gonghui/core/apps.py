from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from .navigation import NavEntry


class CoreConfig(AppConfig):
    name = "gonghui.core"
    label = "core"
    verbose_name = _("公共基础")
    url_prefix = ""
    navigation = (NavEntry("system", _("审计日志"), "core:audit", order=10),)

    def ready(self):
        from . import lookups  # noqa: F401  (registers the `prefix` lookup)
