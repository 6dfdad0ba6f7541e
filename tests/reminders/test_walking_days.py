"""Walking days (/accounts/reminders/): reminders and the calendar come only
on the chosen weekdays, the other days are rest days, and the dashboard asks
for one more day when the plan's days outgrow them."""

import datetime
import re

import icalendar
import pytest
from django.core import mail
from django.core.management import call_command

from accounts.models import Profile
from tests.factories import WalkFactory
from tests.reminders.test_reminders import feed_path, patient
from walks.clock import patient_today
from walks.services import entries

pytestmark = pytest.mark.django_db

SATURDAY = datetime.date(2026, 11, 28)


def settings_form(**fields):
    return {"reminder_time": "18:00", "timezone": "Asia/Kolkata", "reminders_enabled": "on",
            **fields}  # fmt: skip


def test_walking_days_are_saved_and_need_as_many_days_as_the_plan(client):
    user = patient("neha")
    entries.set_plan(user=user, start_date=patient_today(user), start_minutes=10)  # 3 days
    client.force_login(user)
    short = client.post("/accounts/reminders/", settings_form(walking_days=["0", "2"]))
    assert short.status_code == 200
    assert "choose at least 3" in short.content.decode()
    client.post("/accounts/reminders/", settings_form(walking_days=["4", "0", "2"]))
    assert Profile.objects.get(user=user).walking_days == "024"
    page = client.get("/accounts/reminders/").content.decode()
    ticked = set(re.findall(r'name="walking_days" value="(\d)"[^>]*checked', page))
    assert ticked == {"0", "2", "4"}


def test_reminders_go_only_on_walking_days():
    user = patient("neha")
    entries.set_plan(user=user, start_date=SATURDAY - datetime.timedelta(days=2), start_minutes=10)
    Profile.objects.filter(user=user).update(walking_days="024")  # Mon, Wed, Fri
    call_command("send_reminders", "--at", "2026-11-28T14:00:00+00:00")  # a Saturday
    assert mail.outbox == []
    call_command("send_reminders", "--at", "2026-11-27T14:00:00+00:00")  # Friday
    assert len(mail.outbox) == 1


def test_the_calendar_and_the_dashboard_follow_the_walking_days(client):
    user = patient("neha")
    today = patient_today(user)
    entries.set_plan(user=user, start_date=today, start_minutes=10)
    chosen = {today.weekday(), (today.weekday() + 2) % 7, (today.weekday() + 4) % 7}
    Profile.objects.filter(user=user).update(walking_days="".join(map(str, sorted(chosen))))
    client.force_login(user)
    events = icalendar.Calendar.from_ical(client.get(feed_path(client)).content).walk("VEVENT")
    walk_days = [e.decoded("dtstart").date() for e in events]
    assert walk_days and all(d.weekday() in chosen for d in walk_days)
    assert len(walk_days) == 6  # three a week for two weeks
    assert client.get("/progress.json").json()["guidance"]["state"] == "walk"
    # tomorrow is not a walking day: guidance says rest
    others = sorted((today.weekday() + n) % 7 for n in (1, 2, 3))
    Profile.objects.filter(user=user).update(walking_days="".join(map(str, others)))
    assert client.get("/progress.json").json()["guidance"]["state"] == "rest_day"
    # one day chosen while the plan asks for three: the dashboard asks for one more
    Profile.objects.filter(user=user).update(walking_days=str(today.weekday()))
    assert 'id="walking-days-short"' in client.get("/").content.decode()


def test_when_the_plan_grows_past_the_walking_days_the_dashboard_asks_for_one_more(client):
    user = patient("growing")
    today = patient_today(user)
    start = today - datetime.timedelta(days=7)  # week 2 today
    entries.set_plan(user=user, start_date=start, start_minutes=10)
    Profile.objects.filter(user=user).update(walking_days="024")  # three days
    client.force_login(user)
    for offset in range(3):  # week 1: three days at target, pain low
        WalkFactory(user=user, date=start + datetime.timedelta(days=offset), duration_minutes=12)
    week = client.get("/progress.json").json()["current_week"]
    assert week["number"] == 2 and week["target_days"] == 4  # the plan stepped up to 4 days
    page = client.get("/").content.decode()
    assert 'id="walking-days-short"' in page and "4 walking days" in page
    # one more day chosen: the question goes
    Profile.objects.filter(user=user).update(walking_days="0246")
    assert 'id="walking-days-short"' not in client.get("/").content.decode()
