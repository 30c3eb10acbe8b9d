"""Assistance permissions added to the standard roles (merged by accounts.roles.ensure_roles)."""

_VIEW = [
    "assistance.view_archive",
    "assistance.view_reliefrecord",
    "assistance.view_batch",
    "assistance.view_enterprise",
    "assistance.view_modelworker",
]
_ENTER = [
    "assistance.add_archive",
    "assistance.change_archive",
    "assistance.add_reliefrecord",
    "assistance.add_enterprise",
    "assistance.change_enterprise",
    "assistance.add_modelworker",
    "assistance.change_modelworker",
]

ROLE_PERMISSIONS = {
    # A grassroots union enters its households and reviews them (基层审核).
    "grassroots_admin": [*_VIEW, *_ENTER, "assistance.review_archive"],
    # County, city and province admins approve (上级审批) and run distribution batches.
    "campaign_admin": [
        *_VIEW,
        *_ENTER,
        "assistance.review_archive",
        "assistance.approve_archive",
        "assistance.manage_batch",
    ],
    # 帮扶专员: everything, and the unmasking of sensitive data with a stated reason.
    "assistance_officer": [
        *_VIEW,
        *_ENTER,
        "assistance.review_archive",
        "assistance.approve_archive",
        "assistance.manage_batch",
        "assistance.view_assistance_sensitive",
        "assistance.change_tierrule",
        "assistance.change_regionsetting",
    ],
    "leader": _VIEW,
}
