"""Encryption at rest of this app's sensitive columns, and keyed blind indexes for lookups.

Values are encrypted with Fernet (AES-128-CBC + HMAC-SHA256, from `cryptography`) under keys
from the environment: `GONGHUI_FIELD_KEYS` is a comma-separated list of Fernet keys, the first
one encrypts and every one decrypts (a MultiFernet), so keys rotate by putting a new key first
and running `gonghui rotate_assistance_keys`. An ID number is also stored as a keyed
HMAC-SHA256 digest (`GONGHUI_BLIND_INDEX_KEY`), so the province-wide duplicate check and an
exact lookup work without decrypting anything. A database dump alone reveals neither.

Outside DEBUG and the test settings the keys must be set: without them every read or write of
an archive fails with ImproperlyConfigured (no fallback key exists in production).
"""

import base64
import hashlib
import hmac
import os
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

KEYS_ENV = "GONGHUI_FIELD_KEYS"
INDEX_KEY_ENV = "GONGHUI_BLIND_INDEX_KEY"
# Development and test only: derived from a fixed phrase, never used when DEBUG is off outside
# the test settings.
_DEV_KEY = base64.urlsafe_b64encode(hashlib.sha256(b"gonghui-dev-field-key").digest()).decode()
_DEV_INDEX_KEY = "gonghui-dev-blind-index-key"
PREFIX = "enc1:"


def _development() -> bool:
    return bool(settings.DEBUG) or str(os.environ.get("DJANGO_SETTINGS_MODULE", "")).endswith(
        ".test"
    )


def configured_keys() -> list[str]:
    raw = os.environ.get(KEYS_ENV, "")
    keys = [k.strip() for k in raw.split(",") if k.strip()]
    if keys:
        return keys
    if _development():
        return [_DEV_KEY]
    raise ImproperlyConfigured(f"{KEYS_ENV} must be set (comma-separated Fernet keys)")


def index_key() -> bytes:
    raw = os.environ.get(INDEX_KEY_ENV, "").strip()
    if raw:
        return raw.encode()
    if _development():
        return _DEV_INDEX_KEY.encode()
    raise ImproperlyConfigured(f"{INDEX_KEY_ENV} must be set")


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    try:
        return MultiFernet([Fernet(k.encode()) for k in keys])
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(f"{KEYS_ENV} holds an invalid Fernet key") from exc


def cipher() -> MultiFernet:
    return _fernet(tuple(configured_keys()))


def encrypt(value: str) -> str:
    if value in (None, ""):
        return ""
    return PREFIX + cipher().encrypt(str(value).encode()).decode()


def decrypt(token: str) -> str:
    if not token:
        return ""
    if not token.startswith(PREFIX):
        return token  # a value written before encryption was switched on
    try:
        return cipher().decrypt(token[len(PREFIX) :].encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            f"a stored value cannot be decrypted with the keys in {KEYS_ENV}"
        ) from exc


def rotate(token: str) -> str:
    """The same value encrypted under the newest key."""
    if not token:
        return token
    if not token.startswith(PREFIX):
        return encrypt(token)
    return PREFIX + cipher().rotate(token[len(PREFIX) :].encode()).decode()


def blind_index(value: str) -> str:
    """Keyed HMAC-SHA256 of a normalised value (an ID number): equal values, equal digests."""
    if not value:
        return ""
    normal = str(value).strip().replace(" ", "").upper()
    return hmac.new(index_key(), normal.encode(), hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):
    """A text column stored encrypted; the Python value is the plain text. Only exact equality
    with the stored token is possible in SQL, so lookups go through a blind-index column."""

    def from_db_value(self, value, expression, connection):
        return decrypt(value) if value else (value or "")

    def to_python(self, value):
        return "" if value is None else str(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return ""
        if isinstance(value, str) and value.startswith(PREFIX):
            return value
        return encrypt(value)
