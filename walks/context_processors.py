"""Urgent and same-day warnings at the top of every page a patient sees."""

from datetime import timedelta

from django.utils.functional import SimpleLazyObject

from walks import redflags, selectors, wording
from walks.clock import patient_today

TOP_LEVELS = (redflags.URGENT, redflags.SAME_DAY)


def top_alerts(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"top_alerts": SimpleLazyObject(lambda: _alerts(request, user))}


def _alerts(request, user) -> list[dict]:
    """The warnings a view already worked out (`request.warnings`), or one
    query: the day summaries of the symptom window, through the same rules
    as the dashboard (pages that show every warning leave this out)."""
    known = getattr(request, "warnings", None)
    if known is not None:
        return wording.warning_cards(w for w in known if w.level in TOP_LEVELS)
    today = patient_today(user)
    days = selectors.load_days(user, since=today - timedelta(days=redflags.days_needed() - 1))
    warnings = redflags.find_warnings(
        days=days, today=today, plan_start=None, seen_on=selectors.last_doctor_visit(user)
    )
    return wording.warning_cards(w for w in warnings if w.level in TOP_LEVELS)
