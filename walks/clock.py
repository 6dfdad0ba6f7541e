"""The clock, read only at the edge (views, commands) and passed inward.

Rules and services take `today` as an argument; this is the one place that
decides what "today" is for a patient: the date where they live (their
profile's IANA time zone, the server's when they have not chosen one).
"""

from datetime import date, datetime

from django.utils import timezone

from accounts.profiles import profile_for


def patient_today(user, *, now: datetime | None = None) -> date:
    zone = profile_for(user).zone
    return timezone.localdate(now or timezone.now(), timezone=zone)
