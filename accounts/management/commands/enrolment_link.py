from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts import enrolment


class Command(BaseCommand):
    help = (
        "Print a one-time link (24 hours) with which a staff member or clinician "
        "enrols their authenticator app. A new link ends their older ones; using "
        "it replaces their earlier authenticators."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"No account is called {username!r}.") from None
        if not enrolment.needs_second_factor(user):
            raise CommandError(
                f"{username!r} is neither staff nor a clinician: patients need no authenticator."
            )
        token = enrolment.make_link(user)
        self.stdout.write(
            f"Enrolment link for {username} (works once, for 24 hours; sign in as "
            f"{username} first):\n{enrolment.link_url(token)}"
        )
