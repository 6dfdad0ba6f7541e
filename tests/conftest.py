import datetime

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.utils import timezone

from accounts.models import Profile
from tests.factories import TEST_PASSWORD, CheckInFactory, UserFactory, WalkFactory


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (SQLite reuses row ids after a
    rolled-back test, so a cached entry could otherwise match a new patient)."""
    for alias in ("default", "limits", "fragments"):
        caches[alias].clear()
    yield
    for alias in ("default", "limits", "fragments"):
        caches[alias].clear()


@pytest.fixture(autouse=True)
def no_queued_tasks():
    """Each test starts with an empty test task queue (tests/imports.py)."""
    from django_tasks import task_backends

    backend = task_backends["default"]
    if hasattr(backend, "results"):
        backend.clear()
    yield


@pytest.fixture(autouse=True)
def imports_folder(settings, tmp_path):
    """Each test keeps import uploads in a folder of its own."""
    folder = tmp_path / "private-uploads"
    settings.STORAGES = {
        **settings.STORAGES,
        "imports": {**settings.STORAGES["imports"], "OPTIONS": {
            **settings.STORAGES["imports"]["OPTIONS"], "location": str(folder)}},
    }  # fmt: skip
    return folder


@pytest.fixture
def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def patient(db):
    return UserFactory(username="alice")


@pytest.fixture
def other_patient(db):
    return UserFactory(username="bob")


@pytest.fixture
def patient_client(client, patient):
    client.force_login(patient)
    return client


@pytest.fixture
def password() -> str:
    return TEST_PASSWORD


@pytest.fixture
def lessons(db):
    """The lessons a migration loads (a transactional test's flush removes them)."""
    from lessons.content import load_lessons
    from lessons.models import Lesson

    load_lessons(Lesson)


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a request in Hindi leaves
    Hindi active in this thread (Django activates per request and does not
    reset), which a later test's plain function calls would then read."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def hindi_patient(db, lessons):
    """Four weeks of diary with warnings of every level showing, in Hindi."""
    call_command("loaddata", "doctors", verbosity=0)
    user = UserFactory(username="asha")
    Profile.objects.create(user=user, language="hi", timezone="Asia/Kolkata")
    today = timezone.localdate()
    for i in range(0, 28, 2):
        WalkFactory(user=user, date=today - datetime.timedelta(days=i), duration_minutes=10 + i,
                    pain_before=4, pain_after=3 if i % 4 else 5, notes="पार्क में")  # fmt: skip
    WalkFactory(user=user, date=today, duration_minutes=14, pain_before=3, pain_after=8,
                stopped_for_sharp_pain=True)  # fmt: skip
    CheckInFactory(user=user, date=today, pain=4, numbness_or_tingling=True, saddle_numbness=True)
    CheckInFactory(user=user, date=today - datetime.timedelta(days=3), pain=4, fever=True)
    return user


@pytest.fixture
def questionnaires(db):
    """The questionnaires the data migration loads (a flushed database has none)."""
    from outcomes.loading import load_shipped
    from outcomes.models import Item, Option, Questionnaire

    load_shipped(Questionnaire, Item, Option)
