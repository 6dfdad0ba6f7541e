"""Schemathesis fuzzes every operation of the OpenAPI schema, in-process:
no server errors, every response (status, content type, body) conforms to
the schema, and data that breaks the schema is refused."""

import os

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from accounts.models import AccessToken, hash_token
from tests.factories import DoctorFactory, UserFactory, WalkFactory

TOKEN = "ww_schemathesis-token-for-the-fuzzer-0123456789"
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())


@pytest.fixture
def same_connection():
    """Call the app as the test client does: the test's database connection
    (and its transaction) stays open between requests."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_patient(db, same_connection):
    user = UserFactory(username="fuzz")
    AccessToken.objects.create(user=user, name="fuzz", scope="write", token_hash=hash_token(TOKEN))
    WalkFactory(user=user)
    DoctorFactory()
    return user


@schema.parametrize()
@settings(
    max_examples=int(os.environ.get("API_FUZZ_EXAMPLES", "20")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_never_breaks_its_schema(case, fuzz_patient):
    cache.clear()  # the fuzzer is not here to test throttling
    # Every check but one: a date before 2000 or after today fits the schema's
    # `format: date` and is still refused, by the forms' own rules.
    case.call_and_validate(
        headers={"Authorization": f"Bearer {TOKEN}"},
        excluded_checks=[positive_data_acceptance],
    )
