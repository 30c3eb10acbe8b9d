"""On PostgreSQL, a GiST index on the stations' positions as built-in points (longitude,
latitude), so that the nearest lookup reads candidates in distance order (`<->`, KNN) without
PostGIS. Other databases keep using the grid cell index; the model state does not change."""

from django.db import migrations

INDEX = "station_position_gist"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON stations_station "
        "USING gist (point(longitude, latitude))"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("stations", "0004_seed_inspection_items")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
