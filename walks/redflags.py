"""Red-flag warnings as of a given day (progression.md, "Warnings").

Plain Python (no Django, no clock): `today` is passed in. Each warning is a
named rule that declares how many days back it reads (`window_days`), so the
number of days the caller must load is derived from the rules themselves
(`days_needed`), never hard-coded. Rules return codes; the words a patient
reads live in walks/wording.py, where they can be translated.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from walks.diary import (
    DOCTOR_SYMPTOMS,
    SAME_DAY_SYMPTOMS,
    URGENT_SYMPTOMS,
    Day,
    days_between,
    mean_pain,
)

SEVERE_PAIN = 7  # 7-10 on the 0-10 scale is severe
MEANINGFUL_PAIN_CHANGE = 2  # smallest change that matters in back pain
SYMPTOM_WINDOW_DAYS = 14
PAIN_WINDOW_DAYS = 7
MIN_PAIN_DAYS_FOR_TREND = 2
PERSISTENT_AFTER_DAYS = 42
PERSISTENT_PAIN_LEVEL = 4
# Our choice: when week 1 has no pain data, persistent pain cannot be shown to
# have improved, so the warning is given (the safer side).

URGENT = "urgent"  # emergency care now
SAME_DAY = "same_day"  # a doctor today
DOCTOR = "doctor"  # a doctor soon
CAUTION = "caution"  # stop, rest, ease off
LEVEL_ORDER = {URGENT: 0, SAME_DAY: 1, DOCTOR: 2, CAUTION: 3}


@dataclass(frozen=True, kw_only=True)
class Warning:
    level: str
    code: str


@dataclass(frozen=True, kw_only=True)
class Diary:
    """What a rule may read: the day summaries around `today`."""

    days: Mapping[date, Day]
    today: date
    plan_start: date | None
    week1_pain: Fraction | None = None
    health_check_due: bool = False
    seen_on: date | None = None  # a doctor saw the patient: read only later days

    def last(self, n: int, *, skip: int = 0) -> list[Day]:
        """Days with entries among the `n` days ending `skip` days before
        today, and after the latest doctor visit."""
        end = self.today - timedelta(days=skip)
        first = end - timedelta(days=n - 1)
        if self.seen_on is not None:
            first = max(first, self.seen_on + timedelta(days=1))
        return days_between(self.days, first, end)


@dataclass(frozen=True)
class Rule:
    code: str
    level: str
    window_days: int  # how many days back from today (inclusive) the rule reads
    applies: Callable[[Diary], bool]


RULES: list[Rule] = []


def rule(code: str, level: str, *, window_days: int):
    def register(fn: Callable[[Diary], bool]):
        RULES.append(Rule(code, level, window_days, fn))
        return fn

    return register


# --- Symptom flags -------------------------------------------------------------------
def symptom_rule(code: str, level: str, *, window_days: int) -> None:
    """A warning for as long as `code` was reported in the last `window_days`."""

    @rule(code, level, window_days=window_days)
    def reported(diary: Diary) -> bool:
        return any(code in d.symptoms for d in diary.last(window_days))


for _level, _codes in ((URGENT, URGENT_SYMPTOMS), (SAME_DAY, SAME_DAY_SYMPTOMS),
                       (DOCTOR, DOCTOR_SYMPTOMS)):  # fmt: skip
    for _code in _codes:
        symptom_rule(_code, _level, window_days=SYMPTOM_WINDOW_DAYS)


# --- Pain ----------------------------------------------------------------------------
@rule("severe_pain", DOCTOR, window_days=PAIN_WINDOW_DAYS)
def severe_pain(diary: Diary) -> bool:
    return any(
        d.max_pain is not None and d.max_pain >= SEVERE_PAIN for d in diary.last(PAIN_WINDOW_DAYS)
    )


@rule("worsening_pain", DOCTOR, window_days=2 * PAIN_WINDOW_DAYS)
def worsening_pain(diary: Diary) -> bool:
    last7 = diary.last(PAIN_WINDOW_DAYS)
    prev7 = diary.last(PAIN_WINDOW_DAYS, skip=PAIN_WINDOW_DAYS)
    if (
        sum(1 for d in last7 if d.pain_count) < MIN_PAIN_DAYS_FOR_TREND
        or sum(1 for d in prev7 if d.pain_count) < MIN_PAIN_DAYS_FOR_TREND
    ):
        return False
    return mean_pain(last7) - mean_pain(prev7) >= MEANINGFUL_PAIN_CHANGE


@rule("persistent_pain", DOCTOR, window_days=PAIN_WINDOW_DAYS)
def persistent_pain(diary: Diary) -> bool:
    """Also reads week 1: from `week1_pain` when known, else from `days`
    (callers with no assessed weeks load the whole plan anyway)."""
    start = diary.plan_start
    if start is None or start > diary.today - timedelta(days=PERSISTENT_AFTER_DAYS):
        return False
    recent = mean_pain(diary.last(PAIN_WINDOW_DAYS))
    if recent is None or recent < PERSISTENT_PAIN_LEVEL:
        return False
    week1 = diary.week1_pain
    if week1 is None:
        week1 = mean_pain(days_between(diary.days, start, start + timedelta(days=6)))
    return week1 is None or week1 - recent < MEANINGFUL_PAIN_CHANGE


# --- Health background ------------------------------------------------------------------
def health_check_due(*, ticked: bool, checked_on: date | None, changed_on: date | None) -> bool:
    """A history box is ticked, and no doctor has checked the back since the
    boxes last changed."""
    return ticked and (checked_on is None or (changed_on is not None and checked_on < changed_on))


@rule("health_background", DOCTOR, window_days=0)
def health_background(diary: Diary) -> bool:
    """A history box is ticked and no doctor has checked the back since it
    changed (worked out by the caller, who has the dates)."""
    return diary.health_check_due


# --- Caution -----------------------------------------------------------------------
@rule("sharp_pain", CAUTION, window_days=PAIN_WINDOW_DAYS)
def sharp_pain(diary: Diary) -> bool:
    return any(d.stopped_for_sharp_pain for d in diary.last(PAIN_WINDOW_DAYS))


symptom_rule("leg_joint_pain", CAUTION, window_days=PAIN_WINDOW_DAYS)


def days_needed() -> int:
    """How many days back from today (inclusive) the warnings read."""
    return max(r.window_days for r in RULES)


def find_warnings(
    *,
    days: Mapping[date, Day],
    today: date,
    plan_start: date | None,
    week1_pain: Fraction | None = None,
    health_check_due: bool = False,
    seen_on: date | None = None,
) -> tuple[Warning, ...]:
    """Red flags as of `today`, most urgent first (table order within a level).

    `days` must cover the last `days_needed()` days. For persistent pain, pass
    week 1's week_pain when known; otherwise it is computed from `days`.
    """
    diary = Diary(
        days=days,
        today=today,
        plan_start=plan_start,
        week1_pain=week1_pain,
        health_check_due=health_check_due,
        seen_on=seen_on,
    )
    found = [Warning(level=r.level, code=r.code) for r in RULES if r.applies(diary)]
    return tuple(sorted(found, key=lambda w: LEVEL_ORDER[w.level]))
