"""Reading a whole table a finished chunk at a time, for work that writes while it reads.

A single streamed query (`.iterator()`) keeps its read open until the last row: on SQLite that
pins the write-ahead log for as long, so whatever the loop writes meanwhile (an index rebuilt,
rows re-encrypted) can never be checkpointed, and the log grew to tens of gigabytes. Keyset
chunks by primary key are each one query read to its end, and cost the same whatever the
table's size (no OFFSET).
"""

from collections.abc import Iterator

from django.db.models import QuerySet


def chunks_by_pk(queryset: QuerySet, *fields: str, size: int = 5000) -> Iterator[list[tuple]]:
    """Lists of (pk, *fields) rows of `queryset` in primary-key order, at most `size` each."""
    last = None
    while True:
        chunk = queryset if last is None else queryset.filter(pk__gt=last)
        rows = list(chunk.order_by("pk").values_list("pk", *fields)[:size])
        if rows:
            yield rows
        if len(rows) < size:
            return
        last = rows[-1][0]
