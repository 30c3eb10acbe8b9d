"""Document ingestion: normalise existing reports, extract facts, propose entries."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from gonghui.core.navigation import NavEntry


class IngestConfig(AppConfig):
    name = "gonghui.ingest"
    label = "ingest"
    verbose_name = _("资料导入")
    url_prefix = "ingest/"
    api_prefix = "/ingest"
    api_tag = _("资料导入")
    navigation = (NavEntry("import", _("导入已有报告"), "ingest:index", order=10),)
