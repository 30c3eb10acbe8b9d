"""`{% worker_warning %}`: on a page that queues background work, say so when no worker runs."""

from django import template

from gonghui.core.workers import STALE_AFTER, last_worker_seen_at, worker_missing

register = template.Library()


@register.inclusion_tag("core/components/worker_warning.html")
def worker_warning():
    missing = worker_missing()
    return {
        "worker_missing": missing,
        "last_seen_at": last_worker_seen_at() if missing else None,
        "stale_seconds": int(STALE_AFTER.total_seconds()),
    }
