from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from gonghui.core.navigation import NavEntry


class OrganizationsConfig(AppConfig):
    name = "gonghui.organizations"
    label = "organizations"
    verbose_name = _("组织机构")
    url_prefix = "orgs/"
    api_prefix = "/organizations"
    api_tag = _("组织")
    navigation = (NavEntry("directory", _("组织机构"), "organizations:tree", order=10),)
