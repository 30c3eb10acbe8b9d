from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteeringConfig(AppConfig):
    name = "gonghui.volunteering"
    label = "volunteering"
    verbose_name = _("志愿服务")
    url_prefix = "volunteering/"
    api_prefix = "/volunteering"
    api_tag = _("志愿服务")
