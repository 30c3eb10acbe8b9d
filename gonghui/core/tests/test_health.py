"""`/healthz`: database, storage, worker and scheduler; 200 when all pass, 503 otherwise; no
login and nothing sensitive in the answer."""

import datetime as dt
import json

import pytest
from django.core.files.storage import default_storage
from django.db import connections
from django.test import override_settings
from django.utils import timezone

from gonghui.core import scheduling, workers

DATABASE_TASKS = override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
)


def beat(seconds_ago: float) -> None:
    now = timezone.now() - dt.timedelta(seconds=seconds_ago)
    workers.record_heartbeat(worker_id="w1", started_at=now, now=now)


def scheduler_pass(seconds_ago: float) -> None:
    scheduling.run_due(now=timezone.now() - dt.timedelta(seconds=seconds_ago))


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def get(client, query=""):
    response = client.get(f"/healthz{query}")
    return response, json.loads(response.content)


@pytest.mark.django_db
@DATABASE_TASKS
def test_all_checks_pass_with_a_live_worker_and_scheduler_and_no_login(client, media):
    scheduler_pass(seconds_ago=20)
    beat(seconds_ago=5)
    response, body = get(client)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "storage", "worker", "scheduler"}
    assert all(check["ok"] for check in body["checks"].values())
    assert 5 <= body["checks"]["worker"]["seen_seconds_ago"] < 30
    assert 20 <= body["checks"]["scheduler"]["seen_seconds_ago"] < 60
    # The storage probe is written and removed again.
    assert list(media.rglob("*.txt")) == []


@pytest.mark.django_db
@DATABASE_TASKS
def test_a_worker_not_seen_recently_answers_503(client, media):
    scheduler_pass(seconds_ago=0)
    beat(seconds_ago=workers.STALE_AFTER.total_seconds() + 5)
    response, body = get(client)
    assert response.status_code == 503
    assert body["status"] == "fail"
    assert body["checks"]["worker"]["ok"] is False
    assert body["checks"]["scheduler"]["ok"] is True


@pytest.mark.django_db
@DATABASE_TASKS
def test_no_scheduler_ever_or_a_silent_one_answers_503(client, media):
    beat(seconds_ago=0)
    response, body = get(client)
    assert response.status_code == 503
    assert body["checks"]["scheduler"] == {"ok": False, "seen_seconds_ago": None}
    scheduler_pass(seconds_ago=scheduling.STALE_AFTER.total_seconds() + 5)
    response, body = get(client)
    assert response.status_code == 503
    assert body["checks"]["scheduler"]["ok"] is False


@pytest.mark.django_db
def test_without_a_queue_backend_no_worker_is_needed(client, media):
    # The test settings run tasks in-process (immediate backend).
    scheduler_pass(seconds_ago=0)
    response, body = get(client)
    assert response.status_code == 200
    assert body["checks"]["worker"]["ok"] is True


@pytest.mark.django_db
def test_a_storage_that_cannot_be_written_answers_503_without_details(
    client, media, monkeypatch, caplog
):
    def refuse(*args, **kwargs):
        raise PermissionError(f"[Errno 13] Permission denied: '{media}/healthz/x.txt'")

    monkeypatch.setattr(default_storage, "save", refuse)
    response, body = get(client, "?check=storage")
    assert response.status_code == 503
    assert body == {"status": "fail", "checks": {"storage": {"ok": False}}}
    # The reason is logged for the operator, never shown to whoever probes.
    assert str(media) not in response.content.decode()
    assert "Permission denied" in caplog.text


@pytest.mark.django_db
def test_a_database_that_fails_answers_503(client, media, monkeypatch):
    connection = connections["default"]

    def broken_cursor(*args, **kwargs):
        raise connection.Database.OperationalError("server closed the connection")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response, body = get(client, "?check=database")
    assert response.status_code == 503
    assert body["checks"] == {"database": {"ok": False}}


@pytest.mark.django_db
@DATABASE_TASKS
def test_a_load_balancer_can_ask_for_the_web_checks_only(client, media):
    # No worker and no scheduler have ever run: the web node itself is still fine.
    response, body = get(client, "?check=database&check=storage&check=unknown")
    assert response.status_code == 200
    assert set(body["checks"]) == {"database", "storage"}


@pytest.mark.django_db
def test_the_probe_is_not_redirected_to_https_and_sets_no_cookie(client, media, settings):
    settings.SECURE_SSL_REDIRECT = True
    scheduler_pass(seconds_ago=0)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert not response.cookies
    # The rest of the site still is.
    assert client.get("/accounts/login/").status_code == 301


@pytest.mark.django_db
def test_only_reading_methods_are_answered(client, media):
    assert client.post("/healthz").status_code == 405
    assert client.head("/healthz").status_code in (200, 503)


@pytest.mark.django_db
def test_each_scheduler_pass_is_stamped_even_when_nothing_is_due():
    assert scheduling.last_checked_at() is None
    now = timezone.now()
    assert scheduling.run_due(now=now) == []
    assert scheduling.last_checked_at() == now
