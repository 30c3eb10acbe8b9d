"""Permissions the standard roles hold on honours (merged by accounts.roles.ensure_roles)."""

_STAFF = [
    "honours.view_round",
    "honours.view_nomination",
    "honours.add_nomination",
    "honours.change_nomination",
    "honours.review_nomination",
]

ROLE_PERMISSIONS = {
    "campaign_admin": [*_STAFF, "honours.manage_round", "honours.add_round"],
    "grassroots_admin": _STAFF,
    "leader": ["honours.view_round", "honours.view_nomination"],
    "liaison": ["honours.view_round", "honours.view_nomination"],
}
