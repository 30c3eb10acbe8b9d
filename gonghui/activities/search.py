"""Keyword search of activities for Chinese text: a character n-gram index kept in step by the
services.

An activity's title, place and description are cut into runs of letters and digits (Chinese
characters count as letters; punctuation and spaces separate runs); every run gives its single
characters and its adjacent pairs (bigrams) as tokens. A query of one character looks up that
character; a longer one looks up all its bigrams, and the candidates are then checked against
the exact text (`icontains`), so a hit is always a real substring match and an entry left
behind by a removed activity can never show.

The index is a database-specific table created by migration 0003:
- SQLite: an FTS5 table `activities_search(tokens)` whose rowid is the activity id;
- PostgreSQL: `activities_search(activity_id, tokens text[])` with a GIN index (`@>`).
"""

from collections.abc import Iterable, Iterator

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

from gonghui.core.batches import chunks_by_pk

TABLE = "activities_search"
FIELDS = ("title", "place", "description")


def _runs(text: str) -> list[str]:
    runs, current = [], []
    for ch in (text or "").lower():
        if ch.isalnum():
            current.append(ch)
        elif current:
            runs.append("".join(current))
            current = []
    if current:
        runs.append("".join(current))
    return runs


def tokens_of(*texts: str) -> list[str]:
    """Unigrams and bigrams of every run in the texts, each once, in first-seen order."""
    seen: dict[str, None] = {}
    for text in texts:
        for run in _runs(text):
            for i, ch in enumerate(run):
                seen[ch] = None
                if i + 1 < len(run):
                    seen[run[i : i + 2]] = None
    return list(seen)


def query_tokens(query: str) -> list[str]:
    """The tokens every matching activity must have: the character of a one-character run, the
    bigrams of longer runs. Empty when the query has no letters or digits."""
    wanted: dict[str, None] = {}
    for run in _runs(query):
        if len(run) == 1:
            wanted[run] = None
        else:
            for i in range(len(run) - 1):
                wanted[run[i : i + 2]] = None
    return list(wanted)


def _document(activity) -> list[str]:
    return tokens_of(*(getattr(activity, f) or "" for f in FIELDS))


def index(activity) -> None:
    """(Re)index one activity after it was saved."""
    tokens = _document(activity)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"INSERT INTO {TABLE} (activity_id, tokens) VALUES (%s, %s) "
                "ON CONFLICT (activity_id) DO UPDATE SET tokens = EXCLUDED.tokens",
                [activity.pk, tokens],
            )
        else:
            cursor.execute(f"DELETE FROM {TABLE} WHERE rowid = %s", [activity.pk])
            cursor.execute(
                f"INSERT INTO {TABLE} (rowid, tokens) VALUES (%s, %s)",
                [activity.pk, " ".join(tokens)],
            )


def unindex(activity_id: int) -> None:
    key = "activity_id" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE {key} = %s", [activity_id])


def index_rows(rows: Iterable[tuple]) -> int:
    """Index (id, title, place, description) rows in bulk (generation, rebuild)."""
    n = 0
    batch: list = []

    def flush():
        if not batch:
            return
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.executemany(
                    f"INSERT INTO {TABLE} (activity_id, tokens) VALUES (%s, %s) "
                    "ON CONFLICT (activity_id) DO UPDATE SET tokens = EXCLUDED.tokens",
                    batch,
                )
            else:
                cursor.executemany(f"INSERT INTO {TABLE} (rowid, tokens) VALUES (%s, %s)", batch)
        batch.clear()

    sqlite = connection.vendor != "postgresql"
    for pk, *texts in rows:
        tokens = tokens_of(*texts)
        batch.append((pk, " ".join(tokens) if sqlite else tokens))
        n += 1
        if len(batch) >= 5000:
            flush()
    flush()
    return n


def rebuild() -> int:
    """Empty the index and index every activity again (after bulk loads and repairs)."""
    from .models import Activity

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
    n = index_rows(all_rows(Activity))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {TABLE}")
        else:
            cursor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('optimize')")
    return n


def all_rows(model, chunk: int = 5000) -> Iterator[tuple]:
    """(id, title, place, description) of every activity, read a finished chunk at a time
    (core.batches): the index is written while they are read."""
    for rows in chunks_by_pk(model.objects.all(), *FIELDS, size=chunk):
        yield from rows


def exact(query: str) -> Q:
    """Activities whose title, place or description contains each word of the query: the
    truth a hit is checked against (no index)."""
    condition = Q()
    for run in query.split():
        condition &= (
            Q(title__icontains=run) | Q(place__icontains=run) | Q(description__icontains=run)
        )
    return condition


def matching(query: str) -> Q:
    """A filter for activities whose title, place or description contains the query."""
    wanted = query_tokens(query)
    exact_match = exact(query)
    if not wanted:
        return exact_match
    if connection.vendor == "postgresql":
        ids = RawSQL(f"SELECT activity_id FROM {TABLE} WHERE tokens @> %s::text[]", [wanted])
    else:
        expression = " ".join(f'"{token}"' for token in wanted)
        ids = RawSQL(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [expression])
    return Q(pk__in=ids) & exact_match
