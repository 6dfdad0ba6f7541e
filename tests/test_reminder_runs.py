"""Two copies of `send_reminders` started at the same moment (as two cron
machines would) on one database send each due patient exactly one email.
On the SQLite run they share a database file; on the PostgreSQL run, a fresh
PostgreSQL database (where the claim uses SELECT ... FOR UPDATE SKIP LOCKED)."""

import subprocess
import sys

import pytest

from tests.servers import ROOT, app_env, manage, shared_database

pytestmark = pytest.mark.servers

PATIENTS = 600

SEED = f"""
import datetime
from django.contrib.auth.models import User
from accounts.models import Profile
users = User.objects.bulk_create(
    [User(username=f"p{{i}}", email=f"p{{i}}@example.com") for i in range({PATIENTS})]
)
Profile.objects.bulk_create(
    [Profile(user=u, timezone="Asia/Kolkata", reminders_enabled=True,
             reminder_time=datetime.time(18, 30)) for u in User.objects.all()]
)
"""


def test_two_concurrent_runs_send_one_email_per_patient(tmp_path):
    with shared_database(tmp_path) as url:
        outbox = tmp_path / "outbox"
        env = app_env(DATABASE_URL=url, DEBUG="1", EMAIL_URL="filemail://",
                      EMAIL_FILE_PATH=str(outbox), REMINDER_BATCH="10")  # fmt: skip
        assert manage("migrate", "--noinput", env=env).returncode == 0
        seeded = manage("shell", "-c", SEED, env=env)
        assert seeded.returncode == 0, seeded.stderr
        at = "2026-11-28T14:00:00+00:00"  # 19:30 in India: all are due
        runs = [
            subprocess.Popen(
                [sys.executable, "manage.py", "send_reminders", "--at", at],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )  # fmt: skip
            for _ in range(2)
        ]
        results = [run.communicate(timeout=300) for run in runs]
        assert all(run.returncode == 0 for run in runs), results
        counts = [int(out.split()[0]) for out, _ in results]
        assert sum(counts) == PATIENTS, counts
        assert min(counts) > 0, f"the runs did not overlap: {counts}"
        sent = "".join(p.read_text() for p in outbox.iterdir())
        recipients = [line for line in sent.splitlines() if line.startswith("To: ")]
        assert len(recipients) == PATIENTS
        assert len(set(recipients)) == PATIENTS
