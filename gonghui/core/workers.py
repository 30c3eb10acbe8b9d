"""Task worker heartbeats: each running worker records that it is alive; pages that queue work
ask whether one has been seen recently and warn when none has."""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import datetime, timedelta

from django.db import DatabaseError, connections
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks.backends.dummy import DummyBackend
from django_tasks.backends.immediate import ImmediateBackend

from .models import WorkerHeartbeat

logger = logging.getLogger(__name__)

# A worker beats every BEAT_SECONDS; one not seen for STALE_AFTER is taken as gone.
BEAT_SECONDS = 10
STALE_AFTER = timedelta(seconds=60)
# Rows of workers that died without saying goodbye are dropped after this long.
FORGET_AFTER = timedelta(days=1)


def record_heartbeat(*, worker_id: str, started_at: datetime, now: datetime | None = None) -> None:
    now = now or timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": started_at,
            "seen_at": now,
        },
    )
    WorkerHeartbeat.objects.filter(seen_at__lt=now - FORGET_AFTER).delete()


def forget_worker(*, worker_id: str) -> None:
    """A worker that stops cleanly removes its row, so the warning shows at once."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def backend_needs_worker() -> bool:
    """False for backends that run tasks in the web process (immediate) or drop them (dummy)."""
    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    return not isinstance(backend, ImmediateBackend | DummyBackend)


def last_worker_seen_at() -> datetime | None:
    return WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()


def worker_missing(*, now: datetime | None = None) -> bool:
    """True when queued work would wait forever: a worker is needed and none beat recently."""
    if not backend_needs_worker():
        return False
    now = now or timezone.now()
    return not WorkerHeartbeat.objects.filter(seen_at__gte=now - STALE_AFTER).exists()


class Heartbeat:
    """A daemon thread that records the worker's heartbeat every BEAT_SECONDS until stopped."""

    def __init__(self, *, worker_id: str, interval: float = BEAT_SECONDS):
        self.worker_id = worker_id
        self.interval = interval
        self.started_at = timezone.now()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="worker-heartbeat", daemon=True)

    def start(self) -> None:
        self._beat()  # before any task runs, so the pages stop warning at once
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=self.interval + 5)
        try:
            forget_worker(worker_id=self.worker_id)
        except DatabaseError:
            logger.warning("could not remove the heartbeat of worker %s", self.worker_id)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._beat()
        connections.close_all()  # this thread's connections only

    def _beat(self) -> None:
        try:
            record_heartbeat(worker_id=self.worker_id, started_at=self.started_at)
        except DatabaseError:  # a locked SQLite file or a restarting server: try next time
            logger.warning("could not record the heartbeat of worker %s", self.worker_id)
