from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExportsConfig(AppConfig):
    name = "gonghui.exports"
    label = "exports"
    verbose_name = _("Excel 导出")
    url_prefix = "exports/"
