"""The project as an operator meets it: the dev server, production settings."""

import subprocess
import sys
import urllib.request

import pytest

from tests.servers import ROOT, app_env, free_port, manage, running

PROD = {
    "SECRET_KEY": "a-production-secret-key-with-plenty-of-randomness-4f9a8b7c6d5e4f3a2b1c",
    "ALLOWED_HOSTS": "walks.example.org",
}


@pytest.mark.slow
def test_dev_server_serves_the_landing_page(tmp_path):
    env = app_env(DEBUG="1", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert manage("migrate", "--noinput", env=env).returncode == 0
    seeded = manage("seed_doctors", env=env)
    assert "Loaded 5 doctor listings" in seeded.stdout
    port = free_port()
    cmd = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
    with running(cmd, env=env, url=f"http://127.0.0.1:{port}/"):
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as response:
            body = response.read().decode()
        assert "Walk your way to a calmer back" in body
        css = f"http://127.0.0.1:{port}/static/vendor/bootstrap/css/bootstrap.min.css"
        with urllib.request.urlopen(css) as response:
            assert response.status == 200


def test_production_settings_pass_the_deploy_check():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=app_env(**PROD))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = app_env(ALLOWED_HOSTS="walks.example.org")
    env.pop("SECRET_KEY", None)
    env.pop("DEBUG", None)
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_sqlite_is_tuned_for_concurrent_writers(tmp_path):
    code = (
        "import django; django.setup();"
        "from django.db import connection;"
        "c = connection.cursor();"
        "print(c.execute('PRAGMA journal_mode').fetchone()[0],"
        " c.execute('PRAGMA synchronous').fetchone()[0],"
        " c.execute('PRAGMA busy_timeout').fetchone()[0],"
        " connection.settings_dict['OPTIONS']['transaction_mode'])"
    )
    env = app_env(
        **PROD,
        DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}",
        DJANGO_SETTINGS_MODULE="backpain.settings",
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out[0] == "wal"
    assert out[1] == "1"  # NORMAL
    assert int(out[2]) >= 20000
    assert out[3] == "IMMEDIATE"


def test_database_url_switches_to_postgresql():
    code = (
        "import django; django.setup();"
        "from django.conf import settings;"
        "print(settings.DATABASES['default']['ENGINE'])"
    )
    env = app_env(
        **PROD,
        DATABASE_URL="postgres://u:p@127.0.0.1:5432/walks",
        DJANGO_SETTINGS_MODULE="backpain.settings",
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "django.db.backends.postgresql"
