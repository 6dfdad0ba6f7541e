from datetime import UTC, datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reminders.sending import send_due_reminders


class Command(BaseCommand):
    help = (
        "Email the daily walk reminders that are due now (or at --at). "
        "Safe to run often and on several machines at once: run it every 5 minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--at",
            help="The instant to act for, ISO 8601 (e.g. 2026-11-28T13:05:00+00:00); "
            "a time without an offset is read in UTC.",
        )

    def handle(self, *args, at=None, **options):
        if at:
            try:
                now = datetime.fromisoformat(at)
            except ValueError:
                raise CommandError(f"--at {at!r} is not an ISO 8601 date and time.") from None
            if timezone.is_naive(now):
                now = now.replace(tzinfo=UTC)
        else:
            now = timezone.now()
        sent = send_due_reminders(now)
        self.stdout.write(f"{sent} reminder(s) sent for {now.isoformat()}")
