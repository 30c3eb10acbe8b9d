"""Permissions the standard roles hold on demands (merged by accounts.roles.ensure_roles)."""

_HANDLING = [
    "demands.view_demand",
    "demands.add_demand",
    "demands.handle_demand",
    "demands.view_demand_sensitive",
]

ROLE_PERMISSIONS = {
    "campaign_admin": _HANDLING,
    "grassroots_admin": _HANDLING,
    "hotline_operator": ["demands.view_demand", "demands.add_demand"],
    "leader": ["demands.view_demand"],
}
