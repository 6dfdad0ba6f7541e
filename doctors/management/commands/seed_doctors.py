from django.core.management import call_command
from django.core.management.base import BaseCommand

from doctors.models import Doctor
from doctors.seeding import seed_choices


class Command(BaseCommand):
    help = (
        "Load the starter doctor listings (fixture 'doctors') into an empty "
        "directory, and the common languages and back-pain specialties that are "
        "missing. Never changes a row that exists, so admins' edits are kept."
    )

    def handle(self, *args, **options):
        if Doctor.objects.exists():
            self.stdout.write("Doctor listings already present; left unchanged.")
        else:
            call_command("loaddata", "doctors", verbosity=0)
            self.stdout.write(f"Loaded {Doctor.objects.count()} doctor listings.")
        languages, specialties = seed_choices()
        if languages or specialties:
            self.stdout.write(f"Added {languages} languages and {specialties} specialties.")
