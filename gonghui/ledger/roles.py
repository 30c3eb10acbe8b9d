"""Ledger permissions: liaisons upload and submit, leaders review; admins do both."""

ROLE_PERMISSIONS = {
    "campaign_admin": [
        "ledger.add_evidenceitem",
        "ledger.change_evidenceitem",
        "ledger.review_evidenceitem",
        "ledger.add_monthlyreport",
        "ledger.review_monthlyreport",
    ],
    "grassroots_admin": [
        "ledger.add_evidenceitem",
        "ledger.change_evidenceitem",
        "ledger.add_monthlyreport",
    ],
    "leader": ["ledger.review_evidenceitem", "ledger.review_monthlyreport"],
    "liaison": [
        "ledger.add_evidenceitem",
        "ledger.change_evidenceitem",
        "ledger.add_monthlyreport",
    ],
}
