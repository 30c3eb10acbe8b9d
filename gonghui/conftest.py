"""Fixtures shared by every app: the federation tree with its personas, the browser for the
journey tests, and the CI rule that a skipped test fails the run."""

import os
import shutil
import subprocess

import pytest

from gonghui.testing import build_federation


@pytest.fixture
def fed(db):
    return build_federation()


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """A request in English leaves English active in the test's thread (Django activates the
    language per request and never resets it); the next test starts in the default language."""
    yield
    # Deferred: this module is imported before pytest-django has configured the settings.
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def client_for(client):
    """client_for(user) → the test client logged in as that user."""

    def login(user):
        client.force_login(user)
        return client

    return login


# --- CI: a skip is a failure --------------------------------------------------------------
# Under CI a missing browser, font or data file must not let the suite pass by skipping.

IN_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def require(condition: bool, reason: str) -> None:
    """Skip locally when a prerequisite is missing; under CI the test fails instead."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{reason} (required under CI)", pytrace=False)
    pytest.skip(reason)


# Live-server journeys run on a transactional database that is flushed after each test, and the
# flush also removes the reference rows the migrations wrote (activity types, station kinds …).
# Django's serialized rollback cannot restore them here: Playwright's sync API runs the test in
# a greenlet, where Django hands out a fresh connection object without the serialized copy. So
# the rows are kept once per session and put back before each journey.
_REFERENCE_ROWS: list[str] = []
# Re-created by Django itself after a flush (post_migrate), with new primary keys.
_RECREATED_AFTER_FLUSH = {"contenttypes.contenttype", "auth.permission"}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # Deferred: this module is imported before pytest-django has configured the settings.
    from django.apps import apps
    from django.core import serializers

    with django_db_blocker.unblock():
        models = [
            model
            for model in apps.get_models()
            if model._meta.label_lower not in _RECREATED_AFTER_FLUSH
            and model._meta.managed
            and not model._meta.proxy
            and model._default_manager.exists()
        ]
        _REFERENCE_ROWS[:] = [
            serializers.serialize("json", model._default_manager.order_by("pk")) for model in models
        ]
    yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: nothing remembered by an earlier test (a capped
    count, a rate-limit count, a cached figure) reaches it through rows that reuse its ids."""
    from django.core.cache import cache

    from gonghui.accounts.backends import forget_kept_permissions

    cache.clear()
    forget_kept_permissions()


@pytest.fixture(autouse=True)
def _fresh_state_for_journeys(request):
    """Each journey — and each other test on a transactional database, which an earlier such
    test may have flushed — starts as on a fresh site: the reference rows back, and no
    rate-limit counts left in the cache by earlier tests from the same address (127.0.0.1)."""
    db_marker = request.node.get_closest_marker("django_db")
    transactional = db_marker is not None and bool(
        db_marker.kwargs.get("transaction") or (db_marker.args and db_marker.args[0])
    )
    if not (request.node.get_closest_marker("browser") or transactional):
        return
    request.getfixturevalue("transactional_db")
    # Deferred: this module is imported before pytest-django has configured the settings.
    from django.core import serializers
    from django.core.cache import cache

    cache.clear()

    for data in _REFERENCE_ROWS:
        for obj in serializers.deserialize("json", data):
            obj.save()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        reason = str(reason).removeprefix("Skipped: ")
        report.outcome = "failed"
        report.longrepr = f"skipped under CI, which counts as a failure: {reason}"


def pytest_sessionfinish(session, exitstatus):
    if not IN_CI:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    passing = (pytest.ExitCode.OK, pytest.ExitCode.NO_TESTS_COLLECTED)
    if skipped and session.exitstatus in passing:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """The CI log states how many browser journeys actually ran."""
    if hasattr(config, "workerinput"):
        return
    ran = [
        r
        for key in ("passed", "failed")
        for r in terminalreporter.stats.get(key, [])
        if getattr(r, "when", "") == "call" and "browser" in getattr(r, "keywords", {})
    ]
    if ran or IN_CI:
        passed = sum(1 for r in ran if r.passed)
        terminalreporter.write_line(f"browser journeys executed: {len(ran)} ({passed} passed)")


# --- Browser journeys ---------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def _has_cjk_font() -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    found = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True)
    return bool(found.stdout.strip())


@pytest.fixture(scope="session")
def chromium_browser():
    """Debian's chromium driven by Playwright, one per test process."""
    require(os.access(CHROMIUM, os.X_OK), f"Debian chromium is not installed at {CHROMIUM}")
    require(_has_cjk_font(), "no CJK font (fonts-noto-cjk) is installed")
    # Playwright's sync API runs an event loop in this thread; the tests still use the ORM.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # Deferred: only browser tests pay for loading Playwright.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def open_page(chromium_browser, live_server):
    """open_page(user=None, phone=False) → a Playwright page on the live server, logged in as
    `user` (through a real session cookie) and sized as a desktop or a 390×844 phone."""
    # Deferred: this module is imported before pytest-django has configured the settings.
    from django.conf import settings
    from django.test import Client

    contexts = []

    def open_(user=None, *, phone=False):
        options = {"locale": "zh-CN", "base_url": live_server.url}
        if phone:
            options.update(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
        else:
            options.update(viewport=DESKTOP)
        context = chromium_browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies[settings.SESSION_COOKIE_NAME]
            context.add_cookies(
                [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
            )
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()
