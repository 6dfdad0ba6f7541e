"""Settings for the test run: production settings plus test-only speedups."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-0123456789abcdef")
# Import uploads wait for their task in a folder of this run's own.
os.environ.setdefault("IMPORTS_ROOT", tempfile.mkdtemp(prefix="walks-test-imports-"))

from backpain.settings import *  # noqa: E402,F403

ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The test client and the live server speak plain HTTP.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# No collectstatic step before tests: serve files from the finders.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests open and close connections per request (live-server threads included),
# so the PostgreSQL test database can be dropped cleanly at the end.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# Rate-limit counters in this process's memory: the suite's requests all run
# here, and a per-test clear needs no database. Real servers started by the
# `servers` tests use the production default (a database table).
CACHES = {
    **CACHES,  # noqa: F405
    "limits": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "limits"},
}
# Background tasks are queued, not run: a test runs them when it chooses
# (tests/imports.py), so it sees the page the patient sees before the file
# has been read. tests/walks/test_import_tasks.py runs the real queues.
if not TASKS_REDIS_URL:  # noqa: F405
    TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
