"""The nearest lookup is driven by the (cell, status) index, not a scan of the table."""

import pytest
from django.db import connection

from gonghui.stations.models import Station
from gonghui.stations.selectors import candidate_query


@pytest.mark.django_db
@pytest.mark.parametrize("k", [1, 4, 16])
def test_candidate_query_uses_the_cell_index(k):
    qs = candidate_query(Station.objects.filter(status=Station.Status.OPEN), 2500, 5800, k)
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " ".join(str(row) for row in cursor.fetchall())
        else:
            cursor.execute("SET enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = " ".join(row[0] for row in cursor.fetchall())
    assert "station_cell_status" in plan, plan
