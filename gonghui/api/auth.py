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
        if found is None or not found.user.is_active:
            return None
        now = timezone.now()
        if found.expires_at and found.expires_at < now:
            return None
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 300:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user


class SessionUserAuth(SessionAuth):
    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None


AUTH = [TokenAuth(), SessionUserAuth()]
