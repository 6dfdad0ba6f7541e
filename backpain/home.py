"""The home page: the landing page for visitors; for a patient, the
dashboard, which joins the diary (walks) with this week's lesson (lessons)."""

from datetime import timedelta

from django.shortcuts import render

from lessons import selectors as lesson_selectors
from outcomes import selectors as outcome_selectors
from outcomes.instruments import due
from walks import presenters, selectors
from walks.clock import patient_today
from walks.services import progress

FUNCTION_CHART_WINDOW = timedelta(weeks=26)
URGENT_STATES = ("emergency", "doctor_today")


def home(request):
    if not request.user.is_authenticated:
        return render(request, "walks/landing.html")
    today = patient_today(request.user)
    result = progress.patient_progress(request.user, today=today)
    context = presenters.dashboard_context(result)
    # The recent checks, and the very first: the change is measured from it.
    checks = selectors.function_checks(request.user, since=today - FUNCTION_CHART_WINDOW)
    first = selectors.first_function_check(request.user) if checks else None
    if first is not None and checks[0].pk != first.pk:
        checks = [first, *checks]
    context.update(presenters.function_context(checks, today=today))
    context["lesson"] = lesson_selectors.this_weeks_lesson(
        request.user, lesson_selectors.week_of(result.progress.plan, today)
    )
    # A clinician's note waits while an emergency or same-day warning shows:
    # nothing beside that advice may talk of walking.
    urgent = result.guidance.state in URGENT_STATES
    if result.state is not None and result.state.unread_notes and not urgent:
        context["clinician_notes"] = selectors.unread_target_notes(request.user)
    # One card for whatever questionnaire is due (never beside an urgent warning).
    if not urgent:
        found = due(outcome_selectors.schedule_facts(request.user, result.progress))
        if found:
            context["questionnaire_due"] = outcome_selectors.questionnaires_by_slug().get(found[0])
            context["questionnaires_due"] = len(found)
    return render(request, "walks/dashboard.html", context)
