"""DATABASES from the environment: persistent SQLite connections in WAL mode, psycopg's pool
for PostgreSQL (GONGHUI_DB_POOL), and the read replica (DATABASE_REPLICA_URL)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from config.settings.base import database_settings

ROOT = Path(__file__).resolve().parents[3]
PG_URL = "postgres://gonghui:secret@db.internal:5432/gonghui"


def test_sqlite_keeps_its_connections_with_wal_and_a_busy_timeout():
    database = database_settings("sqlite:////var/lib/gonghui/gonghui.sqlite3")
    assert database["CONN_MAX_AGE"] == 60
    assert database["CONN_HEALTH_CHECKS"] is True
    assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_postgres_without_the_pool_keeps_persistent_connections():
    database = database_settings(PG_URL)
    assert database["CONN_MAX_AGE"] == 60
    assert "pool" not in database.get("OPTIONS", {})


def test_postgres_with_the_pool_hands_connections_back_each_request(monkeypatch):
    monkeypatch.setenv("GONGHUI_DB_POOL_MAX_SIZE", "12")
    database = database_settings(PG_URL, pool=True)
    # Django refuses a pool combined with persistent connections.
    assert database["CONN_MAX_AGE"] == 0
    assert database["OPTIONS"]["pool"] == {"min_size": 2, "max_size": 12, "timeout": 10}


def _settings_in_a_fresh_process(**env) -> dict:
    code = (
        "import json; from django.conf import settings;"
        "print(json.dumps({alias: {'engine': db['ENGINE'], 'name': db['NAME'],"
        " 'max_age': db['CONN_MAX_AGE'], 'options': db.get('OPTIONS', {}),"
        " 'test': db.get('TEST', {})} for alias, db in settings.DATABASES.items()}))"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DJANGO_DEBUG": "true",
        **env,
    }
    for name in ("DATABASE_REPLICA_URL", "GONGHUI_DB_POOL"):
        if name not in env:
            environment.pop(name, None)
    out = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_the_environment_chooses_the_pool_and_the_replica():
    found = _settings_in_a_fresh_process(
        DATABASE_URL=PG_URL,
        GONGHUI_DB_POOL="1",
        DATABASE_REPLICA_URL="postgres://gonghui:secret@replica.internal:5432/gonghui",
    )
    assert set(found) == {"default", "replica"}
    assert found["default"]["options"]["pool"]["max_size"] == 8
    assert found["replica"]["options"]["pool"]["max_size"] == 8
    assert found["replica"]["max_age"] == 0
    # In tests "the replica" is the test database itself.
    assert found["replica"]["test"]["MIRROR"] == "default"


def test_no_replica_unless_configured():
    found = _settings_in_a_fresh_process(DATABASE_URL=PG_URL)
    assert set(found) == {"default"}


# Defined only in the PostgreSQL run: under CI a skipped test counts as a failure.
if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":

    @pytest.mark.postgres
    @pytest.mark.django_db
    def test_the_pool_serves_real_connections_on_postgresql():
        from django.db.backends.postgresql.base import DatabaseWrapper

        pooled = {
            **connection.settings_dict,
            "CONN_MAX_AGE": 0,
            "OPTIONS": {"pool": {"min_size": 1, "max_size": 2, "timeout": 5}},
        }
        wrapper = DatabaseWrapper(pooled, alias="pooled")
        try:
            for _ in range(3):  # more rounds than connections: each is handed back and reused
                with wrapper.cursor() as cursor:
                    cursor.execute("SELECT 1")
                    assert cursor.fetchone() == (1,)
                wrapper.close()
            assert wrapper.pool is not None
            assert wrapper.pool.get_stats()["pool_size"] <= 2
        finally:
            wrapper.close_pool()
