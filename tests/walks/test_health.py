"""The health background (/accounts/health/): asked once, private, and a
doctor warning until a doctor has checked the back since the boxes changed."""

import datetime
import json

import pytest
from django.contrib import admin

from walks.models.health import HealthBackground

pytestmark = pytest.mark.django_db


def codes(client):
    return [w["code"] for w in client.get("/progress.json").json()["warnings"]]


def test_a_ticked_box_asks_for_a_doctor_until_a_check_is_recorded(patient_client, today):
    assert "health_background" not in codes(patient_client)
    response = patient_client.post("/accounts/health/", {"osteoporosis": "on"}, follow=True)
    assert "Your health background is saved" in response.content.decode()
    assert "health_background" in codes(patient_client)
    page = patient_client.get("/").content.decode()
    assert 'data-code="health_background"' in page and 'href="/accounts/health/"' in page

    yesterday = today - datetime.timedelta(days=1)
    patient_client.post(
        "/accounts/health/", {"osteoporosis": "on", "doctor_checked_on": yesterday.isoformat()}
    )
    # The box changed today: a check yesterday does not cover it.
    assert "health_background" in codes(patient_client)
    patient_client.post(
        "/accounts/health/", {"osteoporosis": "on", "doctor_checked_on": today.isoformat()}
    )
    assert "health_background" not in codes(patient_client)


def test_a_new_box_after_a_check_brings_the_warning_back(patient, patient_client, today):
    HealthBackground.objects.create(
        user=patient,
        cancer_history=True,
        boxes_changed_on=today - datetime.timedelta(days=30),
        doctor_checked_on=today - datetime.timedelta(days=20),
    )
    assert "health_background" not in codes(patient_client)
    checked = (today - datetime.timedelta(days=20)).isoformat()
    patient_client.post(
        "/accounts/health/",
        {"cancer_history": "on", "long_term_steroids": "on", "doctor_checked_on": checked},
    )
    assert "health_background" in codes(patient_client)
    # Unticking everything ends it too.
    patient_client.post("/accounts/health/", {"doctor_checked_on": checked})
    assert "health_background" not in codes(patient_client)


@pytest.mark.parametrize(
    ("value", "message"),
    [("2999-01-01", "cannot be in the future"), ("1999-12-31", "before 1 January 2000"),
     ("not-a-date", "Enter a real date, for example 2026-12-04")],
)  # fmt: skip
def test_a_bad_check_date_is_refused_beside_the_field(patient_client, patient, value, message):
    response = patient_client.post(
        "/accounts/health/", {"osteoporosis": "on", "doctor_checked_on": value}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'id="error_1_id_doctor_checked_on"' in response.content.decode()
    assert not HealthBackground.objects.filter(user=patient).exists()


def test_the_health_background_is_private(client, patient, other_patient, password):
    HealthBackground.objects.create(user=other_patient, injected_drugs=True)
    assert client.get("/accounts/health/").status_code == 302  # log in first
    client.force_login(patient)
    form = client.get("/accounts/health/").context["form"]
    assert form["injected_drugs"].value() is False  # bob's answer is not alice's
    assert "health_background" not in codes(client)
    assert HealthBackground not in admin.site._registry
    exported = json.loads(client.get("/accounts/me/export.json").content)
    assert exported["health_background"] is None


def test_export_and_account_deletion_include_it(patient_client, patient, password):
    patient_client.post("/accounts/health/", {"weakened_immunity": "on"})
    exported = json.loads(patient_client.get("/accounts/me/export.json").content)
    assert exported["health_background"]["weakened_immunity"] is True
    patient_client.post("/accounts/me/delete/", {"password": password})
    assert not HealthBackground.objects.exists()


def test_the_account_page_links_to_it(patient_client):
    assert 'href="/accounts/health/"' in patient_client.get("/accounts/me/").content.decode()
