"""Reads of accounts: a user's own API tokens, and the token a request bears."""

from django.http import Http404
from django.utils.translation import gettext as _

from .models import ApiToken


def tokens_of(user) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user).order_by("-created_at"))


def get_token_for_user(user, pk) -> ApiToken:
    """One of the user's own tokens; anyone else's is not found."""
    try:
        return ApiToken.objects.get(pk=pk, user=user)
    except (ApiToken.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("令牌不存在")) from exc


def find_token(key: str) -> ApiToken | None:
    """The token whose secret is `key` (looked up by its hash), with its user, if any."""
    return (
        ApiToken.objects.select_related("user", "user__organization", "user__role")
        .filter(key_hash=ApiToken.hash_key(key))
        .first()
    )
