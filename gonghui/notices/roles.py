"""Permissions the standard roles hold on notices (merged by accounts.roles.ensure_roles)."""

_STAFF = [
    "notices.view_notice",
    "notices.change_notice",
    "notices.handle_objection",
]

ROLE_PERMISSIONS = {
    "campaign_admin": [
        *_STAFF,
        "core.view_calendarday",
        "core.add_calendarday",
        "core.change_calendarday",
        "core.delete_calendarday",
    ],
    "grassroots_admin": _STAFF,
    "leader": ["notices.view_notice"],
}
