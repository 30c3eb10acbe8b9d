"""Report permissions added to the standard roles: the campaign office writes the reports,
leaders read them."""

WRITE = [
    "reports.add_generatedreport",
    "reports.change_generatedreport",
    "reports.view_generatedreport",
]

ROLE_PERMISSIONS = {
    "campaign_admin": WRITE,
    "leader": ["reports.view_generatedreport"],
}
