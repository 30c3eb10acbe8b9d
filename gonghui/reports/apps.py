from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from gonghui.core.navigation import NavEntry


class ReportsConfig(AppConfig):
    name = "gonghui.reports"
    label = "reports"
    verbose_name = _("报告生成")
    url_prefix = "reports/"
    api_prefix = "/reports"
    api_tag = _("报告生成")
    navigation = (
        NavEntry(
            "insight",
            _("报告生成"),
            "reports:list",
            order=20,
            permission="reports.view_generatedreport",
        ),
    )
