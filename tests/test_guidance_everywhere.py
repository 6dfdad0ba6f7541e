"""One guidance, every surface: for a patient in each guidance state, the
dashboard, /progress.json, the API, the calendar feed and the reminder email
agree on whether today's advice is a walk."""

import datetime

import icalendar
import pytest
from django.contrib.auth import get_user_model

from accounts.models import Profile
from reminders.sending import reminder_message
from tests.factories import CheckInFactory, WalkFactory
from tests.reminders.test_reminders import feed_path, patient
from walks.clock import patient_today
from walks.models.health import DoctorVisit
from walks.services import entries

pytestmark = pytest.mark.django_db


def in_state(user, state: str) -> None:
    today = patient_today(user)
    if state != "start":
        entries.set_plan(user=user, start_date=today - datetime.timedelta(days=1), start_minutes=10)
    signs = {"emergency": "saddle_numbness", "doctor_today": "fever",
             "hold": "numbness_or_tingling", "ease": "leg_joint_pain"}  # fmt: skip
    if state in signs:
        CheckInFactory(user=user, date=today, pain=3, **{signs[state]: True})
    elif state == "done":
        WalkFactory(user=user, date=today, duration_minutes=15)
    elif state == "rest_advised":
        DoctorVisit.objects.create(user=user, seen_on=today, advice="rest")
    elif state == "rest_day":
        others = sorted((today.weekday() + n) % 7 for n in (1, 2, 3))
        Profile.objects.filter(user=user).update(walking_days="".join(map(str, others)))


STATES = {
    "emergency": False, "doctor_today": False, "rest_advised": False, "hold": True,
    "ease": True, "rest_day": False, "done": False, "walk": True, "start": True,
}  # fmt: skip


@pytest.mark.parametrize(("state", "walk_today"), STATES.items())
def test_every_surface_agrees_on_todays_advice(client, state, walk_today):
    user = patient("agreeing")
    in_state(user, state)
    client.force_login(user)
    doc = client.get("/progress.json").json()["guidance"]
    assert (doc["state"], doc["walk_today"]) == (state, walk_today)
    assert client.get("/api/v1/progress/").json()["guidance"] == doc
    # no page but the dashboard offers a primary "Log a walk" button, and it only while walking is
    # today's advice
    for path in ("/walks/", "/plan/", "/tips/", "/accounts/me/"):
        assert 'btn-primary" href="/walks/new/"' not in client.get(path).content.decode(), path
    dashboard = client.get("/").content.decode()
    assert ('id="log-walk-button"' in dashboard) is walk_today
    if not walk_today and state != "done":  # "done" reads as today's own sentence
        assert doc["message"] in dashboard.replace("&#x27;", "'")
    first = icalendar.Calendar.from_ical(client.get(feed_path(client)).content).walk("VEVENT")[0]
    assert (str(first["summary"]) == "No walk today") is not walk_today
    fresh = get_user_model().objects.get(pk=user.pk)  # as send_reminders loads it
    email = reminder_message(fresh, Profile.objects.get(user=fresh), patient_today(user))
    assert ("/walks/new/" in email.body) is walk_today
    if not walk_today:
        assert doc["message"] in email.body
