"""Volunteering permissions added to the standard roles."""

ALL = [
    "volunteering.add_team",
    "volunteering.change_team",
    "volunteering.add_volunteer",
    "volunteering.change_volunteer",
    "volunteering.add_serviceevent",
    "volunteering.change_serviceevent",
    "volunteering.add_servicehours",
    "volunteering.add_pairing",
    "volunteering.change_pairing",
    "volunteering.add_visit",
    "volunteering.add_problem",
    "volunteering.change_problem",
]

ROLE_PERMISSIONS = {
    "campaign_admin": ALL,
    "grassroots_admin": ALL,
    "liaison": [
        "volunteering.change_serviceevent",
        "volunteering.add_servicehours",
        "volunteering.add_visit",
        "volunteering.add_problem",
        "volunteering.change_problem",
    ],
}
