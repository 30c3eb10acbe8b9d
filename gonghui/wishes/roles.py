"""Permissions the standard roles hold on wishes (merged by accounts.roles.ensure_roles)."""

_HANDLING = [
    "wishes.view_wish",
    "wishes.add_wish",
    "wishes.change_wish",
    "wishes.vet_wish",
]

ROLE_PERMISSIONS = {
    "campaign_admin": _HANDLING,
    "grassroots_admin": _HANDLING,
    "assistance_officer": [*_HANDLING, "wishes.view_wish_sensitive"],
    "liaison": ["wishes.view_wish", "wishes.add_wish"],
    "leader": ["wishes.view_wish"],
}
