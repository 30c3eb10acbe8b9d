"""Activity permissions added to the standard roles."""

RECORD = ["activities.add_activity", "activities.change_activity", "activities.view_activity"]

ROLE_PERMISSIONS = {
    "campaign_admin": [
        *RECORD,
        "activities.delete_activity",
        "activities.add_activitytype",
        "activities.change_activitytype",
    ],
    "grassroots_admin": [*RECORD, "activities.delete_activity"],
    "liaison": RECORD,
    "leader": ["activities.view_activity"],
}
