"""Reads marked for the replica go there when one is configured, and to the primary otherwise,
inside a transaction, and for a browser that has just written."""

import pytest
from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS, transaction
from django.http import HttpResponse
from django.test import RequestFactory

from gonghui.core import db
from gonghui.core.models import AuditEntry

# Routing is a decision taken before any connection opens: a replica alias in the settings is
# all these tests need, whatever Django says about overriding DATABASES.
pytestmark = pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")


@pytest.fixture
def with_replica(settings):
    """A configured replica alias (no connection is opened: routing is only a decision)."""
    settings.DATABASES = {**settings.DATABASES, db.REPLICA: dict(settings.DATABASES["default"])}


def test_the_router_is_installed(settings):
    assert settings.DATABASE_ROUTERS == ["gonghui.core.db.ReplicaRouter"]


def test_marked_reads_go_to_the_replica_and_the_rest_to_the_primary(with_replica):
    User = get_user_model()
    assert User.objects.all().db == DEFAULT_DB_ALIAS
    with db.replica() as alias:
        assert alias == db.REPLICA
        assert User.objects.all().db == db.REPLICA
        assert AuditEntry.objects.filter(pk=1).db == db.REPLICA
        # Writes never go to the replica.
        assert db.ReplicaRouter().db_for_write(User) == DEFAULT_DB_ALIAS
    assert User.objects.all().db == DEFAULT_DB_ALIAS


def test_without_a_replica_marked_reads_use_the_primary():
    with db.replica() as alias:
        assert alias == DEFAULT_DB_ALIAS
        assert get_user_model().objects.all().db == DEFAULT_DB_ALIAS
    assert db.replica_alias() == DEFAULT_DB_ALIAS


def test_the_decorator_marks_a_whole_view_or_task(with_replica):
    @db.reads_from_replica
    def statistics():
        return AuditEntry.objects.all().db

    assert statistics() == db.REPLICA
    assert AuditEntry.objects.all().db == DEFAULT_DB_ALIAS


@pytest.mark.django_db(transaction=True)
def test_inside_a_transaction_reads_stay_on_the_primary(with_replica):
    with db.replica():
        assert db.replica_alias() == db.REPLICA
        with transaction.atomic():
            assert AuditEntry.objects.all().db == DEFAULT_DB_ALIAS


def test_nothing_is_migrated_on_the_replica():
    router = db.ReplicaRouter()
    assert router.allow_migrate(db.REPLICA, "core") is False
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "core") is True


def _view(request):
    return HttpResponse(db.replica_alias())


def _call(request):
    return db.PrimaryAfterWriteMiddleware(_view)(request)


def test_a_browser_that_just_wrote_reads_from_the_primary_until_the_lag_has_passed(
    with_replica, settings
):
    settings.GONGHUI_REPLICA_LAG_SECONDS = 7
    factory = RequestFactory()
    assert _call(factory.get("/stats/")).content == b"replica"

    wrote = _call(factory.post("/things/"))
    assert wrote.content == b"default"  # the write request itself
    cookie = wrote.cookies[db.PRIMARY_COOKIE]
    assert cookie["max-age"] == 7 and cookie["httponly"]

    after = factory.get("/stats/")
    after.COOKIES[db.PRIMARY_COOKIE] = cookie.value
    assert _call(after).content == b"default"
    # Another browser, which wrote nothing, reads the replica meanwhile.
    assert _call(factory.get("/stats/")).content == b"replica"


def test_a_refused_write_does_not_pin_the_browser(with_replica):
    def refused(request):
        return HttpResponse(status=403)

    response = db.PrimaryAfterWriteMiddleware(refused)(RequestFactory().post("/things/"))
    assert db.PRIMARY_COOKIE not in response.cookies


def test_without_a_replica_no_cookie_is_set():
    response = _call(RequestFactory().post("/things/"))
    assert db.PRIMARY_COOKIE not in response.cookies
