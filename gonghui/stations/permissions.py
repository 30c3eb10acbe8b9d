"""Who may register and edit stations: the permission plus the organisation inside the scope."""

from gonghui.organizations.models import Organization
from gonghui.organizations.permissions import can_write_in

ADD_PERMISSION = "stations.add_station"
CHANGE_PERMISSION = "stations.change_station"


def can_register_in(user, organization: Organization) -> bool:
    return can_write_in(user, ADD_PERMISSION, organization, None)


def can_change(user, station) -> bool:
    if not user.is_authenticated or not user.has_perm(CHANGE_PERMISSION):
        return False
    if user.is_superuser:
        return True
    return type(station).objects.visible_to(user).filter(pk=station.pk).exists()
