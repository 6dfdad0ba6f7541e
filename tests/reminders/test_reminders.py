"""Daily reminders, one-click unsubscribe, the calendar feed and each
patient's own time zone (issue 15)."""

import datetime
import re
import uuid
from io import StringIO
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from accounts.models import Profile, ReminderSent
from reminders import sending
from tests.factories import UserFactory, walk_data
from walks.clock import patient_today
from walks.models import Walk
from walks.services import entries

pytestmark = pytest.mark.django_db

NOV_28 = datetime.date(2026, 11, 28)


def patient(username, zone="Asia/Kolkata", at="18:30", enabled=True):
    user = UserFactory(username=username)
    Profile.objects.update_or_create(
        user=user,
        defaults={
            "timezone": zone,
            "reminder_time": datetime.time.fromisoformat(at),
            "reminders_enabled": enabled,
        },
    )
    return user


def run(at: str) -> str:
    out = StringIO()
    call_command("send_reminders", "--at", at, stdout=out)
    return out.getvalue()


def recipients() -> list[str]:
    return [m.to[0].split("@")[0] for m in mail.outbox]


def log_walk(user, day, **fields):
    data = {"date": day, "duration_minutes": 15, "pain_before": 3, "pain_after": 2,
            "surface": "flat", "notes": "", **fields}  # fmt: skip
    return entries.log_walk(user=user, data=data, today=day).entry


def test_each_patient_is_reminded_once_their_own_local_time_has_passed():
    patient("asha", "Asia/Kolkata")  # UTC+5:30: 18:30 there is 13:00 UTC
    patient("ben", "America/New_York")  # UTC-5 in November: 18:30 there is 23:30 UTC
    run("2026-11-28T12:59:00+00:00")
    assert recipients() == []
    run("2026-11-28T13:00:00+00:00")
    assert recipients() == ["asha"]
    run("2026-11-28T23:30:00+00:00")  # 05:00 on the 29th in India: not yet due there
    assert recipients() == ["asha", "ben"]
    assert list(
        ReminderSent.objects.order_by("user__username").values_list("local_date", flat=True)
    ) == [NOV_28, NOV_28]
    run("2026-11-29T13:00:00+00:00")  # Asha's next local day
    assert recipients() == ["asha", "ben", "asha"]


def test_a_late_run_catches_up_and_a_second_run_sends_nothing_more():
    patient("asha")
    assert run("2026-11-28T15:30:00+00:00").startswith("1 reminder")  # 21:00 in India
    assert run("2026-11-28T15:30:00+00:00").startswith("0 reminder")
    run("2026-11-28T18:29:00+00:00")  # 23:59 there, same day
    assert recipients() == ["asha"]


def test_reminders_off_or_a_diary_entry_that_local_day_means_no_email():
    patient("off", enabled=False)
    walked = patient("walked")
    log_walk(walked, NOV_28)
    checked = patient("checked")
    entries.log_checkin(user=checked, data={"date": NOV_28, "pain": 4, "notes": ""}, today=NOV_28)
    yesterday = patient("yesterday")
    log_walk(yesterday, NOV_28 - datetime.timedelta(days=1))
    run("2026-11-28T14:00:00+00:00")
    assert recipients() == ["yesterday"]


def test_a_claimed_patient_is_never_claimed_by_a_second_run():
    user = patient("asha")
    now = datetime.datetime(2026, 11, 28, 14, tzinfo=datetime.UTC)
    first = sending.claim([user.pk], day=NOV_28, now=now, run_id=uuid.uuid4())
    second = sending.claim([user.pk], day=NOV_28, now=now, run_id=uuid.uuid4())
    assert (first, second) == ([user.pk], [])
    assert run(now.isoformat()).startswith("0 reminder")  # the row recorded first counts


def test_a_failed_send_is_released_for_the_next_run(monkeypatch):
    patient("asha")

    def broken(self, messages):
        raise ConnectionRefusedError("mail server down")

    with monkeypatch.context() as m:
        m.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", broken)
        assert run("2026-11-28T14:00:00+00:00").startswith("0 reminder")
    assert not ReminderSent.objects.exists()
    run("2026-11-28T14:05:00+00:00")
    assert recipients() == ["asha"]


