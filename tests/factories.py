import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from doctors.models import Doctor, Specialty
from walks.models import CheckIn, Plan, Walk

TEST_PASSWORD = "a-long-test-password-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"patient{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password(TEST_PASSWORD)


class WalkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Walk

    user = factory.SubFactory(UserFactory)
    date = factory.LazyFunction(datetime.date.today)
    duration_minutes = 15
    pain_before = 3
    pain_after = 2
    surface = "flat"


class CheckInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckIn

    user = factory.SubFactory(UserFactory)
    date = factory.LazyFunction(datetime.date.today)
    pain = 3


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    user = factory.SubFactory(UserFactory)
    start_date = factory.LazyFunction(datetime.date.today)
    start_minutes = 10


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
