"""Settings for the back-pain walking app.

One module, driven by environment variables (django-environ). DEBUG is off
unless set; with DEBUG off a SECRET_KEY must come from the environment.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set in the environment when DEBUG is off.")
    # Only for local development; never used when DEBUG is off.
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-7f3a9c"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "backpain.admin_site.WalkWellAdminConfig",  # django.contrib.admin, closed to a password alone
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "csp",
    "accounts",
    "walks",
    "outcomes",
    "doctors",
    "reports",
    "lessons",
    "reminders",
    "clinic",
    "backpain",  # the project itself: the backup command
    "rest_framework",
    "drf_spectacular",
    "simple_history",
    "import_export",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "health_check",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # English or Hindi: the patient's saved choice (accounts middleware,
    # below), else the language cookie, else the browser's Accept-Language.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.PatientTimezoneMiddleware",
    "accounts.middleware.PatientLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "backpain.middleware.PrivatePagesMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",  # Ratelimited -> RATELIMIT_VIEW (429)
    # Axes must come last so it sees the outcome of every login attempt.
    "axes.middleware.AxesMiddleware",
]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware"),
    "simple_history.middleware.HistoryRequestMiddleware",  # who made each change
)

ROOT_URLCONF = "backpain.urls"

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
                "walks.context_processors.top_alerts",
                "accounts.devices.context",
            ],
        },
    },
]

WSGI_APPLICATION = "backpain.wsgi.application"

# Database: a local SQLite file unless DATABASE_URL says otherwise.
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Many patients may write at once: WAL lets readers and one writer work
    # together, IMMEDIATE takes the write lock at BEGIN (no upgrade deadlocks),
    # and the timeout makes a writer wait for the lock instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 25,
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"
            ),
        }
    )
# Keep each server thread's connection between requests (opening one, with
# SQLite's PRAGMAs, cost about a tenth of a dashboard under load).
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background tasks through Django's tasks API (the django-tasks backport of
# Django 6's django.tasks). By default they wait in the database and
# `manage.py db_worker` runs them (`make run` starts one). At scale,
# TASKS_REDIS_URL puts them on RQ queues in Redis, run by `manage.py rqworker`.
TASKS_REDIS_URL = env.str("TASKS_REDIS_URL", default="")
if TASKS_REDIS_URL:
    INSTALLED_APPS.append("django_rq")
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": TASKS_REDIS_URL, "DEFAULT_TIMEOUT": 3600}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# /healthz reports the task queue as down when a task has waited this long.
TASK_MAX_WAIT_SECONDS = env.int("TASK_MAX_WAIT_SECONDS", default=600)

# Cache: assessed weeks of each patient's plan (walks/services/weekcache.py).
# Per process by default; several servers can share one through CACHE_URL
# (e.g. redis://host:6379/1). Correctness never depends on it: the diary's
# version lives in the database.
# "limits" holds the counters of every rate limit (API throttles, shared
# reports, PDFs, sign-up and password-reset emails). They must be shared by
# every worker and server, or each process would count on its own: by default
# a table in the app's database (created by a migration), so one machine's
# workers, and servers sharing a PostgreSQL database, all count together; with
# CACHE_URL (Redis) both caches live there.
CACHES = {
    "default": env.cache_url("CACHE_URL", default="locmemcache://walks-weeks"),
    "limits": env.cache_url("CACHE_URL", default="dbcache://walkwell_limits"),
}
# Parts of pages that are the same for everyone in a language (the menus,
# the footer), rendered once per process: they depend only on the code and
# the language, so each server keeps its own and a deploy starts afresh.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "walks-fragments",
    "OPTIONS": {"MAX_ENTRIES": 2000},
}
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 5000)
if CACHES["limits"]["BACKEND"].endswith("DatabaseCache"):
    # with a locked read-and-write for counting (backpain/cache.py)
    CACHES["limits"]["BACKEND"] = "backpain.cache.CountingDatabaseCache"
    CACHES["limits"].setdefault("OPTIONS", {}).update({"MAX_ENTRIES": 100_000, "CULL_FREQUENCY": 4})
RATELIMIT_USE_CACHE = "limits"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("hi", "हिन्दी")]
LOCALE_PATHS = [env.path("LOCALE_DIR", default=BASE_DIR / "locale")]
# A year, so a patient who chose Hindi before signing up keeps it.
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

# Static files: our own files plus Bootstrap and Chart.js from node_modules,
# served by whitenoise with hashed names and compression.
STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "backpain.staticfinders.NodeModulesFinder",  # Bootstrap and Chart.js from npm
]
# Uploads stop as soon as they pass the largest file the app reads (500 MB).
FILE_UPLOAD_HANDLERS = [
    "backpain.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Uploaded files (doctors' photos) go through Django's storage API: a local
# folder here; a deployment can point "default" at object storage.
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# "imports" holds import uploads while a background task reads them
# (walks/services/imports.py): private, never served, each file deleted once
# read and after a day at the latest. Web servers and task workers must see
# the same place: a shared folder, or object storage for several machines
# (django-storages' S3 backend with its bucket in OPTIONS).
IMPORTS_ROOT = env.path("IMPORTS_ROOT", default=BASE_DIR / "private-uploads")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "imports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": str(IMPORTS_ROOT),
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    },
}
# whitenoise serves hashed names (all that {% static %} emits) as immutable,
# cached for ten years; unhashed copies keep its short default.

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# Used only with EMAIL_URL=filemail:// (each run of a sender writes one file there).
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(BASE_DIR / "sent-mail"))
# Staff need a second factor (TOTP) for the admin; tests may switch it off.
STAFF_REQUIRE_2FA = env.bool("STAFF_REQUIRE_2FA", default=True)
OTP_TOTP_ISSUER = "Walk Well"
# Patients claimed (and emailed) per transaction by send_reminders.
REMINDER_BATCH = env.int("REMINDER_BATCH", default=500)
# Where links in emails point (reminders): the address patients use.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="walks@localhost")

# Triage: the number urgent warnings show as a tel: link (112 works in India
# and the EU; a UK deployment sets 999, the US 911), and where same-day
# warnings send patients (e.g. "NHS 111").
EMERGENCY_NUMBER = env.str("EMERGENCY_NUMBER", default="112")
# Set in the environment, it is used as written in every language.
URGENT_ADVICE = env.str("URGENT_ADVICE", default="") or gettext_lazy(
    "your doctor or an urgent care clinic"
)

# The REST API (/api/v1/): personal tokens or the session, JSON only (the
# browsable API needs inline scripts), throttled per token and per address
# through the cache (share one cache between servers: CACHE_URL).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.api_auth.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "accounts.api_auth.TokenScope",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "accounts.api_auth.PerTokenThrottle",
        "accounts.api_auth.PerAddressThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "token": env.str("API_RATE_PER_TOKEN", default="120/min"),
        "address": env.str("API_RATE_PER_ADDRESS", default="300/min"),
    },
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["walks.api.parsers.StrictJSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_METADATA_CLASS": None,  # OPTIONS answers 405: the schema describes the API
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "NUM_PROXIES": env.int("TRUSTED_PROXIES", default=0),  # see TRUSTED_PROXIES
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Walk Well API",
    "DESCRIPTION": "Walks, check-ins, the walking plan and progress, weekly checks, doctors.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "walks.api.schema.add_error_responses",
    ],
}

# How many proxies stand in front of the app and add to X-Forwarded-For (a
# load balancer, nginx): per-address limits trust that many entries from the
# right, and none by default (accounts/addresses.py).
TRUSTED_PROXIES = env.int("TRUSTED_PROXIES", default=0)
RATELIMIT_IP_META_KEY = "accounts.addresses.client_ip"
# Accounts made from one address in an hour (a clinic's patients may share
# one network address, so not too few).
SIGNUP_RATE = env.str("SIGNUP_RATE", default="30/h")
AXES_CLIENT_IP_CALLABLE = "accounts.addresses.client_ip"

# Shared reports (/r/<token>/) are rate-limited per address through the cache;
# a deployment with several servers points CACHE_URL at a shared cache.
RATELIMIT_VIEW = "reports.views.rate_limited"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

MESSAGE_TAGS = {40: "danger"}  # messages.ERROR -> Bootstrap's alert-danger

# Security headers and cookies. Production (DEBUG off) is strict by default;
# an operator behind a TLS-terminating proxy sets SECURE_PROXY_SSL_HEADER.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancers probe over plain HTTP, behind the TLS they end themselves.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# Login throttling: 5 failures for one username from one address lock that
# pair out for 15 minutes; a successful login resets the count.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
AXES_USERNAME_CALLABLE = "accounts.axes.attempted_username"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
