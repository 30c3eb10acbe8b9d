"""Worker heartbeats, and the warning on a page that queues work when no worker has been seen."""

import datetime as dt

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from gonghui.campaigns.tests.factories import make_campaign
from gonghui.core import workers
from gonghui.core.models import WorkerHeartbeat

DATABASE_TASKS = override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
)
WARNING = "后台任务 worker 未运行"


def beat(seconds_ago: float) -> None:
    now = timezone.now() - dt.timedelta(seconds=seconds_ago)
    workers.record_heartbeat(worker_id="w1", started_at=now, now=now)


@pytest.mark.django_db
@DATABASE_TASKS
def test_no_worker_is_missing_until_one_beats_and_again_once_it_falls_silent():
    assert workers.worker_missing()
    beat(seconds_ago=5)
    assert not workers.worker_missing()
    beat(seconds_ago=workers.STALE_AFTER.total_seconds() + 1)
    assert workers.worker_missing()


@pytest.mark.django_db
def test_a_backend_that_runs_tasks_in_process_needs_no_worker():
    # The test settings use the immediate backend.
    assert not workers.backend_needs_worker()
    assert not workers.worker_missing()


@pytest.mark.django_db
def test_the_heartbeat_thread_records_on_start_and_removes_its_row_on_stop():
    heartbeat = workers.Heartbeat(worker_id="w-thread", interval=3600)
    heartbeat.start()
    row = WorkerHeartbeat.objects.get(worker_id="w-thread")
    assert timezone.now() - row.seen_at < dt.timedelta(seconds=5)
    heartbeat.stop()
    assert not WorkerHeartbeat.objects.filter(worker_id="w-thread").exists()


@pytest.mark.django_db
def test_rows_of_long_dead_workers_are_dropped():
    old = timezone.now() - workers.FORGET_AFTER - dt.timedelta(minutes=1)
    workers.record_heartbeat(worker_id="dead", started_at=old, now=old)
    beat(seconds_ago=0)
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["w1"]


@pytest.fixture
def exports_page(fed, client_for):
    campaign = make_campaign(fed)
    client = client_for(fed.province_admin)
    return lambda: client.get(reverse("ledger:exports", args=[campaign.pk])).content.decode()


@pytest.mark.django_db
@DATABASE_TASKS
def test_inspector_package_page_warns_when_the_worker_is_stale(exports_page):
    beat(seconds_ago=workers.STALE_AFTER.total_seconds() + 30)
    html = exports_page()
    assert WARNING in html
    assert "上次在线" in html


@pytest.mark.django_db
@DATABASE_TASKS
def test_inspector_package_page_warns_when_no_worker_ever_ran(exports_page):
    html = exports_page()
    assert WARNING in html
    assert "上次在线" not in html


@pytest.mark.django_db
@DATABASE_TASKS
def test_inspector_package_page_does_not_warn_while_a_worker_beats(exports_page):
    beat(seconds_ago=3)
    assert WARNING not in exports_page()
