"""Per-IP rate limits for the public forms, counted in Django's cache."""

from django.conf import settings
from django.core.cache import cache

from gonghui.core.middleware import client_ip


def allow(request, *, scope: str, limit: int, window: int) -> bool:
    """Count one attempt from the request's IP; False once `limit` is passed in `window` s."""
    key = f"throttle:{scope}:{client_ip(request) or 'unknown'}"
    # add() starts the window only if none is running; incr() is atomic in every backend.
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit


def claim_allowed(request) -> bool:
    """One public wish claim from this address (page or API)."""
    return allow(
        request,
        scope="wish-claim",
        limit=settings.GONGHUI_WISH_CLAIMS_PER_IP,
        window=settings.GONGHUI_WISH_CLAIM_WINDOW_SECONDS,
    )
