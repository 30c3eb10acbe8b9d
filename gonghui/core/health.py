"""`/healthz` for load balancers and monitoring: the database, the file storage, a task worker
and the scheduler seen recently. 200 when every check asked for passes, 503 otherwise.

No login, and nothing in the answer that helps an attacker: only each check's verdict and how
many seconds ago the worker and the scheduler were last seen; the reason for a failure goes to
the server log. `?check=database&check=storage` asks for some checks only (what a load
balancer should use: a stopped worker is no reason to take every web server out of rotation).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import datetime

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connections
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import scheduling, workers
from .db import REPLICA, has_replica

logger = logging.getLogger(__name__)

PROBE_DIR = "healthz"


def check_database(now: datetime) -> dict:
    aliases = ["default", REPLICA] if has_replica() else ["default"]
    for alias in aliases:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    return {"ok": True}


def check_storage(now: datetime) -> dict:
    """Writes and deletes a small probe file where uploads go."""
    name = default_storage.save(f"{PROBE_DIR}/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        readable = default_storage.exists(name)
    finally:
        default_storage.delete(name)
    return {"ok": readable}


def _seen(last: datetime | None, now: datetime, stale_after) -> dict:
    if last is None:
        return {"ok": False, "seen_seconds_ago": None}
    age = max(0, int((now - last).total_seconds()))
    return {"ok": now - last <= stale_after, "seen_seconds_ago": age}


def check_worker(now: datetime) -> dict:
    if not workers.backend_needs_worker():  # tasks run inside the web process
        return {"ok": True, "seen_seconds_ago": None}
    return _seen(workers.last_worker_seen_at(), now, workers.STALE_AFTER)


def check_scheduler(now: datetime) -> dict:
    return _seen(scheduling.last_checked_at(), now, scheduling.STALE_AFTER)


CHECKS: dict[str, Callable[[datetime], dict]] = {
    "database": check_database,
    "storage": check_storage,
    "worker": check_worker,
    "scheduler": check_scheduler,
}


def run_checks(names: list[str] | None = None) -> dict[str, dict]:
    now = timezone.now()
    results = {}
    for name in names or CHECKS:
        try:
            results[name] = CHECKS[name](now)
        except Exception:
            # Whatever went wrong (database down, disk full) is for the server log only.
            logger.exception("health check %s failed", name)
            results[name] = {"ok": False}
    return results


@never_cache
@require_safe
def healthz(request):
    asked = [name for name in request.GET.getlist("check") if name in CHECKS]
    results = run_checks(asked or None)
    healthy = all(result["ok"] for result in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "fail", "checks": results},
        status=200 if healthy else 503,
    )