def test_the_email_gives_the_target_one_link_and_one_click_unsubscribe_headers():
    user = patient("asha")
    entries.set_plan(user=user, start_date=NOV_28 - datetime.timedelta(days=2), start_minutes=15)
    run("2026-11-28T14:00:00+00:00")
    (message,) = mail.outbox
    assert message.subject == "Time for today's walk"
    assert "Today's walk: 15 minutes" in message.body
    assert "http://127.0.0.1:8000/walks/new/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and 'href="http://127.0.0.1:8000/walks/new/"' in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert re.fullmatch(r"<http://127\.0\.0\.1:8000/accounts/reminders/unsubscribe/[^>]+/>",
                        message.extra_headers["List-Unsubscribe"])  # fmt: skip


def unsubscribe_path(message) -> str:
    return urlsplit(message.extra_headers["List-Unsubscribe"].strip("<>")).path


def test_one_click_unsubscribe_works_without_login_or_csrf_token():
    from django.test import Client

    user = patient("asha")
    run("2026-11-28T14:00:00+00:00")
    path = unsubscribe_path(mail.outbox[0])
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(path)  # a link scanner's GET changes nothing
    assert page.status_code == 200 and "Stop reminders" in page.content.decode()
    assert Profile.objects.get(user=user).reminders_enabled
    # What a mail provider sends for RFC 8058 one-click:
    done = browser.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert done.status_code == 200 and "Reminders stopped" in done.content.decode()
    assert not Profile.objects.get(user=user).reminders_enabled
    run("2026-11-29T14:00:00+00:00")
    assert len(mail.outbox) == 1


def test_tampered_or_retired_unsubscribe_links_are_404(client):
    user = patient("asha")
    run("2026-11-28T14:00:00+00:00")
    path = unsubscribe_path(mail.outbox[0])
    assert client.post(path.replace("/unsubscribe/", "/unsubscribe/x")).status_code == 404
    assert client.get("/accounts/reminders/unsubscribe/not-a-token/").status_code == 404
    Profile.objects.filter(user=user).update(unsubscribe_version=2)
    assert client.post(path).status_code == 404
    assert Profile.objects.get(user=user).reminders_enabled


def test_send_reminders_rejects_a_bad_instant():
    with pytest.raises(Exception, match="not an ISO 8601"):
        run("yesterday at six")


# --- Settings page -----------------------------------------------------------


