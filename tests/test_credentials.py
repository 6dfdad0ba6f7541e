"""A password reset ends every other way in (API tokens, share links, the
calendar link); a password change offers the same (issue 24)."""

import re
import time

import pytest
from django.contrib.auth.models import User
from django.test import Client
from rest_framework.test import APIClient

from accounts.models import Profile
from tests.api.test_api import make_token
from tests.factories import UserFactory
from tests.reminders.test_reminders import feed_path
from tests.reports.test_report import make_link

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a-brand-new-passphrase-77"


def ways_in(patient_client, user):
    Profile.objects.get_or_create(user=user)
    token = make_token(patient_client)
    link = make_link(patient_client)
    feed = feed_path(patient_client)
    return token, link, feed


def still_open(token, link, feed) -> list[bool]:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    anyone = Client()
    return [
        api.get("/api/v1/walks/").status_code == 200,
        anyone.get(f"/r/{link}/").status_code == 200,
        anyone.get(feed).status_code == 200,
    ]


def test_a_password_reset_ends_tokens_share_links_and_the_calendar_link(
    patient_client, patient, mailoutbox
):
    token, link, feed = ways_in(patient_client, patient)
    assert still_open(token, link, feed) == [True, True, True]
    stranger = Client()
    stranger.post("/accounts/password_reset/", {"email": patient.email})
    url = re.search(r"http://testserver(/accounts/reset/\S+/)", mailoutbox[-1].body).group(1)
    form = stranger.get(url, follow=True)
    done = stranger.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert "Password set" in done.content.decode()
    assert "report share links and calendar link were ended" in done.content.decode()
    assert still_open(token, link, feed) == [False, False, False]


@pytest.mark.parametrize("end", [True, False])
def test_a_password_change_offers_to_end_them(patient_client, patient, password, end):
    token, link, feed = ways_in(patient_client, patient)
    form = {"old_password": password, "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD}  # fmt: skip
    if end:
        form["end_other_access"] = "on"
    page = patient_client.get("/accounts/password_change/").content.decode()
    assert "Also end my API tokens, report share links and calendar link" in page
    assert patient_client.post("/accounts/password_change/", form).status_code == 302
    assert still_open(token, link, feed) == [not end] * 3


@pytest.fixture
def still_clock(monkeypatch):
    """django-ratelimit counts in fixed windows: hold its clock still."""
    now = time.time()
    monkeypatch.setattr("django_ratelimit.core.time.time", lambda: now)


def test_password_reset_emails_are_limited_per_email_address(
    client, patient, mailoutbox, still_clock
):
    pages = [client.post("/accounts/password_reset/", {"email": patient.email}) for _ in range(6)]
    assert [p.status_code for p in pages] == [302] * 6  # the same answer every time
    assert {p["Location"] for p in pages} == {"/accounts/password_reset/done/"}
    assert len(mailoutbox) == 3


def test_password_resets_are_limited_per_address(client, mailoutbox, still_clock):
    for i in range(12):
        UserFactory(username=f"user{i}", email=f"user{i}@example.com")
        client.post("/accounts/password_reset/", {"email": f"user{i}@example.com"})
    assert len(mailoutbox) == 10


def test_sign_ups_are_limited_per_address(client, still_clock, settings):
    settings.SIGNUP_RATE = "10/h"  # 30 by default

    def sign_up(i):
        return client.post("/accounts/signup/", {
            "username": f"new{i}", "email": f"new{i}@example.com", "timezone": "UTC",
            "password1": NEW_PASSWORD, "password2": NEW_PASSWORD,
        })  # fmt: skip

    for i in range(10):
        assert sign_up(i).status_code == 302
        client.logout()
    refused = sign_up(10)
    assert refused.status_code == 200
    assert "Too many accounts were made from this network" in refused.content.decode()
    assert not User.objects.filter(username="new10").exists()
