"""The clock, read only at the edge (views, commands) and passed inward.

Rules and services take `today` as an argument; this is the one place that
decides what "today" is for a patient.
"""

from datetime import date

from django.utils import timezone


def patient_today(user) -> date:
    """The patient's local date (the server's time zone until patients
    choose their own)."""
    return timezone.localdate()
