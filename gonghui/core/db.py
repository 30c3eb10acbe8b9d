"""Database aliases: reads that may be served by the read replica, and the router that sends them.

Statistics, dashboards and exports read inside `with replica():` (or a function decorated with
`@reads_from_replica`); every other read and every write uses the primary ("default"). Without
DATABASE_REPLICA_URL the replica is the primary itself, so code marked for the replica runs
unchanged on a single server.

A replica lags the primary by a moment. Whatever must see a write just made stays on the
primary: reads inside a transaction on the primary, and every request from a browser that
wrote something during the last GONGHUI_REPLICA_LAG_SECONDS (PrimaryAfterWriteMiddleware), so
the page shown after "save" reflects the save.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
PRIMARY_COOKIE = "gonghui_primary"
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

_reading_from_replica: ContextVar[bool] = ContextVar("gonghui_replica_reads", default=False)
_pinned_to_primary: ContextVar[bool] = ContextVar("gonghui_pinned_primary", default=False)


def has_replica() -> bool:
    return REPLICA in settings.DATABASES


def replica_alias() -> str:
    """The alias for a read that may lag the primary by a moment: the replica when one is
    configured and nothing requires the primary (pass it as `using=` or `.using()`)."""
    if not has_replica() or _pinned_to_primary.get():
        return DEFAULT_DB_ALIAS
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        # A transaction reads its own uncommitted writes only on the primary.
        return DEFAULT_DB_ALIAS
    return REPLICA


@contextmanager
def replica() -> Iterator[str]:
    """Queries run inside the block read from the replica (see replica_alias). A queryset is
    routed when it is evaluated, so evaluate it inside the block."""
    token = _reading_from_replica.set(True)
    try:
        yield replica_alias()
    finally:
        _reading_from_replica.reset(token)


def reads_from_replica(func):
    """Run a view, selector or task with its reads on the replica."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with replica():
            return func(*args, **kwargs)

    return wrapper


@contextmanager
def primary() -> Iterator[None]:
    """Inside the block every read uses the primary, even code marked for the replica."""
    token = _pinned_to_primary.set(True)
    try:
        yield
    finally:
        _pinned_to_primary.reset(token)


class ReplicaRouter:
    """Reads marked for the replica go there; all else, writes and migrations, to the primary.

    The replica receives its schema and rows by PostgreSQL's streaming replication, never from
    Django, so nothing is migrated on it.
    """

    def db_for_read(self, model, **hints):
        # Outside a marked block, Django's own choice: the primary, or the database an
        # instance came from when following its relations.
        return replica_alias() if _reading_from_replica.get() else None

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA


class PrimaryAfterWriteMiddleware:
    """Read-your-writes with a lagging replica: a browser that has just written (any
    successful request other than GET/HEAD/OPTIONS) reads from the primary for the next
    GONGHUI_REPLICA_LAG_SECONDS, marked by a short-lived cookie that holds no data."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not has_replica():
            return self.get_response(request)
        writes = request.method not in _SAFE_METHODS
        token = _pinned_to_primary.set(writes or PRIMARY_COOKIE in request.COOKIES)
        try:
            response = self.get_response(request)
        finally:
            _pinned_to_primary.reset(token)
        if writes and response.status_code < 400:
            response.set_cookie(
                PRIMARY_COOKIE,
                "1",
                max_age=settings.GONGHUI_REPLICA_LAG_SECONDS,
                secure=request.is_secure(),
                httponly=True,
                samesite="Lax",
            )
        return response
