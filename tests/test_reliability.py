"""Reliability under real servers: concurrent writers, backups.

These start real processes (gunicorn, manage.py) on a temporary SQLite file
with the production settings.
"""

import csv
import io
import json
import re
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.servers import ROOT, Browserless, app_env, free_port, manage, running

pytestmark = pytest.mark.slow

PATIENTS = 16
WALKS_EACH = 40


@pytest.fixture(scope="module")
def prod(tmp_path_factory):
    """Production settings on a fresh, migrated SQLite file, statics collected."""
    tmp = tmp_path_factory.mktemp("prod")
    env = app_env(
        SECRET_KEY="load-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}",
        STATIC_ROOT=str(tmp / "static"),
    )
    for args in (("migrate", "--noinput"), ("collectstatic", "--noinput")):
        result = manage(*args, env=env)
        assert result.returncode == 0, result.stderr
    return env, tmp / "db.sqlite3"


def _patient(base, n, errors, accepted, start_gate):
    s = Browserless(base)
    s.get_token("/accounts/signup/")
    password = f"load-test-passphrase-{n}"
    status, _ = s.post(
        "/accounts/signup/",
        {
            "username": f"load{n}",
            "email": f"l{n}@example.com",
            "password1": password,
            "password2": password,
        },
    )
    if status != 302:
        errors.append(("signup", n, status))
        return
    s.get_token("/walks/new/")
    start_gate.wait()
    today = time.strftime("%Y-%m-%d")
    for i in range(WALKS_EACH):
        status, _ = s.post(
            "/walks/new/",
            {
                "date": today,
                "duration_minutes": str(10 + i % 20),
                "pain_before": "3",
                "pain_after": "2",
                "surface": "flat",
                "notes": f"walk {n}-{i}",
            },
        )
        if status == 302:
            accepted.append((n, f"walk {n}-{i}"))
        else:
            errors.append(("walk", n, i, status))
    status, csv_text = s.request("/walks/export.csv")
    return status, csv_text


def test_concurrent_patients_lose_no_walks(prod):
    env, _ = prod
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [
        sys.executable,
        "-m",
        "gunicorn",
        "backpain.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--worker-class",
        "gthread",
        "--workers",
        "2",
        "--threads",
        "8",
        "--timeout",
        "120",
        "--log-level",
        "warning",
    ]
    errors, accepted = [], []
    gate = threading.Barrier(PATIENTS + 1)
    with running(cmd, env=env, url=f"{base}/tips/"), ThreadPoolExecutor(PATIENTS) as pool:
        futures = [pool.submit(_patient, base, n, errors, accepted, gate) for n in range(PATIENTS)]
        gate.wait(timeout=120)
        started = time.perf_counter()
        results = [f.result() for f in futures]
        elapsed = time.perf_counter() - started

    assert errors == []
    assert len(accepted) == PATIENTS * WALKS_EACH
    lost = 0
    for n, (status, csv_text) in enumerate(results):
        assert status == 200
        rows = list(csv.DictReader(io.StringIO(csv_text)))
        mine = {note for owner, note in accepted if owner == n}
        present = {row["notes"] for row in rows}
        lost += len(mine - present)
        assert len(rows) == WALKS_EACH
    assert lost == 0
    report = {
        "patients": PATIENTS,
        "walks_each": WALKS_EACH,
        "accepted": len(accepted),
        "errors": len(errors),
        "lost": lost,
        "seconds": round(elapsed, 2),
        "walks_per_second": round(len(accepted) / elapsed, 1),
        "server": "gunicorn gthread 2 workers x 8 threads, SQLite WAL",
    }
    out = ROOT / "test-artifacts"
    out.mkdir(exist_ok=True)
    (out / "loadtest.json").write_text(json.dumps(report, indent=2))
    print("\nload test:", report)


WRITER = """
import django, sys
django.setup()
from django.contrib.auth.models import User
from walks.models import Walk
user, _ = User.objects.get_or_create(username="backup-writer")
for i in range(int(sys.argv[1])):
    Walk.objects.create(user=user, date="2026-01-01", duration_minutes=20, pain_before=2,
                        pain_after=2, notes=f"w{i}")
print("done")
"""


def test_backup_while_walks_are_written(prod, tmp_path):
    env, db_path = prod
    env = {**env, "DJANGO_SETTINGS_MODULE": "backpain.settings"}
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, "1500"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        # wait until the writer is under way
        while time.monotonic() < deadline:
            with sqlite3.connect(db_path, timeout=30) as c:
                if c.execute("select count(*) from walks_walk").fetchone()[0] > 50:
                    break
            time.sleep(0.05)
        copies = []
        for i in range(3):
            target = tmp_path / f"backup-{i}.sqlite3"
            result = manage("backup", str(target), env=env)
            assert result.returncode == 0, result.stderr
            assert "integrity check ok" in result.stdout
            copies.append(target)
    finally:
        out, err = writer.communicate(timeout=120)
    assert writer.returncode == 0, err

    counts = []
    for copy in copies:
        with sqlite3.connect(copy) as c:
            assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            counts.append(c.execute("select count(*) from walks_walk").fetchone()[0])
            assert c.execute("select count(*) from django_migrations").fetchone()[0] > 10
    assert counts[0] > 0
    assert counts == sorted(counts)  # each later copy saw at least as many walks
    assert not list(Path(tmp_path).glob(".backup-*"))  # no half-written files left

    again = manage("backup", str(copies[0]), env=env)
    assert again.returncode != 0 and "already exists" in again.stderr


def test_backup_explains_pg_dump_on_postgresql(prod):
    env, _ = prod
    env = {**env, "DATABASE_URL": "postgres://nobody:x@127.0.0.1:1/none"}
    result = manage("backup", "/tmp/never-written.sqlite3", env=env)
    assert result.returncode != 0
    assert "pg_dump" in result.stderr


def test_static_files_are_hashed_compressed_and_cached_for_long(prod):
    """Production static files: hashed names, brotli, immutable caching."""
    env, _ = prod
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "gunicorn", "backpain.wsgi", "--bind", f"127.0.0.1:{port}"]
    with running(cmd, env=env, url=f"{base}/tips/"):
        with urllib.request.urlopen(f"{base}/tips/") as response:
            html = response.read().decode()
        css = re.search(
            r'href="(/static/vendor/bootstrap/css/bootstrap\.min\.[0-9a-f]{12}\.css)"', html
        )
        assert css, "stylesheet URL is not hashed"
        request = urllib.request.Request(base + css.group(1), headers={"Accept-Encoding": "br"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "br"
            assert "immutable" in response.headers["Cache-Control"]
