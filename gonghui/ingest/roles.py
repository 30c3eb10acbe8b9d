"""Ingestion permissions added to the standard roles."""

REVIEW = [
    "ingest.add_ingesteddocument",
    "ingest.view_ingesteddocument",
    "ingest.change_proposal",
    "ingest.view_proposal",
]

ROLE_PERMISSIONS = {
    "campaign_admin": [*REVIEW, "ingest.delete_ingesteddocument"],
    "grassroots_admin": REVIEW,
    "liaison": REVIEW,
    "leader": ["ingest.view_ingesteddocument", "ingest.view_proposal"],
}
