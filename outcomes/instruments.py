"""Scoring, bands, meaningful change and schedule of every questionnaire:
the one place these rules live (progression.md, "Outcome scores").

Pure code: no database, no requests. The wording lives in the database
(editable in the admin) and is loaded from outcomes/content.py; each
option's score is fixed here by its value, so an edit of wording can never
change a score.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

BACK_FUNCTION = "back-function"
OUTLOOK = "outlook"
RECURRENCE = "recurrence"
SLUGS = (OUTLOOK, BACK_FUNCTION, RECURRENCE)  # the order the app asks them in

# Answer values: what a form posts for q1 ... qN.
YES, NO = "yes", "no"
AGREE, DISAGREE = "agree", "disagree"
BOTHER_VALUES = ("not-at-all", "slightly", "moderately", "very-much", "extremely")

SCORES: dict[str, dict[str, int]] = {
    "yes-no": {YES: 1, NO: 0},
    "agree": {AGREE: 1, DISAGREE: 0},
    # "How bothersome": the two worst of five options score 1.
    "bother": dict(zip(BOTHER_VALUES, (0, 0, 0, 1, 1), strict=True)),
}

ITEM_COUNTS = {BACK_FUNCTION: 24, OUTLOOK: 9, RECURRENCE: 2}
BACK_FUNCTION_MAX = 24
OUTLOOK_DISTRESS_ITEMS = (5, 6, 7, 8, 9)
OUTLOOK_LOW_MAX_TOTAL = 3  # a total of 3 or less is low risk
OUTLOOK_HIGH_MIN_DISTRESS = 4  # otherwise a distress subscale of 4 or more is high

LOW, MEDIUM, HIGH = "low", "medium", "high"
BANDS = (LOW, MEDIUM, HIGH)

MEANINGFUL_POINTS = 5  # back-function: a change of 5 points ...
MEANINGFUL_FRACTION = 0.30  # ... or of 30% of the first score matters
EVERY = timedelta(weeks=4)  # back-function and recurrence are due every 4 weeks


def scale_of(slug: str, number: int) -> str:
    """Which answer scale item `number` of questionnaire `slug` uses."""
    if slug == OUTLOOK:
        return "bother" if number == 9 else "agree"
    return "yes-no"


def option_score(slug: str, number: int, value: str) -> int:
    return SCORES[scale_of(slug, number)][value]


@dataclass(frozen=True)
class Result:
    score: int
    subscale: int | None = None  # outlook: the distress items 5-9
    band: str = ""  # outlook: low / medium / high
    recurrence: bool = False  # recurrence: back pain stopped usual activities


class IncompleteAnswers(ValueError):
    """Not every item has one valid answer."""


def score(slug: str, answers: dict[int, str]) -> Result:
    """Score a complete set of answers {item number: option value}."""
    count = ITEM_COUNTS[slug]
    if set(answers) != set(range(1, count + 1)):
        raise IncompleteAnswers(slug)
    try:
        points = {n: option_score(slug, n, v) for n, v in answers.items()}
    except KeyError as exc:
        raise IncompleteAnswers(slug) from exc
    total = sum(points.values())
    if slug == OUTLOOK:
        distress = sum(points[n] for n in OUTLOOK_DISTRESS_ITEMS)
        return Result(score=total, subscale=distress, band=outlook_band(total, distress))
    if slug == RECURRENCE:
        return Result(score=total, recurrence=answers[1] == YES)
    return Result(score=total)


def outlook_band(total: int, distress: int) -> str:
    if total <= OUTLOOK_LOW_MAX_TOTAL:
        return LOW
    return HIGH if distress >= OUTLOOK_HIGH_MIN_DISTRESS else MEDIUM


def meaningful_change(first: int, latest: int) -> bool:
    """Back-function: a change of at least 5 points, or at least 30% of the
    first score, either way (0-24, lower is better)."""
    change = abs(latest - first)
    if change == 0:
        return False
    if change >= MEANINGFUL_POINTS:
        return True
    return first > 0 and change >= MEANINGFUL_FRACTION * first


@dataclass(frozen=True)
class ScheduleFacts:
    """What the schedule needs to know of the patient's plan, as of today."""

    today: date
    last_answered: dict[str, date]  # slug -> the latest answer's date
    restarted_on: date | None = None  # the plan's start, when it restarted a diary
    goal_met_on: date | None = None  # the end of the first week that met the goal


def due_on(slug: str, facts: ScheduleFacts) -> date | None:
    """The day questionnaire `slug` is (or becomes) due; None when it is not
    scheduled (recurrence before the goal is met; outlook once answered, until
    the plan restarts)."""
    last = facts.last_answered.get(slug)
    if slug == BACK_FUNCTION:
        return facts.today if last is None else last + EVERY
    if slug == OUTLOOK:
        if last is None:
            return facts.today
        if facts.restarted_on is not None and facts.restarted_on > last:
            return facts.restarted_on
        return None
    if facts.goal_met_on is None:
        return None
    return max(facts.goal_met_on, last or facts.goal_met_on) + EVERY


def due(facts: ScheduleFacts) -> list[str]:
    """The questionnaires due today, in the order the app asks them."""
    return [s for s in SLUGS if (d := due_on(s, facts)) is not None and d <= facts.today]