def test_reminder_settings_are_saved(patient_client, patient):
    page = patient_client.get("/accounts/reminders/")
    assert page.status_code == 200
    for name in ("reminders_enabled", "reminder_time", "timezone"):
        assert f'name="{name}"' in page.content.decode()
    response = patient_client.post(
        "/accounts/reminders/",
        {"reminders_enabled": "on", "reminder_time": "07:15", "timezone": "Asia/Kolkata"},
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=patient)
    assert (profile.reminders_enabled, profile.reminder_time, profile.timezone) == (
        True, datetime.time(7, 15), "Asia/Kolkata",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("reminder_time", "25:99", "Enter a time as hours and minutes"),
        ("reminder_time", "", "Enter a time as hours and minutes"),
        ("timezone", "Mars/Olympus_Mons", "Choose a time zone from the list"),
        ("timezone", "<script>", "Choose a time zone from the list"),
    ],
)
def test_bad_settings_are_explained_and_change_nothing(patient_client, patient, field, value,
                                                       message):  # fmt: skip
    Profile.objects.create(user=patient, timezone="Europe/London")
    data = {"reminders_enabled": "on", "reminder_time": "18:00", "timezone": "Asia/Kolkata"}
    response = patient_client.post("/accounts/reminders/", {**data, field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    profile = Profile.objects.get(user=patient)
    assert (profile.timezone, profile.reminders_enabled) == ("Europe/London", False)


def test_signup_keeps_the_chosen_time_zone_and_rejects_an_unknown_one(client):
    password = "a-long-test-password-42"
    form = {"username": "asha", "email": "asha@example.com",
            "password1": password, "password2": password}  # fmt: skip
    bad = client.post("/accounts/signup/", {**form, "timezone": "Nowhere/City"})
    assert "Choose a time zone from the list" in bad.content.decode()
    assert client.post("/accounts/signup/", {**form, "timezone": "Asia/Kolkata"}).status_code == 302
    assert Profile.objects.get(user__username="asha").timezone == "Asia/Kolkata"


# --- Time zones -------------------------------------------------------------


def test_today_is_the_patients_local_date():
    user = patient("asha")
    evening_utc = datetime.datetime(2026, 11, 28, 19, 0, tzinfo=datetime.UTC)
    assert patient_today(user, now=evening_utc) == datetime.date(2026, 11, 29)  # 00:30 in India
    london = patient("lena", "Europe/London")
    assert patient_today(london, now=evening_utc) == NOV_28


def test_the_walk_form_allows_the_patients_own_today_and_no_later(client):
    # UTC+14 and UTC-11 are always on different dates.
    ahead = patient("kiri", "Pacific/Kiritimati")
    behind = patient("pago", "Pacific/Pago_Pago")
    ahead_today = timezone.localdate(timezone=ZoneInfo("Pacific/Kiritimati"))
    client.force_login(ahead)
    assert client.post("/walks/new/", walk_data(date=ahead_today.isoformat())).status_code == 302
    client.force_login(behind)
    refused = client.post("/walks/new/", walk_data(date=ahead_today.isoformat()))
    assert "The date cannot be in the future." in refused.content.decode()
    assert Walk.objects.filter(user=behind).count() == 0


# --- Calendar feed ----------------------------------------------------------


def feed_path(client) -> str:
    page = client.get("/accounts/reminders/").content.decode()
    return urlsplit(re.search(r'id="feed-url"[^>]*value="([^"]+)"', page).group(1)).path


def test_the_calendar_feed_shows_the_next_two_weeks_at_the_reminder_time(client):
    user = patient("asha", at="07:30")
    today = patient_today(user)
    entries.set_plan(user=user, start_date=today, start_minutes=15)
    client.force_login(user)
    path = feed_path(client)
    client.logout()
    response = client.get(path)  # no log-in needed
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    events = cal.walk("VEVENT")
    assert len(events) == 14
    first = events[0]
    assert str(first["summary"]) == "Walk 15 minutes"
    assert "3 days of 15 minutes" in str(first["description"])
    start = first.decoded("dtstart")
    assert (start.date(), start.time(), str(start.tzinfo)) == (
        today,
        datetime.time(7, 30),
        "Asia/Kolkata",
    )
    assert first.decoded("dtend") - start == datetime.timedelta(minutes=15)
    # The feed follows the plan.
    entries.set_plan(user=user, start_date=today, start_minutes=10)
    again = icalendar.Calendar.from_ical(client.get(path).content).walk("VEVENT")
    assert str(again[0]["summary"]) == "Walk 10 minutes"


def test_a_new_calendar_link_ends_the_old_one(client):
    user = patient("asha")
    client.force_login(user)
    old = feed_path(client)
    client.post("/accounts/reminders/", {"new_calendar_link": "1"})
    new = feed_path(client)
    assert old != new
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert client.get(new.replace(".ics", "x.ics")).status_code == 404


def test_an_old_zone_name_is_saved_as_the_current_one(patient_client, patient):
    response = patient_client.post(
        "/accounts/reminders/", {"reminder_time": "18:00", "timezone": "Asia/Calcutta"}
    )
    assert response.status_code == 302
    assert Profile.objects.get(user=patient).timezone == "Asia/Kolkata"


def test_while_walking_is_not_todays_advice_the_email_never_asks_for_a_walk():
    """The reminder reads the same guidance as the dashboard: a fever
    reported yesterday means a doctor today, not a walk."""
    user = patient("ravi")
    entries.set_plan(user=user, start_date=NOV_28 - datetime.timedelta(days=2), start_minutes=15)
    yesterday = NOV_28 - datetime.timedelta(days=1)
    entries.log_checkin(
        user=user, data={"date": yesterday, "pain": 4, "fever": True, "notes": ""}, today=NOV_28
    )
    run("2026-11-28T14:00:00+00:00")
    (message,) = mail.outbox
    assert message.subject == "Walk Well: please read today's advice"
    assert "Do not walk until a doctor has checked you" in message.body
    assert "/walks/new/" not in message.body and "Today's walk" not in message.body
    assert "/walks/new/" not in message.alternatives[0][0]


def test_while_walking_is_not_todays_advice_the_feed_has_no_walk_today(client):
    user = patient("ravi")
    today = patient_today(user)
    entries.set_plan(user=user, start_date=today, start_minutes=10)
    entries.log_checkin(
        user=user, data={"date": today, "pain": 4, "fever": True, "notes": ""}, today=today
    )
    client.force_login(user)
    events = icalendar.Calendar.from_ical(client.get(feed_path(client)).content).walk("VEVENT")
    first = events[0]
    assert str(first["summary"]) == "No walk today"
    assert first.decoded("dtstart") == today  # a date: all day
    assert "Do not walk until a doctor has checked you" in str(first["description"])
    # later days are not decided yet: the plan's walks from tomorrow
    assert len(events) == 14 and str(events[1]["summary"]) == "Walk 10 minutes"
