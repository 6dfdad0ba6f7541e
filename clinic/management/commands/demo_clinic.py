"""manage.py demo_clinic: one clinician and twelve linked demo patients in
different states, for trying the clinician panel.

Demo data only: every account it makes is called `demo-...`, and it refuses
to run on a database that already holds other patients (real ones) unless
`--allow-real-patients` is given. `make run` never runs it.
"""

from datetime import timedelta
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts import enrolment
from clinic import services
from clinic.models import CLINICIANS_GROUP, Clinician
from outcomes import instruments
from outcomes import selectors as outcome_selectors
from outcomes.services import save_response
from walks.clock import patient_today
from walks.services import entries, health

PREFIX = "demo-"
SIGN_IN_NOTE = "The demo patients cannot sign in; only the clinician can."


def _walk(user, day, today, minutes, pain, **flags):
    entries.log_walk(
        user=user,
        data={"date": day, "duration_minutes": minutes, "pain_before": pain, "pain_after": pain,
              "surface": "flat", **flags},
        today=today,
    )  # fmt: skip


def _weeks_of_walks(user, today, *, start, weeks, minutes=10, days=3, pain=2):
    """`weeks` good weeks from `start`: each meets the plan's target on enough days."""
    for week in range(weeks):
        for day in range(min(5, days + week)):
            when = start + timedelta(days=7 * week + day)
            if when <= today:
                _walk(user, when, today, min(30, minutes + 5 * week), pain)


def _high_outlook(user, today):
    """Every item agreed and the pain extremely bothersome: total 9, distress 5."""
    answers = dict.fromkeys(range(1, 9), instruments.AGREE) | {9: "extremely"}
    save_response(
        user=user,
        questionnaire=outcome_selectors.questionnaire(instruments.OUTLOOK),
        answers=answers,
        today=today,
    )


def _back_function(user, today, score):
    answers = {n: instruments.YES if n <= score else instruments.NO for n in range(1, 25)}
    save_response(
        user=user,
        questionnaire=outcome_selectors.questionnaire(instruments.BACK_FUNCTION),
        answers=answers,
        today=today,
    )


class Command(BaseCommand):
    help = (
        "Make a demo clinician (demo-clinician) and twelve linked demo patients in "
        "different states. Demo data: refuses a database with real patients."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-real-patients",
            action="store_true",
            help="add the demo accounts even though other accounts exist",
        )

    def handle(self, *args, allow_real_patients=False, **options):
        User = get_user_model()
        real = (
            User.objects.exclude(username__startswith=PREFIX)
            .exclude(is_staff=True)
            .exclude(groups__name=CLINICIANS_GROUP)
        )
        if real.exists() and not allow_real_patients:
            raise CommandError(
                "This database has real patients; the demo belongs on a database of its own. "
                "Use --allow-real-patients to add it anyway."
            )
        if User.objects.filter(username__startswith=PREFIX).exists():
            raise CommandError("The demo is already here (accounts called demo-...).")
        with transaction.atomic():
            clinician_user = User.objects.create_user(
                "demo-clinician", first_name="Demo", last_name="Clinician"
            )
            clinician_user.set_unusable_password()  # its owner sets one
            clinician_user.save()
            call_command("add_clinician", "demo-clinician", stdout=StringIO())
            clinician = Clinician.objects.get(user=clinician_user)
            for make in PATIENTS:
                name, story = make.__doc__.split(":", 1)
                user = User.objects.create_user(f"{PREFIX}{name}", first_name="Demo",
                                                last_name=story.strip())  # fmt: skip
                user.set_unusable_password()
                user.save()
                today = patient_today(user)
                make(user, today)
                services.link(patient=user, clinician=clinician, can_adjust_plan=True)
        token = enrolment.make_link(clinician_user)
        self.stdout.write(
            f"Demo clinician: demo-clinician, practice code {clinician.practice_code}; 12 demo "
            f"patients linked.\nSet its password with `manage.py changepassword demo-clinician`, "
            f"sign in, then enrol an authenticator with:\n{enrolment.link_url(token)}\n"
            f"{SIGN_IN_NOTE}"
        )


def emergency(user, today):
    """emergency: reported saddle numbness today"""
    _weeks_of_walks(user, today, start=today - timedelta(days=20), weeks=3)
    _walk(user, today, today, 10, 4, saddle_numbness=True)


def same_day(user, today):
    """same-day: fever yesterday"""
    _weeks_of_walks(user, today, start=today - timedelta(days=13), weeks=2)
    _walk(user, today - timedelta(days=1), today, 10, 5, fever=True)


def tingling(user, today):
    """tingling: numbness or tingling in a leg"""
    _weeks_of_walks(user, today, start=today - timedelta(days=27), weeks=4)
    _walk(user, today - timedelta(days=2), today, 15, 3, numbness_or_tingling=True)


def pain_up(user, today):
    """pain-up: pain 2 last week, 5 this week"""
    _walk(user, today - timedelta(days=9), today, 15, 2)
    _walk(user, today - timedelta(days=1), today, 15, 5)


def quiet(user, today):
    """quiet: no entry for 12 days"""
    _weeks_of_walks(user, today, start=today - timedelta(days=30), weeks=3)


def worried(user, today):
    """worried: high outlook score"""
    _weeks_of_walks(user, today, start=today - timedelta(days=6), weeks=1)
    _high_outlook(user, today)


def improving(user, today):
    """improving: back function down from 14 to 6"""
    _weeks_of_walks(user, today, start=today - timedelta(days=41), weeks=6)
    _back_function(user, today - timedelta(days=35), 14)
    _back_function(user, today, 6)


def at_goal(user, today):
    """at-goal: 30 minutes on 5 days"""
    _weeks_of_walks(user, today, start=today - timedelta(days=48), weeks=7, minutes=10, days=3)


def rested(user, today):
    """rested: a doctor advised rest"""
    _weeks_of_walks(user, today, start=today - timedelta(days=13), weeks=2)
    health.record_doctor_visit(user=user, seen_on=today, advice="rest", note="", today=today)


def steady(user, today):
    """steady: walking to plan"""
    _weeks_of_walks(user, today, start=today - timedelta(days=15), weeks=3)


def new(user, today):
    """new: linked, nothing logged yet"""


def adjusted(user, today):
    """adjusted: target set by the clinician"""
    _weeks_of_walks(user, today, start=today - timedelta(days=9), weeks=2)
    entries.set_target(
        user=user, week="current", target_minutes=12, target_days=3, note="Short, flat walks "
        "this week.", set_by=None, set_by_name="Demo Clinician", today=today,
    )  # fmt: skip


PATIENTS = (emergency, same_day, tingling, pain_up, quiet, worried, improving, at_goal, rested,
            steady, new, adjusted)  # fmt: skip
