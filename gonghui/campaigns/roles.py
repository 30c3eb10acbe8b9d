"""Campaign and framework permissions added to the standard roles."""

ROLE_PERMISSIONS = {
    "campaign_admin": [
        "campaigns.add_campaign",
        "campaigns.change_campaign",
        "campaigns.view_campaign",
        "campaigns.add_framework",
        "campaigns.change_framework",
        "campaigns.view_framework",
        "campaigns.change_assignment",
    ],
    "grassroots_admin": [
        "campaigns.add_campaign",
        "campaigns.change_campaign",
        "campaigns.view_campaign",
        "campaigns.view_framework",
        "campaigns.change_assignment",
    ],
    "leader": ["campaigns.view_campaign", "campaigns.view_framework"],
    "liaison": ["campaigns.view_campaign"],
}
