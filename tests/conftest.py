import datetime

import pytest
from django.utils import timezone

from tests.factories import TEST_PASSWORD, UserFactory


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
