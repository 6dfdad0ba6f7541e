"""Accounts (accounts/): sign-up, log-in, passwords, and the patient's
control over their data: download everything, delete everything."""

import json

import pytest
from django.contrib.auth import get_user_model

from tests.factories import CheckInFactory, PlanFactory, WalkFactory
from walks.models import CheckIn, DiaryVersion, Plan, Walk

pytestmark = pytest.mark.django_db


def test_signup_logs_the_patient_in_and_offers_the_health_questions_once(client):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "newpatient",
            "email": "new@example.com",
            "password1": "a-sensible-passphrase",
            "password2": "a-sensible-passphrase",
        },
        follow=True,
    )
    assert response.redirect_chain[-1] == ("/accounts/health/?welcome=1", 302)
    assert response.context["user"].username == "newpatient"
    body = response.content.decode()
    assert "Your health background" in body and "Skip for now" in body
    assert 'href="/">Skip for now' in body
    assert "Your walking plan" in client.get("/").content.decode()


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short-pw-1", "at least 12 characters"),
        ("123456789012345", "entirely numeric"),
        ("password123456", "too common"),
    ],
)
def test_signup_rejects_weak_passwords(client, password, message):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "weak",
            "email": "w@example.com",
            "password1": password,
            "password2": password,
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not response.context["user"].is_authenticated


def test_signup_refuses_an_email_already_in_use(client, patient):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "someone",
            "email": patient.email.upper(),
            "password1": "a-sensible-passphrase",
            "password2": "a-sensible-passphrase",
        },
    )
    assert response.status_code == 200
    assert "An account already uses this email address" in response.content.decode()
    assert not get_user_model().objects.filter(username="someone").exists()


def test_login_and_logout_with_post_only(client, patient, password):
    response = client.post("/accounts/login/", {"username": "alice", "password": password})
    assert response.status_code == 302
    assert client.get("/walks/").status_code == 200
    assert client.get("/accounts/logout/").status_code == 405  # GET never logs out
    assert client.get("/walks/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/walks/").status_code == 302


def test_password_reset_sends_an_email(client, patient, mailoutbox):
    response = client.post("/accounts/password_reset/", {"email": patient.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "/accounts/reset/" in mailoutbox[0].body


def test_password_change(patient_client, patient, password):
    response = patient_client.post(
        "/accounts/password_change/",
        {
            "old_password": password,
            "new_password1": "brand-new-passphrase",
            "new_password2": "brand-new-passphrase",
        },
    )
    assert response.status_code == 302
    patient.refresh_from_db()
    assert patient.check_password("brand-new-passphrase")


# --- Your data ------------------------------------------------------------------------------
def test_patient_downloads_all_of_their_data(patient_client, patient, other_patient):
    WalkFactory(user=patient, duration_minutes=21, notes="mine")
    CheckInFactory(user=patient, pain=4, saddle_numbness=True)
    PlanFactory(user=patient, start_minutes=15)
    WalkFactory(user=other_patient, notes="not mine")
    response = patient_client.get("/accounts/me/export.json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["username"] == "alice"
    assert [w["duration_minutes"] for w in data["walks"]] == [21]
    assert data["walks"][0]["notes"] == "mine"
    assert data["checkins"][0]["saddle_numbness"] is True
    assert data["plan"]["start_minutes"] == 15
    assert "not mine" not in response.content.decode()


def test_delete_account_needs_the_password(patient_client, patient):
    WalkFactory(user=patient)
    response = patient_client.post("/accounts/me/delete/", {"password": "wrong"})
    assert response.status_code == 200
    assert "That password is not correct" in response.content.decode()
    assert Walk.objects.filter(user=patient).exists()


def test_delete_account_removes_everything(patient_client, patient, other_patient, password):
    WalkFactory(user=patient)
    CheckInFactory(user=patient)
    PlanFactory(user=patient)
    WalkFactory(user=other_patient)
    assert patient_client.get("/accounts/me/delete/").status_code == 200
    response = patient_client.post("/accounts/me/delete/", {"password": password}, follow=True)
    assert "have been deleted" in response.content.decode()
    assert not get_user_model().objects.filter(username="alice").exists()
    assert not Walk.objects.filter(user_id=patient.pk).exists()
    assert not CheckIn.objects.filter(user_id=patient.pk).exists()
    assert not Plan.objects.filter(user_id=patient.pk).exists()
    assert not DiaryVersion.objects.filter(user_id=patient.pk).exists()
    assert Walk.objects.filter(user=other_patient).count() == 1
    assert patient_client.get("/walks/").status_code == 302  # logged out
