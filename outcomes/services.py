"""Writing a patient's answers, and the plan restart a recurrence offers."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from outcomes import instruments
from outcomes.models import Answer, Questionnaire, Response
from walks import rules
from walks.services import entries, summary


def save_response(
    *, user, questionnaire: Questionnaire, answers: dict[int, str], today: date, goal_met_on=None
) -> Response:
    """Score and save one completed questionnaire, all or nothing. Raises
    instruments.IncompleteAnswers when an item is missing or unknown."""
    result = instruments.score(questionnaire.slug, answers)
    items = {item.number: item for item in questionnaire.items.all()}
    with transaction.atomic():
        response = Response.objects.create(
            user=user,
            questionnaire=questionnaire,
            answered_on=today,
            score=result.score,
            subscale=result.subscale,
            band=result.band,
            recurrence=result.recurrence,
            goal_met_on=goal_met_on if questionnaire.slug == instruments.RECURRENCE else None,
        )
        Answer.objects.bulk_create(
            Answer(response=response, item=items[n], value=v) for n, v in sorted(answers.items())
        )
        _update_summary(user, questionnaire, response)
    return response


def _update_summary(user, questionnaire: Questionnaire, response: Response) -> None:
    """The clinician panel's copy of the latest back-function score (and its
    change from the first) and outlook band."""
    if questionnaire.slug == instruments.BACK_FUNCTION:
        first = (
            Response.objects.filter(user=user, questionnaire=questionnaire)
            .order_by("answered_on", "id")
            .values_list("score", flat=True)
            .first()
        )
        summary.set_scores(
            user_id=user.pk,
            back_function=response.score,
            back_function_change=response.score - first,
        )
    elif questionnaire.slug == instruments.OUTLOOK:
        summary.set_scores(user_id=user.pk, outlook_band=response.band)


def restart_plan(*, user, today: date):
    """Start the plan again today at its first length; the rules are unchanged."""
    return entries.set_plan(user=user, start_date=today, start_minutes=rules.MIN_START_MINUTES)
