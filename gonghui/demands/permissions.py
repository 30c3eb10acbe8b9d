"""Who may register, handle and unmask demands."""

from gonghui.core import privacy

REGISTER = "demands.add_demand"
HANDLE = "demands.handle_demand"
SENSITIVE = "demands.view_demand_sensitive"


def can_view_sensitive(user) -> bool:
    return privacy.can_view_sensitive(user, SENSITIVE)


def can_handle(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_perm(HANDLE))
