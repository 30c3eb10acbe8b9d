"""The stations' routes and victim records for the IDOR matrix (api/tests/test_idor_matrix.py);
the station itself is built by the shared world (world.ids["station"])."""

from gonghui.api.tests.world import MARK

BY_NAME = {"photo_id": "station_photo", "inspection_id": "station_inspection"}
PUBLIC_PAGES = {
    "stations:public_photo": "a photo of a publicly listed station, as on its public page "
    "(inspection photos are refused)",
}


def build(world):
    import datetime as dt

    from gonghui.stations.models import Inspection, Station, StationPhoto, StationUsage

    station = Station.objects.get(pk=world.ids["station"])
    inspection = Inspection.objects.create(
        station=station,
        year=2026,
        inspected_on=dt.date(2026, 3, 1),
        inspector=f"{MARK}检查人",
        results=[],
        score=90,
        max_score=100,
        stars=5,
        note=f"{MARK}检查意见",
    )
    world.ids["station_inspection"] = inspection.pk
    # An inspection's photo: staff only, never on the public page.
    world.ids["station_photo"] = StationPhoto.objects.create(
        station=station,
        inspection=inspection,
        file="stations/photos/victim.png",
        original_name=f"{MARK}.png",
        sha256="0" * 64,
    ).pk
    StationUsage.objects.create(station=station, month=dt.date(2026, 1, 1), visits=777)
