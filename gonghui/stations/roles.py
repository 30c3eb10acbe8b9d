"""Station permissions added to the standard roles."""

RECORD = ["stations.add_station", "stations.change_station", "stations.view_station"]

ROLE_PERMISSIONS = {
    "campaign_admin": [*RECORD, "stations.change_stationkind", "stations.change_stationservice"],
    "grassroots_admin": RECORD,
    "liaison": ["stations.view_station"],
    "leader": ["stations.view_station"],
}
