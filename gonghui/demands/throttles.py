"""Per-IP limits of the public demand pages and API: submissions, and lookups (per IP and per
ticket, so nobody can try the 10 000 phone endings of one ticket)."""

from django.conf import settings
from django.core.cache import cache

from gonghui.portal import throttle

from . import tickets


def submission_allowed(request) -> bool:
    return throttle.allow(
        request,
        scope="demand-submit",
        limit=getattr(settings, "GONGHUI_DEMAND_SUBMISSIONS_PER_IP", 10),
        window=3600,
    )


def lookup_allowed(request, ticket: str) -> bool:
    """One lookup attempt: refused past the per-IP limit, or past the per-ticket limit."""
    per_ip = throttle.allow(
        request,
        scope="demand-lookup",
        limit=getattr(settings, "GONGHUI_DEMAND_LOOKUPS_PER_IP", 20),
        window=600,
    )
    per_ticket = _count(
        f"throttle:demand-lookup-ticket:{tickets.normalise(ticket)[:12]}",
        limit=getattr(settings, "GONGHUI_DEMAND_LOOKUPS_PER_TICKET", 10),
        window=3600,
    )
    return per_ip and per_ticket


def _count(key: str, *, limit: int, window: int) -> bool:
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit
