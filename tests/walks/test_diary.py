"""A patient keeps a walking diary: log, edit, delete, export."""

import csv
import datetime
import io
import re

import pytest
from django.template.loader import render_to_string
from django.test import Client
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


def test_unknown_pages_get_a_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_the_500_page_stands_alone():

    html = render_to_string("500.html")
    assert "Something went wrong on our side" in html and "{%" not in html


def test_walk_form_prefills_today(patient_client, today):
    response = patient_client.get("/walks/new/")
    body = response.content.decode()
    assert f'value="{today.isoformat()}"' in body
    assert "Since your last entry, have you noticed any of these?" in body
    # The words for both ends of the scale, once each under the buttons.
    assert body.count("0: no pain") == 2 and body.count("10: worst pain you can imagine") == 2
    assert "0 means no pain at all" not in body


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
    assert "<strong>Reported:</strong> numbness or tingling in one leg</p>" in history
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
    notes = rows[0].index("notes")
    assert rows[1][notes] == "café, «quotes», and a comma"
    assert rows[2][notes] == "'=HYPERLINK(1)"  # not run as a spreadsheet formula
    assert rows[0][notes + 1 :] == ["source", "started_at", "distance_km"]
    assert rows[1][notes + 1 :] == ["diary", "", ""]


def test_history_is_paginated_25_newest_first(patient_client, patient, today):
    for days_ago in range(30):
        WalkFactory(
            user=patient,
            date=today - datetime.timedelta(days=days_ago),
            duration_minutes=days_ago + 1,
        )
    first = patient_client.get("/walks/")
    rows = first.context["page"].rows
    assert len(rows) == 25
    assert rows[0][1].date == today
    older = re.search(r'href="(\?older=[^"]+)">Older entries', first.content.decode()).group(1)
    second = patient_client.get("/walks/" + older.replace("&amp;", "&"))
    assert len(second.context["page"].rows) == 5
    assert second.context["page"].rows[-1][1].date == today - datetime.timedelta(days=29)
    assert "Older entries" not in second.content.decode()
    newer = re.search(r'href="(\?newer=[^"]+)">Newer entries', second.content.decode()).group(1)
    back = patient_client.get("/walks/" + newer)
    assert [r[1].pk for r in back.context["page"].rows] == [r[1].pk for r in rows]
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
            assert response.context["page"].rows[0][1].date == today


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

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(patient)
    response = strict.post("/walks/new/", walk_data())
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()
    assert not Walk.objects.exists()
