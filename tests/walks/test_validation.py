"""Every rule of the walk and check-in forms, on both sides of its limit."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.factories import WalkFactory, checkin_data, walk_data
from walks.models import CheckIn, Walk
from walks.services import entries

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
TOMORROW = TODAY + datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("field", "value", "ok"),
    [
        ("duration_minutes", "0", False),
        ("duration_minutes", "1", True),
        ("duration_minutes", "300", True),
        ("duration_minutes", "301", False),
        ("duration_minutes", "-5", False),
        ("duration_minutes", "12.5", False),
        ("duration_minutes", "ten", False),
        ("duration_minutes", "", False),
        ("duration_minutes", "9" * 40, False),
        ("pain_before", "-1", False),
        ("pain_before", "0", True),
        ("pain_before", "10", True),
        ("pain_before", "11", False),
        ("pain_after", "-1", False),
        ("pain_after", "0", True),
        ("pain_after", "10", True),
        ("pain_after", "11", False),
        ("pain_after", "", False),
        ("date", TODAY.isoformat(), True),
        ("date", TOMORROW.isoformat(), False),
        ("date", "2000-01-01", True),
        ("date", "1999-12-31", False),
        ("date", "2025-02-30", False),
        ("date", "yesterday", False),
        ("surface", "flat", True),
        ("surface", "treadmill", True),
        ("surface", "uneven", True),
        ("surface", "lava", False),
        ("notes", "x" * 1000, True),
        ("notes", "x" * 1001, False),
    ],
)
def test_walk_form_limits(patient_client, patient, field, value, ok):
    response = patient_client.post("/walks/new/", walk_data(**{field: value}))
    if ok:
        assert response.status_code == 302
        assert Walk.objects.filter(user=patient).count() == 1
    else:
        assert response.status_code == 200
        form = response.context["form"]
        assert field in form.errors, form.errors
        body = response.content.decode()
        # The message sits beside the field: crispy renders it with the field's id.
        assert f'id="error_1_id_{field}"' in body
        assert "Nothing has been saved yet" in body
        assert Walk.objects.count() == 0


def test_future_date_message_is_plain(patient_client):
    response = patient_client.post("/walks/new/", walk_data(date=TOMORROW.isoformat()))
    assert "The date cannot be in the future." in response.content.decode()


def test_date_before_2000_message(patient_client):
    response = patient_client.post("/walks/new/", walk_data(date="1999-12-31"))
    assert "The date cannot be before 1 January 2000." in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "ok"),
    [
        ("pain", "-1", False),
        ("pain", "0", True),
        ("pain", "10", True),
        ("pain", "11", False),
        ("date", TODAY.isoformat(), True),
        ("date", TOMORROW.isoformat(), False),
        ("notes", "x" * 1001, False),
    ],
)
def test_checkin_form_limits(patient_client, patient, field, value, ok):
    response = patient_client.post("/checkins/new/", checkin_data(**{field: value}))
    if ok:
        assert response.status_code == 302
        assert CheckIn.objects.filter(user=patient).count() == 1
    else:
        assert response.status_code == 200
        assert field in response.context["form"].errors
        assert CheckIn.objects.count() == 0


def test_a_bad_edit_changes_nothing(patient_client, patient):
    walk = WalkFactory(user=patient, duration_minutes=20)
    response = patient_client.post(
        f"/walks/{walk.pk}/edit/", walk_data(date=walk.date.isoformat(), duration_minutes="301")
    )
    assert response.status_code == 200
    walk.refresh_from_db()
    assert walk.duration_minutes == 20


@pytest.mark.parametrize(
    "fields",
    [
        {"duration_minutes": 0},
        {"duration_minutes": 301},
        {"pain_before": 11},
        {"pain_after": 11},
        {"surface": "lava"},
        {"date": datetime.date(1999, 12, 31)},
    ],
)
def test_database_constraints_back_up_the_forms(patient, today, fields):
    valid = {"date": today, "duration_minutes": 15, "pain_before": 3, "pain_after": 2}
    with pytest.raises(IntegrityError), transaction.atomic():
        Walk.objects.create(user=patient, **{**valid, **fields})
    with pytest.raises(ValidationError):
        entries.log_walk(user=patient, data={**valid, **fields}, today=today)
    assert Walk.objects.count() == 0
