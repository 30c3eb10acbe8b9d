from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from gonghui.core.navigation import NavEntry


class SurveysConfig(AppConfig):
    name = "gonghui.surveys"
    label = "surveys"
    verbose_name = _("问卷测评")
    url_prefix = "surveys/"
    api_prefix = "/surveys"
    api_tag = _("问卷测评")
    navigation = (
        NavEntry(
            "services", _("问卷测评"), "surveys:list", order=50, permission="surveys.view_survey"
        ),
        NavEntry(
            "services",
            _("线上答题"),
            "surveys:quiz_list",
            order=51,
            permission="surveys.view_survey",
        ),
    )
