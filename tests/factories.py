import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from doctors.models import Doctor, Specialty
from walks.models import CheckIn, Plan, Walk
from walks.services import entries

TEST_PASSWORD = "a-long-test-password-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"patient{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password(TEST_PASSWORD)


WRITERS = {
    Walk: (entries.WALK_FIELDS, entries.log_walk),
    CheckIn: (entries.CHECKIN_FIELDS, entries.log_checkin),
}


class EntryFactory(factory.django.DjangoModelFactory):
    """Diary rows go through the write services, as in the app, so the
    cached weeks stay right in every test."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, user, **data):
        fields, log = WRITERS[model_class]
        unknown = set(data) - set(fields)
        if unknown:
            raise TypeError(f"{model_class.__name__} has no form field {sorted(unknown)}")
        today = max(data["date"], timezone.localdate())
        return log(user=user, data=data, today=today).entry


class WalkFactory(EntryFactory):
    class Meta:
        model = Walk

    user = factory.SubFactory(UserFactory)
    date = factory.LazyFunction(timezone.localdate)
    duration_minutes = 15
    pain_before = 3
    pain_after = 2
    surface = "flat"


class CheckInFactory(EntryFactory):
    class Meta:
        model = CheckIn

    user = factory.SubFactory(UserFactory)
    date = factory.LazyFunction(timezone.localdate)
    pain = 3


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    user = factory.SubFactory(UserFactory)
    start_date = factory.LazyFunction(timezone.localdate)
    start_minutes = 10

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return entries.set_plan(**kwargs)


class SpecialtyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Specialty
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Specialty {n}")
    slug = factory.Sequence(lambda n: f"specialty-{n}")


class DoctorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Doctor

    name = factory.Sequence(lambda n: f"Dr Test {n}")
    slug = factory.Sequence(lambda n: f"dr-test-{n}")
    specialty = factory.SubFactory(SpecialtyFactory)
    title = "Orthopaedic Surgeon"
    years_experience = 8
    qualifications = "MBBS, MS (Ortho)"
    city = "Pune"
    clinic = "Spine Care Clinic, Pune"
    patients_served = None
    listed = True


def walk_data(**overrides) -> dict:
    """A valid walk form submission, with any field overridden."""
    data = {
        "date": timezone.localdate().isoformat(),
        "duration_minutes": "15",
        "pain_before": "3",
        "pain_after": "2",
        "surface": "flat",
        "notes": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def checkin_data(**overrides) -> dict:
    data = {"date": timezone.localdate().isoformat(), "pain": "4", "notes": ""}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
