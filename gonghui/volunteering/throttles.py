"""Per-IP limits of volunteering's public forms (page and API alike)."""

from django.conf import settings

from gonghui.portal import throttle


def public_sign_up_allowed(request) -> bool:
    """One attempt of the public sign-up from this address (numbers are sequential, so
    attempts are limited per IP like the wish claim)."""
    return throttle.allow(
        request,
        scope="volunteer-signup",
        limit=settings.GONGHUI_PUBLIC_SIGNUPS_PER_IP,
        window=settings.GONGHUI_PUBLIC_SIGNUP_WINDOW_SECONDS,
    )
