"""The diary as the rules see it: entries, and one summary per day.

Plain Python (no Django). Pain means are `Fraction`s, so thresholds such as
"rose by 2 points" compare exactly (4.1 - 2.1 is not 2.0 in floating point).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from fractions import Fraction
from typing import NamedTuple

# The symptom flags a patient can tick with any entry, by the level of warning
# each raises (progression.md, "Symptom flags"), most urgent first.
URGENT_SYMPTOMS = (
    "saddle_numbness",
    "bladder_or_bowel_change",
    "both_legs",
    "sexual_function_change",
    "chest_pain",
)
SAME_DAY_SYMPTOMS = (
    "leg_weakness",
    "fever",
    "after_injury_or_fall",
    "night_pain",
    "weight_loss_or_lump",
)
DOCTOR_SYMPTOMS = ("numbness_or_tingling", "difficulty_walking_or_standing")
CAUTION_SYMPTOMS = ("leg_joint_pain",)
SYMPTOMS = URGENT_SYMPTOMS + SAME_DAY_SYMPTOMS + DOCTOR_SYMPTOMS + CAUTION_SYMPTOMS
# "Any symptom flag" in the rules: these pause the plan; joint pain eases it off.
PAUSING_SYMPTOMS = frozenset(URGENT_SYMPTOMS + SAME_DAY_SYMPTOMS + DOCTOR_SYMPTOMS)


# --- Entries and days ------------------------------------------------------
class Day(NamedTuple):
    """Everything the rules need to know about one calendar day.

    A named tuple rather than a dataclass: a long diary has thousands, and
    tuples are built several times faster. Immutable all the same.
    """

    date: date
    minutes: int = 0
    walks: int = 0
    pain_sum: int = 0
    pain_count: int = 0
    max_pain: int | None = None
    pain_before_sum: int = 0
    pain_after_sum: int = 0
    stopped_for_sharp_pain: bool = False
    symptoms: frozenset[str] = frozenset()

    @property
    def pain(self) -> Fraction | None:
        """daily_pain: the mean of every pain value recorded that day."""
        return Fraction(self.pain_sum, self.pain_count) if self.pain_count else None


# --- Helpers ------------------------------------------------------------------
def days_between(days: Mapping[date, Day], first: date, last: date) -> list[Day]:
    found = []
    d = first
    while d <= last:
        day = days.get(d)
        if day is not None:
            found.append(day)
        d += timedelta(days=1)
    return found


def mean_pain(days: Iterable[Day]) -> Fraction | None:
    """Mean of daily_pain over the days that have any pain value."""
    values = [d.pain for d in days if d.pain_count]
    return sum(values, Fraction(0)) / len(values) if values else None
