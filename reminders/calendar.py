"""The walking plan as an iCalendar feed: the next 14 days, one event a day
at the patient's reminder time, in their own time zone."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Profile
from walks import rules
from walks.clock import patient_today
from walks.services.progress import todays_target

FEED_DAYS = 14
EVENT_MINUTES_WHEN_NO_PLAN = rules.MIN_START_MINUTES


def plan_calendar(profile: Profile, *, now: datetime | None = None) -> bytes:
    user = profile.user
    today = patient_today(user, now=now)
    target = todays_target(user, today)
    minutes = target.target_minutes or EVENT_MINUTES_WHEN_NO_PLAN
    zone = profile.zone
    with translation.override(settings.LANGUAGE_CODE):
        title = ngettext("Walk %(minutes)d minute", "Walk %(minutes)d minutes", minutes) % {
            "minutes": minutes
        }
        if target.target_days:
            description = ngettext(
                "This week's plan: %(days)d day of %(minutes)d minutes.",
                "This week's plan: %(days)d days of %(minutes)d minutes.",
                target.target_days,
            ) % {"days": target.target_days, "minutes": minutes}
        else:
            description = _("Your plan starts with the first walk you log.")
        description += " " + _("Walk only as far as your pain allows; rest on a bad day.")

        from icalendar import Calendar, Event  # only the feed needs it (about 10 MB)

        cal = Calendar()
        cal.add("prodid", "-//Walk Well//walking plan//EN")
        cal.add("version", "2.0")
        cal.add("x-wr-calname", _("Walking plan"))
        cal.add("x-wr-timezone", str(profile.timezone))
        stamp = now or datetime.now(tz=zone)
        for offset in range(FEED_DAYS):
            day = today + timedelta(days=offset)
            if offset == 0 and not target.walk_today:
                # Today's advice is not a walk: one all-day event says why.
                event = Event()
                event.add("uid", f"guidance-{user.pk}-{day.isoformat()}@walk-well")
                event.add("dtstamp", stamp)
                event.add("dtstart", day)
                event.add("dtend", day + timedelta(days=1))
                event.add("summary", _("No walk today"))
                event.add("description", target.message)
                cal.add_component(event)
                continue
            chosen = profile.walking_weekdays
            if chosen is not None and day.weekday() not in chosen:
                continue  # a rest day in the walking days the patient chose
            start = datetime.combine(day, profile.reminder_time, tzinfo=zone)
            event = Event()
            event.add("uid", f"walk-{user.pk}-{day.isoformat()}@walk-well")
            event.add("dtstamp", stamp)
            event.add("dtstart", start)
            event.add("dtend", start + timedelta(minutes=minutes))
            event.add("summary", title)
            event.add("description", description)
            cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
