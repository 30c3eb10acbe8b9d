"""Writes on accounts: API tokens, each created and revoked with an audit entry that names the
token by its prefix only (the secret is shown once to its owner and never stored or logged)."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext

from gonghui.core import audit
from gonghui.core.exceptions import PermissionDenied

from .models import ApiToken

DEFAULT_TOKEN_NAME = "API"
# A token's last use is written at most this often, not on every request it authenticates.
TOKEN_USE_RESOLUTION = dt.timedelta(minutes=5)


@transaction.atomic
def create_api_token(*, by, name: str = "") -> tuple[ApiToken, str]:
    """A new bearer token for `by`; returns the token and its secret key (to show once)."""
    name = (name or "").strip()[:50] or DEFAULT_TOKEN_NAME
    token, key = ApiToken.generate(user=by, name=name)
    audit.record(
        by=by,
        action=audit.Action.CREATE,
        target=token,
        summary=gettext("新建 API 令牌 %(token)s") % {"token": token},
        details={"prefix": token.prefix, "expires_at": token.expires_at.isoformat()},
        org_path=by.scope.org_path,
    )
    return token, key


@transaction.atomic
def revoke_api_token(*, by, token: ApiToken) -> None:
    """Delete one of `by`'s own tokens; requests bearing it are refused from now on."""
    if token.user_id != by.pk:
        raise PermissionDenied(gettext("只能吊销自己的令牌"))
    audit.record(
        by=by,
        action=audit.Action.DELETE,
        target=token,
        summary=gettext("吊销 API 令牌 %(token)s") % {"token": token},
        details={"prefix": token.prefix},
        org_path=by.scope.org_path,
    )
    token.delete()


def note_token_use(*, token: ApiToken, at: dt.datetime) -> None:
    """Remember when a token was last used (shown on its owner's profile page)."""
    if token.last_used_at is None or at - token.last_used_at > TOKEN_USE_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=at)
        token.last_used_at = at
