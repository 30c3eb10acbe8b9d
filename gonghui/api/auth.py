"""API authentication: the browser session (with CSRF) or a bearer token."""

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from gonghui.accounts import selectors as account_selectors
from gonghui.accounts import services as account_services


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        if not token:
            return None
        found = account_selectors.find_token(token)
        now = timezone.now()
        if found is None or not found.user.is_active or found.is_expired(now):
            return None
        account_services.note_token_use(token=found, at=now)
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
