"""Daily walk reminders: who is due, and the email.

`send_due_reminders(now)` is what `manage.py send_reminders` runs (every few
minutes, from cron or a systemd timer). A patient is due when, in their own
time zone, the reminder time has passed today, nothing is logged today and no
reminder went today. The send is recorded first (unique per patient and local
day) and only the run whose row went in sends the email; on PostgreSQL the
profiles being claimed are locked with SKIP LOCKED so a second copy of the
command moves on to other patients instead of waiting.
"""

from __future__ import annotations

import logging
import uuid
from datetime import date, datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import Profile, ReminderSent, zone_or_default
from accounts.site import absolute
from reminders.links import unsubscribe_token
from walks.models import CheckIn, Walk
from walks.services.progress import todays_target

log = logging.getLogger(__name__)


# --- Which patients are due -------------------------------------------------


def due_user_ids(now: datetime) -> dict[date, list[int]]:
    """Patients due at instant `now`, grouped by their local date."""
    due: dict[date, list[int]] = {}
    zones = (
        Profile.objects.filter(reminders_enabled=True)
        .values_list("timezone", flat=True)
        .distinct()
        .order_by()
    )
    for zone_name in zones:
        local = now.astimezone(zone_or_default(zone_name))
        day = local.date()
        ids = Profile.objects.filter(
            reminders_enabled=True,
            timezone=zone_name,
            reminder_time__lte=local.time().replace(tzinfo=None),
            user__is_active=True,
        ).filter(
            # only on the walking days the patient chose, if they chose
            Q(walking_days="") | Q(walking_days__contains=str(day.weekday())),
            ~Exists(ReminderSent.objects.filter(user_id=OuterRef("user_id"), local_date=day)),
            ~Exists(Walk.objects.filter(user_id=OuterRef("user_id"), date=day)),
            ~Exists(CheckIn.objects.filter(user_id=OuterRef("user_id"), date=day)),
        )
        due.setdefault(day, []).extend(ids.values_list("user_id", flat=True))
    return due


def claim(user_ids, *, day: date, now: datetime, run_id: uuid.UUID) -> list[int]:
    """Record the sends first; returns the patients this run won."""
    with transaction.atomic():
        profiles = Profile.objects.filter(user_id__in=user_ids, reminders_enabled=True)
        if connection.features.has_select_for_update_skip_locked:
            profiles = profiles.select_for_update(skip_locked=True)
        locked = list(profiles.values_list("user_id", flat=True))
        ReminderSent.objects.bulk_create(
            [ReminderSent(user_id=u, local_date=day, sent_at=now, run_id=run_id) for u in locked],
            ignore_conflicts=True,
        )
        return list(
            ReminderSent.objects.filter(run_id=run_id, local_date=day, user_id__in=locked)
            .values_list("user_id", flat=True)
            .order_by("user_id")
        )


# --- The email -------------------------------------------------------------


def reminder_message(user, profile: Profile, day: date) -> mail.EmailMultiAlternatives:
    unsubscribe_url = absolute(reverse("reminders_unsubscribe", args=[unsubscribe_token(profile)]))
    content = todays_target(user, day)
    context = {
        "user": user,
        "day": day,
        "content": content,
        "home_url": absolute(reverse("home")),
        "log_url": absolute(reverse("walks:walk_new")),
        "settings_url": absolute(reverse("reminders")),
        "unsubscribe_url": unsubscribe_url,
    }
    # In the language the patient chose in the app (English until they do).
    with translation.override(profile.language_code):
        subject = (
            _("Time for today's walk")
            if content.walk_today
            else _("Walk Well: please read today's advice")
        )
        text = render_to_string("emails/reminder.txt", context)
        html = render_to_string("emails/reminder.html", context)
    message = mail.EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def send_due_reminders(now: datetime) -> int:
    """Send every reminder due at `now`; returns how many went."""
    run_id = uuid.uuid4()
    sent = 0
    users = get_user_model().objects
    with mail.get_connection() as conn:
        for day, ids in due_user_ids(now).items():
            for start in range(0, len(ids), settings.REMINDER_BATCH):
                chunk = ids[start : start + settings.REMINDER_BATCH]
                won = claim(chunk, day=day, now=now, run_id=run_id)
                profiles = {p.user_id: p for p in Profile.objects.filter(user_id__in=won)}
                failed = []
                for user in users.filter(pk__in=won).exclude(email=""):
                    try:
                        conn.send_messages([reminder_message(user, profiles[user.pk], day)])
                        sent += 1
                    except Exception:  # a bad address or a mail server hiccup
                        log.exception("reminder to user %s failed", user.pk)
                        failed.append(user.pk)
                # Failed sends are released so the next run tries again.
                ReminderSent.objects.filter(run_id=run_id, user_id__in=failed).delete()
    return sent
