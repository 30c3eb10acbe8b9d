"""The keyword-search index of activities (see gonghui/activities/search.py): an FTS5 table on
SQLite, a GIN-indexed token array on PostgreSQL; filled from the activities already there."""

from django.db import migrations

from gonghui.activities.search import TABLE, all_rows, index_rows


def create(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {TABLE} "
                "(activity_id bigint PRIMARY KEY, tokens text[] NOT NULL)"
            )
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {TABLE}_tokens ON {TABLE} USING gin (tokens)"
            )
        else:
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
                "tokens, detail=none, tokenize='unicode61 remove_diacritics 0')"
            )
    Activity = apps.get_model("activities", "Activity")
    index_rows(all_rows(Activity))


def drop(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):
    dependencies = [("activities", "0002_activity_types")]

    operations = [migrations.RunPython(create, drop)]
