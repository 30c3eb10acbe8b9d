from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from gonghui.core.navigation import NavEntry


class PeopleConfig(AppConfig):
    name = "gonghui.people"
    label = "people"
    verbose_name = _("人员")
    url_prefix = "people/"
    api_prefix = "/people"
    api_tag = _("人员")
    navigation = (NavEntry("directory", _("人员"), "people:list", order=20),)

    def ready(self):
        from . import tallies

        post_migrate.connect(tallies.ensure_installed, sender=self)
