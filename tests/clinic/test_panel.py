"""The clinician's panel: one summary row per patient, written with every
kind of diary write, sorted by who needs attention, 50 a page, and the same
number of queries for 10 linked patients as for 1,000."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from accounts.devices import ACCOUNT_HEADER, device_account
from clinic.models import CareLink
from tests import import_samples as samples
from tests.api.test_api import make_token
from tests.clinic.helpers import verified_client
from tests.factories import UserFactory, checkin_data, walk_data
from tests.walks.test_imports import confirm, upload
from walks.models import PatientSummary, Walk
from walks.services import entries, summary

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def log(user, day, *, minutes=15, pain=2, **flags):
    entries.log_walk(
        user=user,
        data={"date": day, "duration_minutes": minutes, "pain_before": pain, "pain_after": pain,
              "surface": "flat", **flags},
        today=max(day, datetime.date.today()),
    )  # fmt: skip


def linked_patient(clinician, username):
    patient = UserFactory(username=username)
    CareLink.objects.create(patient=patient, clinician=clinician)
    return patient


def panel_order(client, query=""):
    page = client.get(f"/clinic/{query}").content.decode()
    return re.findall(r'data-patient="([^"]+)"', page)


def test_the_panel_puts_who_needs_attention_first(clinician, today):
    quiet = linked_patient(clinician, "quiet")
    log(quiet, today - 10 * DAY)
    calm_recent = linked_patient(clinician, "calm_recent")
    log(calm_recent, today - DAY)
    calm_older = linked_patient(clinician, "calm_older")
    log(calm_older, today - 3 * DAY)
    worried = linked_patient(clinician, "worried")
    log(worried, today - DAY)
    summary.set_scores(user_id=worried.pk, outlook_band="high")
    sore = linked_patient(clinician, "sore")
    log(sore, today - 9 * DAY, pain=2)  # one day in the week before ...
    log(sore, today - DAY, pain=5)  # ... and one in this week: up 3, no warning
    tingling = linked_patient(clinician, "tingling")
    log(tingling, today - 2 * DAY, numbness_or_tingling=True)
    urgent = linked_patient(clinician, "urgent")
    log(urgent, today, saddle_numbness=True)
    never = linked_patient(clinician, "never")  # linked, nothing logged

    client = verified_client(clinician)
    order = panel_order(client)
    assert order == ["urgent", "tingling", "sore", "never", "quiet", "worried", "calm_older",
                     "calm_recent"]  # fmt: skip
    assert panel_order(client, "?attention=1") == order[:-2]
    page = client.get("/clinic/").content.decode()
    assert "Told to get emergency care now" in page
    assert "+3.0 points" in page  # sore's pain trend
    assert never.pk  # listed even with no diary


def test_warnings_end_on_their_own_day_without_another_write(clinician, today):
    urgent = linked_patient(clinician, "urgent")
    log(urgent, today, saddle_numbness=True)
    row = PatientSummary.objects.get(user=urgent)
    assert row.urgent_until == today + 13 * DAY  # the 14-day window
    assert summary.as_of(row, today).state == "emergency"
    assert summary.as_of(row, today + 14 * DAY).state != "emergency"
    # Far beyond the horizon: the weeks move on, the target holds.
    later = summary.as_of(row, today + 60 * DAY)
    assert later.week == 9 and later.days_met == 0 and later.days_since_entry == 60


def test_a_doctor_visit_takes_the_patient_out_of_the_urgent_group(clinician, today, client):
    urgent = linked_patient(clinician, "urgent")
    log(urgent, today - DAY, saddle_numbness=True)
    client.force_login(urgent)
    client.post("/warnings/seen/", {"seen_on": today.isoformat(), "advice": "walk"})
    assert PatientSummary.objects.get(user=urgent).urgent_until is None


def every_write(client, patient, today):
    """Each way an entry reaches the diary, and the summary's last entry after it."""
    yield (
        "walk form",
        lambda: client.post("/walks/new/", walk_data(date=(today - 5 * DAY).isoformat())),
        today - 5 * DAY,
    )
    yield (
        "check-in form",
        lambda: client.post("/checkins/new/", checkin_data(date=(today - 4 * DAY).isoformat())),
        today - 4 * DAY,
    )
    walk = Walk.objects.filter(user=patient).first
    yield (
        "edit",
        lambda: client.post(
            f"/walks/{walk().pk}/edit/", walk_data(date=(today - 3 * DAY).isoformat())
        ),
        today - 3 * DAY,
    )
    token = make_token(client)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    yield (
        "API",
        lambda: api.post(
            "/api/v1/walks/",
            {
                "date": (today - 2 * DAY).isoformat(),
                "duration_minutes": 20,
                "pain_before": 3,
                "pain_after": 2,
            },
            format="json",
        ),
        today - 2 * DAY,
    )
    yield "offline sync", lambda: client.post(
        "/api/v1/walks/",
        json.dumps({"date": (today - DAY).isoformat(), "duration_minutes": 12, "pain_before": 2,
                    "pain_after": 2}),
        content_type="application/json",
        headers={ACCOUNT_HEADER: device_account(patient)},
    ), today - DAY  # fmt: skip
    start = datetime.datetime.combine(today, datetime.time(7), tzinfo=datetime.UTC)
    gpx = samples.gpx([("Morning walk", None, start, 30, True)])
    yield "import", lambda: confirm(client, upload(client, "walk.gpx", gpx), include_0="1",
                                    pain_before_0="4", pain_after_0="3"), today  # fmt: skip
    newest = Walk.objects.filter(user=patient).order_by("-date").first
    yield "delete", lambda: client.post(f"/walks/{newest().pk}/delete/"), today - DAY


def test_the_summary_follows_every_kind_of_write(client, patient, today):
    client.force_login(patient)
    for name, write, last_entry in every_write(client, patient, today):
        before = PatientSummary.objects.filter(user=patient).values_list("updated_at", flat=True)
        before = before.first()
        response = write()
        assert response.status_code in (200, 201, 302), (name, response.status_code)
        row = PatientSummary.objects.get(user=patient)
        assert row.updated_at != before, name
        assert row.last_entry_on == last_entry, name
        assert row.computed_on == today, name


def bulk_linked(clinician, count, today):
    users = UserFactory.create_batch(count)
    CareLink.objects.bulk_create(CareLink(patient=u, clinician=clinician) for u in users)
    timeline = [["walk", 1, 10, 3, 0, 0, "plan", None]] * summary.HORIZON_DAYS
    PatientSummary.objects.bulk_create(
        PatientSummary(user=u, computed_on=today, plan_start=today, last_entry_on=today,
                       timeline=timeline)
        for u in users
    )  # fmt: skip


def test_the_panel_costs_the_same_queries_for_10_and_1000_patients(clinician, today):
    client = verified_client(clinician)
    bulk_linked(clinician, 10, today)
    with CaptureQueriesContext(connection) as ten:
        assert client.get("/clinic/").status_code == 200
    bulk_linked(clinician, 990, today)
    with CaptureQueriesContext(connection) as thousand:
        page = client.get("/clinic/").content.decode()
    assert len(thousand) == len(ten)
    assert page.count('class="card mb-2 patient-row"') == 50
    assert "Page 1 of 20" in page
    second = client.get("/clinic/?page=2").content.decode()
    assert second.count('class="card mb-2 patient-row"') == 50
