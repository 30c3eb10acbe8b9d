"""Settings for the test suite: fast hashing, immediate tasks, SQLite unless DATABASE_URL is set."""

import os
import tempfile

os.environ.setdefault("DJANGO_DEBUG", "false")
os.environ.setdefault("DJANGO_SECRET_KEY", "test-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("GONGHUI_SECURE", "false")
os.environ.setdefault("GONGHUI_VAR_DIR", tempfile.mkdtemp(prefix="gonghui-test-"))

from .base import *  # noqa: F403
from .base import DATABASES, STORAGES, VAR_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
AXES_ENABLED = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file in this run's temporary directory rather than :memory:, so that live-server
    # threads open their own connections and concurrency tests exercise WAL, IMMEDIATE
    # transactions and the busy timeout (an in-memory database is one shared connection).
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
LANGUAGE_CODE = "zh-hans"
