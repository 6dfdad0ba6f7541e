import datetime

import pytest
from django.core.cache import cache, caches
from django.utils import timezone

from tests.factories import TEST_PASSWORD, UserFactory


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (SQLite reuses row ids after a
    rolled-back test, so a cached entry could otherwise match a new patient)."""
    cache.clear()
    caches["limits"].clear()
    yield
    cache.clear()
    caches["limits"].clear()


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
