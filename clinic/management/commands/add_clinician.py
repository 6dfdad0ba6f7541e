from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from clinic.models import CLINICIANS_GROUP, Clinician
from doctors.models import Doctor


class Command(BaseCommand):
    help = (
        "Make an existing user a clinician (the 'clinicians' group), optionally tied "
        "to a directory listing; prints their practice code. They then need an "
        "enrolment link for their authenticator (manage.py enrolment_link USERNAME)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--doctor", help="the slug of their directory listing")

    def handle(self, *args, username, doctor=None, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        listing = None
        if doctor:
            listing = Doctor.objects.filter(slug=doctor).first()
            if listing is None:
                raise CommandError(f"No directory listing with the slug {doctor!r}.")
        group, _ = Group.objects.get_or_create(name=CLINICIANS_GROUP)
        user.groups.add(group)
        clinician, _ = Clinician.objects.get_or_create(user=user)
        if listing is not None and clinician.doctor_id != listing.pk:
            clinician.doctor = listing
            clinician.save(update_fields=["doctor"])
        self.stdout.write(f"{username} is a clinician; practice code {clinician.practice_code}.")
