"""The nearest lookup is driven by the (cell, status) index, not a scan of the table."""

import pytest
from django.conf import settings
from django.db import connection

from gonghui.stations.models import Station
from gonghui.stations.selectors import candidate_query, knn_query

# The grid-cell search is SQLite's (PostgreSQL reads the GiST index below); the test is defined
# only in the SQLite run.
if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":

    @pytest.mark.django_db
    @pytest.mark.parametrize("k", [1, 4, 16])
    def test_candidate_query_uses_the_cell_index(k):
        qs = candidate_query(Station.objects.filter(status=Station.Status.OPEN), 2500, 5800, k)
        sql, params = qs.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " ".join(str(row) for row in cursor.fetchall())
        assert "station_cell_status" in plan, plan


# The GiST position index exists on PostgreSQL only. The test is defined only in the PostgreSQL
# run: under CI a skipped test counts as a failure.
if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":

    @pytest.mark.django_db
    @pytest.mark.postgres
    def test_nearest_on_postgresql_reads_the_position_gist_index_in_distance_order():
        qs = knn_query(Station.objects.filter(status=Station.Status.OPEN), 34.75, 113.65, 40)
        sql, params = qs.values_list("pk").query.sql_with_params()
        with connection.cursor() as cursor:
            # An empty test table has no statistics; with scans and sorts discouraged the plan
            # shows whether the index can give the distance order (on real data it is chosen).
            cursor.execute("SET enable_seqscan = off")
            cursor.execute("SET enable_sort = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = " ".join(row[0] for row in cursor.fetchall())
            cursor.execute("RESET enable_sort")
        assert "station_position_gist" in plan, plan
        assert "Order By" in plan and "Sort" not in plan.replace("Order By", ""), plan
