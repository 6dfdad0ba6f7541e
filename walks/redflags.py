"""Red-flag warnings as of a given day (progression.md, "Warnings").

Plain Python (no Django, no clock): `today` is passed in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from walks.diary import SYMPTOMS, URGENT_SYMPTOMS, Day, days_between, mean_pain

SEVERE_PAIN = 7  # 7-10 on the 0-10 scale is severe
MEANINGFUL_PAIN_CHANGE = 2  # smallest change that matters in back pain
SYMPTOM_WINDOW_DAYS = 14
PAIN_WINDOW_DAYS = 7
MIN_PAIN_DAYS_FOR_TREND = 2
PERSISTENT_AFTER_DAYS = 42
PERSISTENT_PAIN_LEVEL = 4
# Our choice: when week 1 has no pain data, persistent pain cannot be shown to
# have improved, so the warning is given (the safer side).

URGENT = "urgent"
DOCTOR = "doctor"
CAUTION = "caution"
LEVEL_ORDER = {URGENT: 0, DOCTOR: 1, CAUTION: 2}

WARNING_MESSAGES = {
    "saddle_numbness": (
        "You reported numbness around the groin, buttocks or inner thighs. "
        "With back pain this can mean the nerves at the base of the spine are "
        "being squeezed, which needs treatment within hours. Go to an emergency "
        "department or call your emergency number now. Do not wait for an "
        "appointment, and do not walk until you have been seen."
    ),
    "bladder_or_bowel_change": (
        "You reported a new change in bladder or bowel control. With back pain "
        "this can mean the nerves at the base of the spine are being squeezed, "
        "which needs treatment within hours. Go to an emergency department or "
        "call your emergency number now. Do not wait for an appointment."
    ),
    "numbness_or_tingling": (
        "You reported numbness or tingling in your legs in the last two weeks. "
        "Please see a doctor soon to have it checked. Your plan keeps the same "
        "target for any week in which you report it."
    ),
    "difficulty_walking_or_standing": (
        "You reported difficulty walking or standing in the last two weeks. "
        "Please see a doctor soon. Your plan keeps the same target for any week "
        "in which you report it."
    ),
    "after_injury_or_fall": (
        "You reported pain after an injury or fall in the last two weeks. "
        "Please have it checked by a doctor before you build up your walking."
    ),
    "severe_pain": (
        "You recorded severe pain (7 or more out of 10) in the last 7 days. "
        "Please see a doctor soon. Your plan keeps the same target for any week "
        "with pain this high."
    ),
    "worsening_pain": (
        "Your average pain this week is at least 2 points higher than the week "
        "before. Pain that keeps getting worse should be checked by a doctor."
    ),
    "persistent_pain": (
        "After six weeks or more your pain is still 4 or more out of 10 and has "
        "not eased by 2 points since you started. A doctor can look for other "
        "ways to help."
    ),
    "sharp_pain": (
        "You stopped a walk because of sharp pain this week. When that happens, "
        "stop and rest. Mild aching during or after a walk is normal; sharp or "
        "severe pain is not, so shorten the next walk and see a doctor if it "
        "comes back."
    ),
}


@dataclass(frozen=True, kw_only=True)
class Warning:
    level: str
    code: str
    message: str


# --- Warnings -----------------------------------------------------------------
def find_warnings(
    *,
    days: Mapping[date, Day],
    today: date,
    plan_start: date | None,
    week1_pain: Fraction | None = None,
) -> tuple[Warning, ...]:
    """Red flags as of `today`, most urgent first.

    `days` must cover the last 14 days. For persistent pain, pass week 1's
    week_pain when known; otherwise it is computed from `days`.
    """
    last7 = days_between(days, today - timedelta(days=6), today)
    prev7 = days_between(days, today - timedelta(days=13), today - timedelta(days=7))
    last14 = prev7 + last7
    found: list[Warning] = []

    reported = frozenset().union(*(d.symptoms for d in last14))
    for code in SYMPTOMS:
        if code in reported:
            level = URGENT if code in URGENT_SYMPTOMS else DOCTOR
            found.append(Warning(level=level, code=code, message=WARNING_MESSAGES[code]))

    if any(d.max_pain is not None and d.max_pain >= SEVERE_PAIN for d in last7):
        found.append(_warning(DOCTOR, "severe_pain"))

    last7_pain = mean_pain(last7)
    prev7_pain = mean_pain(prev7)
    if (
        sum(1 for d in last7 if d.pain_count) >= MIN_PAIN_DAYS_FOR_TREND
        and sum(1 for d in prev7 if d.pain_count) >= MIN_PAIN_DAYS_FOR_TREND
        and last7_pain - prev7_pain >= MEANINGFUL_PAIN_CHANGE
    ):
        found.append(_warning(DOCTOR, "worsening_pain"))

    if (
        plan_start is not None
        and plan_start <= today - timedelta(days=PERSISTENT_AFTER_DAYS)
        and last7_pain is not None
        and last7_pain >= PERSISTENT_PAIN_LEVEL
    ):
        week1 = week1_pain
        if week1 is None:
            week1 = mean_pain(days_between(days, plan_start, plan_start + timedelta(days=6)))
        if week1 is None or week1 - last7_pain < MEANINGFUL_PAIN_CHANGE:
            found.append(_warning(DOCTOR, "persistent_pain"))

    if any(d.stopped_for_sharp_pain for d in last7):
        found.append(_warning(CAUTION, "sharp_pain"))

    return tuple(sorted(found, key=lambda w: LEVEL_ORDER[w.level]))


def _warning(level: str, code: str) -> Warning:
    return Warning(level=level, code=code, message=WARNING_MESSAGES[code])
