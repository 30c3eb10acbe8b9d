"""Settings for every environment, read from the process environment (see .env.example)."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("GONGHUI_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DJANGO_DEBUG", False)
# A usable default secret exists only for DEBUG; production must set DJANGO_SECRET_KEY.
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "insecure-dev-only-key" if DEBUG else None)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "gonghui.core",
    "gonghui.organizations",
    "gonghui.people",
    "gonghui.accounts",
    "gonghui.campaigns",
    "gonghui.ledger",
    "gonghui.activities",
    "gonghui.volunteering",
    "gonghui.wishes",
    "gonghui.stations",
    "gonghui.notices",
    "gonghui.assistance",
    "gonghui.honours",
    "gonghui.surveys",
    "gonghui.demands",
    "gonghui.ingest",
    "gonghui.exports",
    "gonghui.dashboards",
    "gonghui.reports",
    "gonghui.portal",
    "gonghui.api",
]

MIDDLEWARE = [
    # First: every later step, redirects and errors included, logs under the request's id.
    "gonghui.core.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the body: an oversized request is refused from its header alone.
    "gonghui.core.request_limits.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gonghui.core.locale.ExplicitLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "gonghui.core.db.PrimaryAfterWriteMiddleware",
    "gonghui.core.middleware.RequestContextMiddleware",
    "gonghui.core.textinput.SimplifiedInputMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gonghui.core.context_processors.navigation",
            ],
            "builtins": ["gonghui.core.templatetags.cn"],
        },
    }
]

# --- Database: SQLite (WAL, busy timeout) by default, PostgreSQL through DATABASE_URL, with an
# optional read replica (DATABASE_REPLICA_URL) for the reads marked in code (core.db.replica).
_default_sqlite = f"sqlite:///{VAR_DIR / 'gonghui.sqlite3'}"
# Connections are kept for this many seconds and reused by the following requests of the same
# thread, on SQLite too: with WAL an idle connection holds no lock and no read snapshot (Django
# runs in autocommit, so each statement or transaction ends before the request does), so it
# neither blocks writers in other processes nor sees stale data, and a request no longer pays
# for opening the file and running the PRAGMAs below (about 1 ms). The one unsafe case, an
# in-memory database, is one shared connection anyway. `gonghui restore` writes through
# SQLite's backup API, which kept connections see like any other write.
DB_CONN_MAX_AGE = env_int("DB_CONN_MAX_AGE", 60)
# psycopg's connection pool, one per site process (Django 5.1+). Django returns a connection
# to the pool at the end of each request, so persistent connections are off (CONN_MAX_AGE 0).
# Size it so that servers x processes x GONGHUI_DB_POOL_MAX_SIZE (+ workers) stays below the
# server's max_connections; put PgBouncer in front beyond that.
DB_POOL = env_bool("GONGHUI_DB_POOL", False)
_SQLITE_OPTIONS = {
    # IMMEDIATE makes writers take the lock up front, so concurrent writers wait their turn
    # (busy timeout) instead of failing with "database is locked" half-way through.
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
        "PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;"
        "PRAGMA mmap_size=268435456;"
    ),
}


def database_settings(url: str, *, pool: bool = False) -> dict:
    """One entry of DATABASES for a database URL (sqlite:///path or postgres://…)."""
    database = dj_database_url.parse(url, conn_max_age=DB_CONN_MAX_AGE, conn_health_checks=True)
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database["OPTIONS"] = dict(_SQLITE_OPTIONS)
    elif database["ENGINE"] == "django.db.backends.postgresql" and pool:
        database["CONN_MAX_AGE"] = 0
        database["OPTIONS"] = {
            **database.get("OPTIONS", {}),
            "pool": {
                "min_size": env_int("GONGHUI_DB_POOL_MIN_SIZE", 2),
                "max_size": env_int("GONGHUI_DB_POOL_MAX_SIZE", 8),
                # Seconds a request waits for a free connection before failing.
                "timeout": env_int("GONGHUI_DB_POOL_TIMEOUT", 10),
            },
        }
    return database


DATABASES = {"default": database_settings(env_str("DATABASE_URL", _default_sqlite), pool=DB_POOL)}
if _replica_url := env_str("DATABASE_REPLICA_URL", ""):
    DATABASES["replica"] = {
        **database_settings(_replica_url, pool=DB_POOL),
        # Tests read "the replica" from the test database itself.
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["gonghui.core.db.ReplicaRouter"]
# After a write, that browser reads from the primary for this long (replication lag margin).
GONGHUI_REPLICA_LAG_SECONDS = env_int("GONGHUI_REPLICA_LAG_SECONDS", 10)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and security
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "gonghui.accounts.backends.RoleBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "gonghui.accounts.validators.CharacterClassValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboards:home"
LOGOUT_REDIRECT_URL = "accounts:login"
SESSION_COOKIE_AGE = env_int("GONGHUI_SESSION_HOURS", 8) * 3600
# API tokens expire; a new token lives this many days (expired tokens answer 401).
GONGHUI_API_TOKEN_DAYS = env_int("GONGHUI_API_TOKEN_DAYS", 90)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = False
AXES_FAILURE_LIMIT = env_int("GONGHUI_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("GONGHUI_LOGIN_COOLOFF_MINUTES", 30) / 60
# Locked out when one address fails too often, whatever usernames it tries (password spraying),
# or one username fails too often from one address. A successful login from the address resets
# its count, so colleagues behind one office gateway are not locked out by each other's typos.
AXES_LOCKOUT_PARAMETERS = ["ip_address", ["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

SECURE = env_bool("GONGHUI_SECURE", not DEBUG)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE and env_bool("GONGHUI_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("GONGHUI_HSTS_SECONDS", 31536000 if SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Load balancers probe over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- Language and time: Simplified Chinese first, English available.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "gonghui" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static files and uploads (Django storages: local by default)
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("GONGHUI_MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploaded and generated files in S3-compatible object storage (MinIO, 阿里云 OSS, 腾讯云 COS, AWS)
# instead of MEDIA_ROOT: GONGHUI_STORAGE=s3 plus the bucket settings below. The bucket stays
# private; every download is still a view that checks the user's scope first, and then either
# streams the object or (GONGHUI_S3_SIGNED_DOWNLOADS) redirects to a URL signed for a short time.
GONGHUI_STORAGE = env_str("GONGHUI_STORAGE", "local")
if GONGHUI_STORAGE not in {"local", "s3"}:
    raise ImproperlyConfigured("GONGHUI_STORAGE must be local or s3")
GONGHUI_S3_SIGNED_DOWNLOADS = env_bool("GONGHUI_S3_SIGNED_DOWNLOADS", False)
GONGHUI_S3_URL_SECONDS = env_int("GONGHUI_S3_URL_SECONDS", 60)
if GONGHUI_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("GONGHUI_S3_BUCKET"),
            "endpoint_url": env_str("GONGHUI_S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("GONGHUI_S3_REGION", "") or None,
            "access_key": env_str("GONGHUI_S3_ACCESS_KEY", "") or None,
            "secret_key": env_str("GONGHUI_S3_SECRET_KEY", "") or None,
            "location": env_str("GONGHUI_S3_PREFIX", ""),
            "addressing_style": env_str("GONGHUI_S3_ADDRESSING", "path"),
            "signature_version": "s3v4",
            # Private objects: no public ACL, URLs only ever signed and short-lived.
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": GONGHUI_S3_URL_SECONDS,
            # A name already taken gets a new one; a stored file is never silently replaced.
            "file_overwrite": False,
        },
    }
WHITENOISE_USE_FINDERS = DEBUG
_MB = 1024 * 1024
# One file; one whole request (several files at once, refused with 413 from its Content-Length);
# the non-file part of a request (form fields, JSON bodies), which Django holds in memory.
GONGHUI_MAX_UPLOAD_BYTES = env_int("GONGHUI_MAX_UPLOAD_MB", 20) * _MB
GONGHUI_MAX_REQUEST_BYTES = max(
    env_int("GONGHUI_MAX_REQUEST_MB", 50) * _MB, GONGHUI_MAX_UPLOAD_BYTES + _MB
)
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("GONGHUI_MAX_FORM_MB", 5) * _MB
DATA_UPLOAD_MAX_NUMBER_FILES = 50

# The stations map's tiles: "none" (default: points on a blank background, nothing fetched from
# outside), "tianditu" (天地图, needs GONGHUI_TIANDITU_KEY) or "amap" (高德).
GONGHUI_MAP_TILES = env_str("GONGHUI_MAP_TILES", "none")
GONGHUI_TIANDITU_KEY = env_str("GONGHUI_TIANDITU_KEY", "")
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * _MB
# Behind nginx: permission-checked downloads answer with X-Accel-Redirect to this internal
# location and nginx sends the file (docs/deploy.md). Empty: the site streams files itself.
GONGHUI_ACCEL_REDIRECT_PREFIX = env_str("GONGHUI_ACCEL_REDIRECT_PREFIX", "")
# `gonghui backup` writes its archives here unless given --dir.
GONGHUI_BACKUP_DIR = Path(env_str("GONGHUI_BACKUP_DIR", str(VAR_DIR / "backups")))

# --- Background tasks: Django's Tasks API (backport) with the database backend.
TASKS = {
    "default": {
        "BACKEND": env_str("GONGHUI_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# --- Cache (per-IP rate limits on public forms): local memory unless a shared cache is set.
CACHES = {
    "default": {
        "BACKEND": env_str(
            "GONGHUI_CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"
        ),
        "LOCATION": env_str("GONGHUI_CACHE_LOCATION", "gonghui"),
    }
}

# --- Exact lookups by a full phone or ID number (and duplicate hits): per user and window.
GONGHUI_SENSITIVE_LOOKUPS_PER_WINDOW = env_int("GONGHUI_SENSITIVE_LOOKUPS_PER_WINDOW", 30)
GONGHUI_SENSITIVE_LOOKUP_WINDOW_SECONDS = env_int("GONGHUI_SENSITIVE_LOOKUP_WINDOW_SECONDS", 3600)

# --- 微心愿: unclaimed published wishes expire after this many days; public claims per IP.
GONGHUI_WISH_EXPIRY_DAYS = env_int("GONGHUI_WISH_EXPIRY_DAYS", 90)
GONGHUI_WISH_CLAIMS_PER_IP = env_int("GONGHUI_WISH_CLAIMS_PER_IP", 10)
GONGHUI_WISH_CLAIM_WINDOW_SECONDS = env_int("GONGHUI_WISH_CLAIM_WINDOW_SECONDS", 600)
# --- Public volunteer sign-up (volunteer number + phone): attempts per IP and window.
GONGHUI_PUBLIC_SIGNUPS_PER_IP = env_int("GONGHUI_PUBLIC_SIGNUPS_PER_IP", 10)
GONGHUI_PUBLIC_SIGNUP_WINDOW_SECONDS = env_int("GONGHUI_PUBLIC_SIGNUP_WINDOW_SECONDS", 600)

# Logs go to the console (journald under systemd). Every line carries the request id
# (X-Request-ID); GONGHUI_LOG_JSON=1 writes one JSON object per line and one line per request.
GONGHUI_LOG_JSON = env_bool("GONGHUI_LOG_JSON", False)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "gonghui.core.logs.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "gonghui.core.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if GONGHUI_LOG_JSON else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("GONGHUI_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}

GONGHUI_PAGE_SIZE = 20
