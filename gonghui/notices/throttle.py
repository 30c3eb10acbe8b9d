"""Per-IP limit of public objections (page and API), counted in Django's cache."""

from django.conf import settings
from django.core.cache import cache

from gonghui.core.middleware import client_ip


def objection_allowed(request) -> bool:
    """Count one public objection from the request's IP; False once the window's limit is passed."""
    key = f"throttle:notice-objection:{client_ip(request) or 'unknown'}"
    window = getattr(settings, "GONGHUI_OBJECTIONS_WINDOW_SECONDS", 600)
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= getattr(settings, "GONGHUI_OBJECTIONS_PER_IP", 5)
