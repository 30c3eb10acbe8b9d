"""Periodic jobs: apps declare them beside their tasks, `gonghui scheduler` queues them when due.

An app marks a task in its own `tasks.py`:

    @periodic("0 7 * * *")
    @task()
    def send_deadline_reminders(): ...

The cron expression is read in the site's time zone (settings.TIME_ZONE). Core finds the
declarations by importing each gonghui app's `tasks` module, so it names no domain app. Each job
has a `ScheduledJob` row holding when it is next due; a run is claimed with a conditional update
of that row, so two schedulers running side by side queue a job once. The job then runs on the
task worker like any other task.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from cronsim import CronSim, CronSimError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from .models import ScheduledJob
from .registry import app_modules

logger = logging.getLogger(__name__)

_REGISTRY: dict[str, PeriodicJob] = {}

# `gonghui scheduler` checks at least every 30 seconds (its --interval); one that has not
# checked for this long is taken as stopped.
STALE_AFTER = timedelta(minutes=3)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    cron: str
    task: object  # a django_tasks Task

    def next_after(self, moment: datetime) -> datetime:
        """The first time strictly after `moment` that the cron expression matches."""
        return next(CronSim(self.cron, timezone.localtime(moment)))


def periodic(cron: str, *, name: str | None = None):
    """Declare a task (the object `@task()` returns) as run by the scheduler on `cron`."""
    try:
        CronSim(cron, timezone.now())
    except CronSimError as exc:
        raise ValueError(f"invalid cron expression {cron!r}: {exc}") from exc

    def register(task):
        job = PeriodicJob(name=name or task.module_path, cron=cron, task=task)
        _REGISTRY[job.name] = job
        return task

    return register


def discover() -> None:
    """Import every gonghui app's `tasks` module so that its @periodic declarations register."""
    list(app_modules("tasks"))  # importing a tasks module runs its @periodic declarations


def registered_jobs() -> list[PeriodicJob]:
    discover()
    return sorted(_REGISTRY.values(), key=lambda job: job.name)


def _row_for(job: PeriodicJob, now: datetime) -> ScheduledJob:
    """The job's row; a job seen for the first time (or whose cron changed) is next due from now."""
    row = ScheduledJob.objects.filter(name=job.name).first()
    if row is None:
        try:
            with transaction.atomic():
                return ScheduledJob.objects.create(
                    name=job.name, cron=job.cron, next_run_at=job.next_after(now)
                )
        except IntegrityError:  # another scheduler created it meanwhile
            return ScheduledJob.objects.get(name=job.name)
    if row.cron != job.cron:
        row.cron, row.next_run_at = job.cron, job.next_after(now)
        row.save(update_fields=["cron", "next_run_at"])
    return row


def run_due(*, now: datetime | None = None) -> list[str]:
    """Queue every job whose time has come, once; returns the names of the jobs queued.

    A scheduler that was down when a job was due queues it once on its next pass (missed runs
    are not replayed one by one) and the next time is counted from now.
    """
    now = now or timezone.now()
    queued = []
    jobs = registered_jobs()
    for job in jobs:
        row = _row_for(job, now)
        if row.next_run_at > now:
            continue
        with transaction.atomic():
            claimed = ScheduledJob.objects.filter(pk=row.pk, next_run_at=row.next_run_at).update(
                next_run_at=job.next_after(now), last_run_at=now
            )
            if not claimed:  # another scheduler queued this run
                continue
            result = job.task.enqueue()
            ScheduledJob.objects.filter(pk=row.pk).update(last_task_id=str(result.id)[:64])
        logger.info("queued %s (%s)", job.name, result.id)
        queued.append(job.name)
    ScheduledJob.objects.filter(name__in=[job.name for job in jobs]).update(checked_at=now)
    return queued


def last_checked_at() -> datetime | None:
    """When a scheduler last looked for due jobs (None if none ever has)."""
    return ScheduledJob.objects.aggregate(at=Max("checked_at"))["at"]


def seconds_until_next(*, now: datetime | None = None) -> float | None:
    """How long until the earliest job is due (None when no job is declared)."""
    now = now or timezone.now()
    names = [job.name for job in registered_jobs()]
    upcoming = (
        ScheduledJob.objects.filter(name__in=names)
        .order_by("next_run_at")
        .values_list("next_run_at", flat=True)
        .first()
    )
    if upcoming is None:
        return None
    return max(0.0, (upcoming - now).total_seconds())
