"""Per-organisation people counts (PeopleTally), kept by the database itself.

Triggers on the people table add a person to their organisation's row when inserted, take them
off when deleted, and move them when their organisation, path, volunteer flag or model-worker
level changes — whoever writes: the services, `bulk_create`, an import, a queryset `update()`
moving an organisation's people, raw SQL. A headline count of a scope is then one sum over at
most one row per organisation.

A bulk load of millions of rows (`gonghui gen-scale`) suspends the triggers inside its
transaction and rebuilds the counts once at the end (`suspended()`).
"""

import contextlib

from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models import Sum

from gonghui.organizations.scoping import DataScope, scope_filter, scope_of

from .models import PeopleTally, Person

PEOPLE = Person._meta.db_table
TALLY = PeopleTally._meta.db_table
WATCHED = ("organization_id", "org_path", "is_volunteer", "model_worker_level")


def _counted(row: str = "") -> tuple[str, str]:
    """What a person counts for as volunteer and as model worker (0 or 1), as SQL on `row`
    (NEW, OLD, or the table's own columns)."""
    prefix = f"{row}." if row else ""
    cast = "::int" if connection.vendor == "postgresql" else ""
    return f"{prefix}is_volunteer{cast}", f"({prefix}model_worker_level <> ''){cast}"


def _take(row: str) -> str:
    volunteer, worker = _counted(row)
    return (
        f"UPDATE {TALLY} SET people = people - 1, volunteers = volunteers - {volunteer}, "
        f"model_workers = model_workers - {worker} WHERE organization_id = {row}.organization_id"
    )


def _put(row: str) -> str:
    volunteer, worker = _counted(row)
    return (
        f"INSERT INTO {TALLY} (organization_id, org_path, people, volunteers, model_workers) "
        f"VALUES ({row}.organization_id, {row}.org_path, 1, {volunteer}, {worker}) "
        "ON CONFLICT (organization_id) DO UPDATE SET org_path = excluded.org_path, "
        f"people = {TALLY}.people + 1, volunteers = {TALLY}.volunteers + excluded.volunteers, "
        f"model_workers = {TALLY}.model_workers + excluded.model_workers"
    )


def _changed() -> str:
    op = "IS NOT" if connection.vendor == "sqlite" else "IS DISTINCT FROM"
    return " OR ".join(f"OLD.{c} {op} NEW.{c}" for c in WATCHED)


def _trigger_sql() -> list[str]:
    watched = ", ".join(WATCHED)
    if connection.vendor == "postgresql":
        return [
            "CREATE OR REPLACE FUNCTION people_tally() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            "BEGIN\n"
            f"  IF TG_OP <> 'INSERT' THEN {_take('OLD')}; END IF;\n"
            f"  IF TG_OP <> 'DELETE' THEN {_put('NEW')}; END IF;\n"
            "  RETURN NULL;\n"
            "END $$",
            f"CREATE TRIGGER people_tally_insert AFTER INSERT ON {PEOPLE} "
            "FOR EACH ROW EXECUTE FUNCTION people_tally()",
            f"CREATE TRIGGER people_tally_delete AFTER DELETE ON {PEOPLE} "
            "FOR EACH ROW EXECUTE FUNCTION people_tally()",
            f"CREATE TRIGGER people_tally_update AFTER UPDATE OF {watched} ON {PEOPLE} "
            f"FOR EACH ROW WHEN ({_changed()}) EXECUTE FUNCTION people_tally()",
        ]
    return [
        f"CREATE TRIGGER people_tally_insert AFTER INSERT ON {PEOPLE} BEGIN {_put('NEW')}; END",
        f"CREATE TRIGGER people_tally_delete AFTER DELETE ON {PEOPLE} BEGIN {_take('OLD')}; END",
        f"CREATE TRIGGER people_tally_update AFTER UPDATE OF {watched} ON {PEOPLE} "
        f"WHEN {_changed()} BEGIN {_take('OLD')}; {_put('NEW')}; END",
    ]


def install() -> None:
    """Create the triggers (migrations; the end of `suspended()`)."""
    with connection.cursor() as cursor:
        for sql in _trigger_sql():
            cursor.execute(sql)


def uninstall() -> None:
    on = f" ON {PEOPLE}" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        for name in ("insert", "delete", "update"):
            cursor.execute(f"DROP TRIGGER IF EXISTS people_tally_{name}{on}")
        if connection.vendor == "postgresql":
            cursor.execute("DROP FUNCTION IF EXISTS people_tally()")


def installed() -> bool:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgrelid = %s::regclass "
                "AND tgname LIKE 'people_tally_%%'",
                [PEOPLE],
            )
        else:
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name = %s AND name LIKE 'people_tally_%%'",
                [PEOPLE],
            )
        return cursor.fetchone()[0] == 3


def ensure_installed(*, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """After every `migrate`: triggers that a later migration dropped are put back and the
    counts rebuilt. (SQLite rebuilds a table to alter one of its columns, and the triggers
    of the old table go with it.)"""
    if using != DEFAULT_DB_ALIAS or TALLY not in connection.introspection.table_names():
        return
    if not installed():
        uninstall()
        install()
        rebuild()


def rebuild() -> None:
    """Count every organisation's people again from the people table."""
    volunteer, worker = _counted()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TALLY}")
        cursor.execute(
            f"INSERT INTO {TALLY} (organization_id, org_path, people, volunteers, model_workers) "
            f"SELECT organization_id, MAX(org_path), COUNT(*), SUM({volunteer}), SUM({worker}) "
            f"FROM {PEOPLE} GROUP BY organization_id"
        )


@contextlib.contextmanager
def suspended():
    """Inside a transaction: no trigger runs for the rows written here; the counts are rebuilt
    and the triggers restored at the end (dropping a trigger is transactional on both
    databases, so a failed load leaves them as they were)."""
    uninstall()
    yield
    rebuild()
    install()


# Scopes whose people are whole organisations: their count is a sum of tally rows.
_BY_ORGANIZATION = {DataScope.ALL, DataScope.SUBTREE, DataScope.ORGANIZATION}


def headline_counts(user) -> dict:
    """The people, volunteers and model workers the user can see. A department's or a
    person's own scope is a handful of people, counted directly."""
    scope = scope_of(user)
    if scope is not None and scope.data_scope in _BY_ORGANIZATION:
        totals = PeopleTally.objects.filter(scope_filter(user, department_field=None)).aggregate(
            num_people=Sum("people"),
            num_volunteers=Sum("volunteers"),
            num_model_workers=Sum("model_workers"),
        )
        return {key: value or 0 for key, value in totals.items()}
    people = Person.objects.visible_to(user)
    return {
        "num_people": people.count(),
        "num_volunteers": people.filter(is_volunteer=True).count(),
        "num_model_workers": people.exclude(model_worker_level="").count(),
    }
