"""make bench: `send_reminders` for 1,000 and 10,000 patients.

Every patient has reminders on, a time zone from a spread of real ones, and
three weeks of walks ending yesterday in their own zone, so each reminder
computes a real plan target. The run happens at an instant when every
patient is due; the mail backend is Django's in-memory one, so the time is
the app's own (claim, plan, render), not a mail server's.
"""

import datetime
import time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import User
from django.core import mail
from django.test.utils import override_settings

from accounts.models import Profile, ReminderSent
from reminders.sending import send_due_reminders
from walks.models import Surface, Walk

ZONES = ["Asia/Kolkata", "Europe/London", "America/New_York", "Australia/Sydney", "UTC"]
REMINDER = datetime.time(6, 0)


def seed(count: int, prefix: str) -> list[int]:
    User.objects.bulk_create(
        [
            User(username=f"{prefix}{i}", email=f"{prefix}{i}@example.com", password="!")
            for i in range(count)
        ],  # fmt: skip
        batch_size=2000,
    )
    ids = list(
        User.objects.filter(username__startswith=prefix).order_by("pk").values_list("pk", flat=True)
    )
    Profile.objects.bulk_create(
        [
            Profile(
                user_id=pk,
                timezone=ZONES[i % len(ZONES)],
                reminders_enabled=True,
                reminder_time=REMINDER,
            )
            for i, pk in enumerate(ids)
        ],  # fmt: skip
        batch_size=2000,
    )
    return ids


def add_walks(ids: list[int], now: datetime.datetime) -> None:
    rows = []
    for i, pk in enumerate(ids):
        today = now.astimezone(ZoneInfo(ZONES[i % len(ZONES)])).date()
        for back in range(1, 22, 2):
            rows.append(
                Walk(
                    user_id=pk,
                    date=today - datetime.timedelta(days=back),
                    duration_minutes=10 + back % 10,
                    pain_before=3,
                    pain_after=2,
                    surface=Surface.FLAT,
                )  # fmt: skip
            )
    Walk.objects.bulk_create(rows, batch_size=5000)


def timed_run(now: datetime.datetime) -> tuple[float, int]:
    mail.outbox = []
    t0 = time.perf_counter()
    sent = send_due_reminders(now)
    return time.perf_counter() - t0, sent


def run() -> dict:
    # At 12:00 UTC every listed zone is past 06:00 on its local day: India
    # 17:30, London 12:00, New York 07:00, Sydney 23:00 (UTC+11 in November).
    now = datetime.datetime(2026, 11, 27, 12, 0, tzinfo=datetime.UTC)
    results = {}
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        for count in (1_000, 10_000):
            ids = seed(count, f"r{count}-")
            add_walks(ids, now)
            seconds, sent = timed_run(now)
            again, sent_again = timed_run(now + datetime.timedelta(minutes=5))
            results[count] = {
                "patients": count,
                "sent": sent,
                "seconds": round(seconds, 2),
                "ms_per_patient": round(seconds * 1000 / count, 2),
                "second_run_sent": sent_again,
                "second_run_seconds": round(again, 2),
            }
            ReminderSent.objects.all().delete()
            Profile.objects.filter(user_id__in=ids).update(reminders_enabled=False)
    results["growth_10k_over_1k"] = round(results[10_000]["seconds"] / results[1_000]["seconds"], 2)
    results["batch"] = settings.REMINDER_BATCH
    return results
