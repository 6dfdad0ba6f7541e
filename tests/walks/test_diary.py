"""A patient keeps a walking diary: sign up, log, edit, delete, export."""

import csv
import datetime
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import CheckInFactory, WalkFactory, checkin_data, walk_data
from walks.models import CheckIn, Walk

pytestmark = pytest.mark.django_db


def test_landing_page_explains_the_app_to_visitors(client):
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Walk your way to a calmer back" in body
    assert reverse("signup") in body and reverse("login") in body


def test_signup_logs_the_patient_in_and_lands_on_the_dashboard(client):
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
    assert response.redirect_chain[-1] == ("/", 302)
    assert response.context["user"].username == "newpatient"
    assert "Your walking plan" in response.content.decode()


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


def test_unknown_pages_get_a_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_the_500_page_stands_alone():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong on our side" in html and "{%" not in html


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


def test_walk_form_prefills_today(patient_client, today):
    response = patient_client.get("/walks/new/")
    body = response.content.decode()
    assert f'value="{today.isoformat()}"' in body
    assert "Since your last entry, have you noticed any of these?" in body
    assert "0 means no pain at all; 10 means the worst pain you can imagine." in body


def test_walk_form_reminds_the_patient_of_this_weeks_target(patient_client, patient, today):
    assert 'id="form-target"' not in patient_client.get("/walks/new/").content.decode()
    WalkFactory(user=patient, date=today)
    body = patient_client.get("/walks/new/").content.decode()
    assert "This week: Walk 10 minutes on 3 days: 1 of 3 done." in body


def test_log_a_walk(patient_client, patient, today):
    response = patient_client.post(
        "/walks/new/",
        walk_data(duration_minutes="20", numbness_or_tingling="on", stopped_for_sharp_pain="on"),
        follow=True,
    )
    walk = Walk.objects.get(user=patient)
    assert (walk.duration_minutes, walk.pain_before, walk.pain_after) == (20, 3, 2)
    assert walk.numbness_or_tingling and walk.stopped_for_sharp_pain
    assert not walk.saddle_numbness
    messages = [str(m) for m in response.context["messages"]]
    assert any("is saved" in m for m in messages)


def test_log_a_checkin_and_it_shows_in_history_next_to_walks(patient_client, patient, today):
    patient_client.post("/walks/new/", walk_data(notes="morning walk"))
    response = patient_client.post(
        "/checkins/new/",
        checkin_data(pain="6", notes="stiff evening", numbness_or_tingling="on"),
    )
    assert response.status_code == 302
    assert CheckIn.objects.get(user=patient).pain == 6
    history = patient_client.get("/walks/").content.decode()
    assert "morning walk" in history and "stiff evening" in history
    assert 'data-kind="checkin"' in history and 'data-kind="walk"' in history
    assert "<strong>Reported:</strong> numbness or tingling in the legs</p>" in history
    assert "15 minutes, flat ground" in history


def test_edit_a_walk(patient_client, patient):
    walk = WalkFactory(user=patient, duration_minutes=10)
    url = f"/walks/{walk.pk}/edit/"
    assert 'value="10"' in patient_client.get(url).content.decode()
    response = patient_client.post(
        url, walk_data(date=walk.date.isoformat(), duration_minutes="25")
    )
    assert response.status_code == 302
    walk.refresh_from_db()
    assert walk.duration_minutes == 25


def test_delete_asks_first_and_only_post_deletes(patient_client, patient):
    walk = WalkFactory(user=patient)
    url = f"/walks/{walk.pk}/delete/"
    response = patient_client.get(url)
    assert response.status_code == 200
    assert "Delete this walk?" in response.content.decode()
    assert Walk.objects.filter(pk=walk.pk).exists()
    response = patient_client.post(url)
    assert response.status_code == 302
    assert not Walk.objects.filter(pk=walk.pk).exists()


def test_checkins_can_be_edited_and_deleted(patient_client, patient):
    checkin = CheckInFactory(user=patient, pain=5)
    patient_client.post(
        f"/checkins/{checkin.pk}/edit/", checkin_data(date=checkin.date.isoformat(), pain="2")
    )
    checkin.refresh_from_db()
    assert checkin.pain == 2
    patient_client.post(f"/checkins/{checkin.pk}/delete/")
    assert not CheckIn.objects.filter(pk=checkin.pk).exists()


def test_export_csv(patient_client, patient, other_patient, today):
    WalkFactory(
        user=patient,
        date=today - datetime.timedelta(days=1),
        duration_minutes=12,
        notes="café, «quotes», and a comma",
    )
    WalkFactory(user=patient, date=today, duration_minutes=18, notes="=HYPERLINK(1)")
    WalkFactory(user=other_patient, duration_minutes=99)
    response = patient_client.get("/walks/export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    assert rows[0][:4] == ["date", "duration_minutes", "pain_before", "pain_after"]
    assert [r[1] for r in rows[1:]] == ["12", "18"]
    assert rows[1][-1] == "café, «quotes», and a comma"
    assert rows[2][-1] == "'=HYPERLINK(1)"  # not run as a spreadsheet formula


def test_history_is_paginated_25_newest_first(patient_client, patient, today):
    for days_ago in range(30):
        WalkFactory(
            user=patient,
            date=today - datetime.timedelta(days=days_ago),
            duration_minutes=days_ago + 1,
        )
    first = patient_client.get("/walks/")
    rows = first.context["rows"]
    assert len(rows) == 25
    assert rows[0][1].date == today
    older = re.search(r'href="(\?older=[^"]+)">Older entries', first.content.decode()).group(1)
    second = patient_client.get("/walks/" + older.replace("&amp;", "&"))
    assert len(second.context["rows"]) == 5
    assert second.context["rows"][-1][1].date == today - datetime.timedelta(days=29)
    assert "Older entries" not in second.content.decode()
    newer = re.search(r'href="(\?newer=[^"]+)">Newer entries', second.content.decode()).group(1)
    back = patient_client.get("/walks/" + newer)
    assert [r[1].pk for r in back.context["rows"]] == [r[1].pk for r in rows]
    for junk in (
        "zzz",
        "2026-01-01_x_walk_1",
        "9999-99-99_1_walk_1",
        "2026-01-01_1_lava_1",
        "2026-01-01_99999999999999999999999_walk_1",
        "2026-01-01_1_walk_-4",
    ):
        for param in ("older", "newer"):
            response = patient_client.get("/walks/", {param: junk})
            assert response.status_code == 200
            assert response.context["rows"][0][1].date == today


def test_notes_with_html_are_escaped(patient_client, patient):
    WalkFactory(user=patient, notes='<script>alert("x")</script><b>bold</b>')
    body = patient_client.get("/walks/").content.decode()
    assert '<script>alert("x")</script>' not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;" in body


@pytest.mark.parametrize(
    "url",
    [
        "/walks/",
        "/walks/new/",
        "/walks/export.csv",
        "/checkins/new/",
        "/plan/",
        "/progress.json",
        "/accounts/me/",
        "/accounts/me/export.json",
        "/accounts/me/delete/",
    ],
)
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


def test_csrf_is_enforced(patient, password):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(patient)
    response = strict.post("/walks/new/", walk_data())
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()
    assert not Walk.objects.exists()
