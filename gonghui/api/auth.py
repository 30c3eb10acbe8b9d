"""API authentication: the browser session (with CSRF) or a bearer token."""

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from gonghui.accounts.models import ApiToken


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        if not token:
            return None
        found = (
            ApiToken.objects.select_related("user", "user__organization", "user__role")
            .filter(key_hash=ApiToken.hash_key(token))
            .first()
        )
        now = timezone.now()
        if found is None or not found.user.is_active or found.is_expired(now):
            return None
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 300:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user


class SessionUserAuth(SessionAuth):
    def __call__(self, request):
        # Without a signed-in user there is nothing for CSRF to protect: the answer is 401,
        # never the 403 of a failed CSRF check on a stray cookie.
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        return super().__call__(request)

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None


AUTH = [TokenAuth(), SessionUserAuth()]


def has_credentials(request) -> bool:
    """True when the request carries a valid token or a signed-in session (no CSRF check)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_active:
        return True
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return scheme.lower() == "bearer" and AUTH[0].authenticate(request, token.strip()) is not None
