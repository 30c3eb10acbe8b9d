"""Periodic jobs: declared by the apps, queued by the scheduler once when due, never twice."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from gonghui.core import scheduling
from gonghui.core.models import ScheduledJob

TZ = timezone.get_default_timezone()


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=TZ)


class CountingTask:
    """Stands in for a django_tasks Task: counts enqueues."""

    module_path = "tests.counting"

    def __init__(self):
        self.enqueued = 0

    def enqueue(self):
        self.enqueued += 1
        return type("Result", (), {"id": f"result-{self.enqueued}"})()


@pytest.fixture
def hourly():
    task = CountingTask()
    scheduling.periodic("15 * * * *", name="tests.hourly")(task)
    yield task
    scheduling._REGISTRY.pop("tests.hourly")


def test_the_apps_declare_the_two_periodic_jobs():
    jobs = {job.name: job.cron for job in scheduling.registered_jobs()}
    assert jobs["gonghui.campaigns.tasks.send_deadline_reminders"] == "0 7 * * *"
    assert jobs["gonghui.wishes.tasks.expire_overdue_wishes"] == "15 * * * *"


def test_an_invalid_cron_expression_is_refused_where_it_is_declared():
    with pytest.raises(ValueError):
        scheduling.periodic("every hour")


@pytest.mark.django_db
def test_a_new_job_waits_for_its_first_time_then_runs_once(hourly):
    assert "tests.hourly" not in scheduling.run_due(now=at(2025, 3, 1, 9, 0))
    row = ScheduledJob.objects.get(name="tests.hourly")
    assert row.next_run_at == at(2025, 3, 1, 9, 15)
    assert hourly.enqueued == 0

    assert "tests.hourly" in scheduling.run_due(now=at(2025, 3, 1, 9, 15))
    assert hourly.enqueued == 1
    # A second pass in the same minute (or a second scheduler) finds nothing due.
    assert "tests.hourly" not in scheduling.run_due(now=at(2025, 3, 1, 9, 15, 30))
    assert hourly.enqueued == 1
    row.refresh_from_db()
    assert row.last_run_at == at(2025, 3, 1, 9, 15)
    assert row.next_run_at == at(2025, 3, 1, 10, 15)
    assert row.last_task_id == "result-1"


@pytest.mark.django_db
def test_missed_runs_are_queued_once_not_replayed(hourly):
    scheduling.run_due(now=at(2025, 3, 1, 9, 0))
    # The scheduler was down for five hours.
    assert "tests.hourly" in scheduling.run_due(now=at(2025, 3, 1, 14, 40))
    assert "tests.hourly" not in scheduling.run_due(now=at(2025, 3, 1, 14, 41))
    assert hourly.enqueued == 1
    assert ScheduledJob.objects.get(name="tests.hourly").next_run_at == at(2025, 3, 1, 15, 15)


@pytest.mark.django_db
def test_two_schedulers_that_both_saw_the_job_due_queue_it_once(hourly, monkeypatch):
    scheduling.run_due(now=at(2025, 3, 1, 9, 0))
    stale_row = ScheduledJob.objects.get(name="tests.hourly")
    # The first scheduler claims the run; the second read the row before that claim.
    scheduling.run_due(now=at(2025, 3, 1, 9, 15))
    monkeypatch.setattr(scheduling, "_row_for", lambda job, now: stale_row)
    assert "tests.hourly" not in scheduling.run_due(now=at(2025, 3, 1, 9, 15, 1))
    assert hourly.enqueued == 1


@pytest.mark.django_db
def test_a_changed_schedule_counts_from_now(hourly):
    scheduling.run_due(now=at(2025, 3, 1, 9, 0))
    scheduling._REGISTRY["tests.hourly"] = scheduling.PeriodicJob(
        name="tests.hourly", cron="0 6 * * *", task=hourly
    )
    scheduling.run_due(now=at(2025, 3, 1, 9, 5))
    row = ScheduledJob.objects.get(name="tests.hourly")
    assert (row.cron, row.next_run_at) == ("0 6 * * *", at(2025, 3, 2, 6, 0))
    assert hourly.enqueued == 0


@pytest.mark.django_db
def test_the_scheduler_runs_the_wish_sweep_when_due(fed):
    """End to end with the real declaration: a due sweep expires an overdue published wish."""
    from gonghui.wishes.models import Wish
    from gonghui.wishes.tests.factories import make_wish
    from gonghui.wishes.workflow import Status

    wish = make_wish(fed.grassroots, Status.PUBLISHED)
    Wish.objects.filter(pk=wish.pk).update(expires_at=timezone.now() - dt.timedelta(days=1))
    ScheduledJob.objects.create(
        name="gonghui.wishes.tasks.expire_overdue_wishes",
        cron="15 * * * *",
        next_run_at=timezone.now() - dt.timedelta(minutes=1),
    )
    out = io.StringIO()
    call_command("scheduler", "--once", stdout=out)
    assert "已排队 gonghui.wishes.tasks.expire_overdue_wishes" in out.getvalue()
    wish.refresh_from_db()
    assert wish.status == Status.EXPIRED
