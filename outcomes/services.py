"""Writing a patient's answers, and the plan restart a recurrence offers."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from outcomes import instruments
from outcomes.models import Answer, Questionnaire, Response
from walks import rules
from walks.services import entries


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
    return response


def restart_plan(*, user, today: date):
    """Start the plan again today at its first length; the rules are unchanged."""
    return entries.set_plan(user=user, start_date=today, start_minutes=rules.MIN_START_MINUTES)
