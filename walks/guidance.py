"""Today's guidance: the one answer to "what should I do today?".

Every surface that advises the patient (dashboard, entry forms, reminder
email, calendar feed, /progress.json and the API, the report) reads this
value instead of deciding on its own, so no two of them can disagree. Pure:
it reads the progress the rules computed and the patient's own choices,
never the clock or the database. States and their order: progression.md,
"Guidance" (the first that applies wins).
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass

from walks.redflags import CAUTION, DOCTOR, SAME_DAY, URGENT
from walks.rules import Progress

EMERGENCY = "emergency"
DOCTOR_TODAY = "doctor_today"
REST_ADVISED = "rest_advised"
HOLD = "hold"
EASE = "ease"
REST_DAY = "rest_day"
DONE = "done"
WALK = "walk"
START = "start"

# The warning level that sets each warning state, most urgent first.
WARNING_STATES = ((URGENT, EMERGENCY), (SAME_DAY, DOCTOR_TODAY))
SOFTER_WARNING_STATES = ((DOCTOR, HOLD), (CAUTION, EASE))


@dataclass(frozen=True, kw_only=True)
class Guidance:
    state: str
    walk_today: bool
    warning: str | None = None  # the code of the warning behind the state
    target_minutes: int | None = None  # today's walk, when there is one
    day_number: int | None = None  # today would be walking day k ...
    target_days: int | None = None  # ... of D this week

    @property
    def paused(self) -> bool:
        """The plan waits: a warning or a doctor's advice stops today's walk."""
        return self.state in (EMERGENCY, DOCTOR_TODAY, REST_ADVISED)


def _first(progress: Progress, level: str) -> str | None:
    return next((w.code for w in progress.warnings if w.level == level), None)


def guidance(
    progress: Progress,
    *,
    rest_advised: bool = False,
    walking_days: Set[int] | None = None,
) -> Guidance:
    """`rest_advised`: the latest doctor visit advised rest. `walking_days`:
    the weekdays (0 = Monday) the patient chose to walk on, or None."""
    for level, state in WARNING_STATES:
        code = _first(progress, level)
        if code is not None:
            return Guidance(state=state, walk_today=False, warning=code)
    if rest_advised:
        return Guidance(state=REST_ADVISED, walk_today=False)
    week = progress.current_week
    target = {}
    if week is not None:
        target = {
            "target_minutes": week.target_minutes,
            "day_number": min(week.days_met + 1, week.target_days),
            "target_days": week.target_days,
        }
    elif progress.plan is not None:
        target = {"target_minutes": progress.plan.start_minutes}
    for level, state in SOFTER_WARNING_STATES:
        code = _first(progress, level)
        if code is not None:
            return Guidance(state=state, walk_today=True, warning=code, **target)
    if walking_days is not None and progress.today.weekday() not in walking_days:
        return Guidance(state=REST_DAY, walk_today=False)
    if week is not None and week.today_met:
        return Guidance(state=DONE, walk_today=False, target_minutes=week.target_minutes)
    if progress.plan is not None:
        return Guidance(state=WALK, walk_today=True, **target)
    return Guidance(state=START, walk_today=True)
