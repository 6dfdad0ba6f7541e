"""Delete import jobs older than a day and any upload they still hold.

Every new upload does this too; run it from the same timer as the reminders
(README, deployment) so a file is gone after a day even when nobody uploads."""

from django.core.management.base import BaseCommand

from walks.services import imports


class Command(BaseCommand):
    help = "Delete import jobs older than a day, with any file they still hold."

    def handle(self, *args, **options):
        count = imports.discard_expired()
        if options["verbosity"]:
            self.stdout.write(f"{count} expired import job(s) deleted")
