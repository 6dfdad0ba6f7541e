"""Accounts (accounts/): sign-up, log-in, passwords, and the patient's
control over their data: download everything, delete everything."""

import json
import re

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


def sign_up(client, capture, username, email):
    with capture(execute=True):
        return client.post(
            "/accounts/signup/",
            {
                "username": username,
                "email": email,
                "password1": "a-sensible-passphrase",
                "password2": "a-sensible-passphrase",
            },
            follow=True,
        )


def test_signup_never_tells_whether_an_email_has_an_account(
    client, patient, mailoutbox, django_capture_on_commit_callbacks
):
    """Both sign-ups read the same; the owner of the address used twice is
    told by email, and the new account goes without it."""
    fresh = sign_up(client, django_capture_on_commit_callbacks, "first", "fresh@example.com")
    client.post("/accounts/logout/")
    taken = sign_up(client, django_capture_on_commit_callbacks, "second", patient.email.upper())
    shown = get_user_model().objects.normalize_email(patient.email.upper())  # ALICE@example.com
    for response, email in ((fresh, "fresh@example.com"), (taken, shown)):
        assert response.redirect_chain[-1] == ("/accounts/health/?welcome=1", 302)
        assert f"We sent an email to {email}" in response.content.decode()
    assert [m.to for m in mailoutbox] == [["fresh@example.com"], [patient.email]]
    assert "/accounts/email/confirm/" in mailoutbox[0].body
    note = mailoutbox[1]
    assert "already belongs to your account, alice" in note.body
    assert "/accounts/password_reset/" in note.body and "/confirm/" not in note.body
    User = get_user_model()
    assert User.objects.get(username="second").email == ""
    assert User.objects.filter(email__iexact=patient.email).count() == 1


def test_the_confirmation_link_makes_the_address_the_accounts(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    sign_up(client, django_capture_on_commit_callbacks, "newpatient", "New@Example.com")
    user = get_user_model().objects.get(username="newpatient")
    assert user.email == ""  # no reset or reminder email reaches an unconfirmed address
    account = client.get("/accounts/me/").content.decode()
    assert 'id="pending-email"' in account and "New@example.com" in account
    link = re.search(r"http://\S+(/accounts/email/confirm/\S+/)", mailoutbox[0].body).group(1)
    assert client.get(link[:-3] + "xx/", follow=True).redirect_chain[-1][0] == "/accounts/me/"
    user.refresh_from_db()
    assert user.email == ""
    done = client.get(link, follow=True)
    assert "Your email address is confirmed" in done.content.decode()
    user.refresh_from_db()
    assert user.email == "New@example.com"
    assert 'id="pending-email"' not in client.get("/accounts/me/").content.decode()
    assert "is confirmed" in client.get(link, follow=True).content.decode()  # twice is fine


def test_an_address_confirmed_by_another_account_first_is_not_taken_twice(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    sign_up(client, django_capture_on_commit_callbacks, "one", "shared@example.com")
    client.post("/accounts/logout/")
    sign_up(client, django_capture_on_commit_callbacks, "two", "shared@example.com")
    links = [re.search(r"(/accounts/email/confirm/\S+/)", m.body).group(1) for m in mailoutbox]
    assert len(links) == 2  # neither address had an account yet
    client.get(links[1])
    late = client.get(links[0], follow=True)
    assert "now belongs to another account" in late.content.decode()
    User = get_user_model()
    assert User.objects.get(username="two").email == "shared@example.com"
    assert User.objects.get(username="one").email == ""


def test_the_link_can_be_sent_again_three_times_an_hour(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    sign_up(client, django_capture_on_commit_callbacks, "again", "again@example.com")
    for _ in range(4):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/accounts/email/resend/", follow=True)
    assert len(mailoutbox) == 1 + 3
    assert "sent several times already" in response.content.decode()


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
    assert data["plan"]["start_minutes"] == 15 and data["plan"]["set_by"] == "patient"
    assert "not mine" not in response.content.decode()


def test_the_export_names_a_plan_the_first_walk_started(patient_client, patient, today):
    WalkFactory(user=patient, date=today)
    plan = patient_client.get("/accounts/me/export.json").json()["plan"]
    assert plan == {"start_date": today.isoformat(), "start_minutes": 10, "set_by": "first_walk"}


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


def test_the_reminders_page_says_when_no_email_can_reach_the_patient(client, patient):
    client.force_login(patient)
    assert 'id="no-email"' not in client.get("/accounts/reminders/").content.decode()
    patient.email = ""
    patient.save()
    assert 'id="no-email"' in client.get("/accounts/reminders/").content.decode()
