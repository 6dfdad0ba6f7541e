from django.core.management import call_command
from django.core.management.base import BaseCommand

from doctors.models import Doctor


class Command(BaseCommand):
    help = (
        "Load the starter doctor listings (fixture 'doctors') into an empty "
        "directory. Does nothing once any doctor exists, so admins' edits are kept."
    )

    def handle(self, *args, **options):
        if Doctor.objects.exists():
            self.stdout.write("Doctor listings already present; left unchanged.")
            return
        call_command("loaddata", "doctors", verbosity=0)
        self.stdout.write(f"Loaded {Doctor.objects.count()} doctor listings.")
