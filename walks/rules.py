"""The walking plan, as plain Python: weekly decisions and the whole picture.

Nothing here imports Django or reads the clock: callers pass the diary (one
`Day` summary per calendar day, see walks.diary), the plan settings and
`today`, and get frozen results back, warnings included (walks.redflags).
The numbers follow the design contract (progression.md); the ones that
contract leaves open are marked "our choice".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import NamedTuple

from walks.diary import (
    PAUSING_SYMPTOMS,
    SYMPTOMS,
    Day,
    days_between,
    mean_pain,
)
from walks.redflags import (
    MEANINGFUL_PAIN_CHANGE,
    SEVERE_PAIN,
    Warning,
    days_needed,
    find_warnings,
)

# --- Constants --------------------------------------------------------------
GOAL_MINUTES = 30
GOAL_DAYS = 5
START_DAYS = 3
STEP_MINUTES = 5
MIN_MINUTES = 10
MIN_START_MINUTES = 10
MAX_START_MINUTES = 15
DAYS_PER_WEEK = 7

# A clinician's weekly targets (progression.md, "Clinician targets").
CLINICIAN_MIN_MINUTES = 10
CLINICIAN_MAX_MINUTES = GOAL_MINUTES
CLINICIAN_MIN_DAYS = 1
CLINICIAN_MAX_DAYS = GOAL_DAYS

MAX_PAIN_TO_PROGRESS = 5  # traffic-light model: 6 or more is too much
DEFAULT_DAILY_DAYS = 56
MAX_DAILY_DAYS = 3660


def week_index(start: date, day: date) -> int:
    """The plan week that `day` falls in: 0 for the week beginning on `start`."""
    return (day - start).days // DAYS_PER_WEEK


def week_bounds(start: date, index: int) -> tuple[date, date]:
    """The first and last day of week `index` (0-based) of a plan begun on `start`."""
    first = start + timedelta(days=DAYS_PER_WEEK * index)
    return first, first + timedelta(days=DAYS_PER_WEEK - 1)


# --- Vocabulary -------------------------------------------------------------
PROGRESS = "progress"
HOLD = "hold"
STEP_BACK = "step_back"
PAUSE = "pause"
GOAL_MET = "goal_met"


# --- Inputs -----------------------------------------------------------------
SET_BY_PLAN = "plan"
SET_BY_CLINICIAN = "clinician"


class Target(NamedTuple):
    """A clinician's (T, D) for the plan week that contains `day`."""

    day: date
    minutes: int
    days: int


@dataclass(frozen=True, kw_only=True)
class PlanSettings:
    start_date: date
    start_minutes: int = MIN_MINUTES
    # Clinician targets, oldest first: for each week the latest one wins
    # (progression.md, "Clinician targets").
    targets: tuple[Target, ...] = ()

    def target_for(self, index: int) -> Target | None:
        """The clinician's target for week `index` (0-based), if any."""
        found = None
        for target in self.targets:
            if target.day >= self.start_date and week_index(self.start_date, target.day) == index:
                found = target
        return found


class Reason(NamedTuple):
    """Why a week was decided as it was: a code and its numbers. The words
    live in walks/wording.py, so they can be translated."""

    code: str
    values: tuple = ()


# --- Results ----------------------------------------------------------------
class Week(NamedTuple):
    """A completed week and its decision. A named tuple (build it by keyword):
    a long plan has hundreds, and the week cache unpickles them on every
    page, five times faster than frozen dataclasses (bench/micro.py)."""

    number: int
    start: date
    end: date
    target_minutes: int
    target_days: int
    days_met: int
    minutes_walked: int
    week_pain: Fraction | None
    max_pain: int | None
    decision: str
    reasons: tuple[Reason, ...]
    next_minutes: int
    next_days: int


@dataclass(frozen=True, kw_only=True)
class CurrentWeek:
    number: int
    start: date
    end: date
    target_minutes: int
    target_days: int
    days_met: int
    minutes_walked: int
    today_minutes: int
    set_by: str = SET_BY_PLAN  # who set this week's (T, D): the plan or a clinician

    @property
    def today_met(self) -> bool:
        return self.today_minutes >= self.target_minutes


@dataclass(frozen=True, kw_only=True)
class Progress:
    today: date
    plan: PlanSettings | None
    current_week: CurrentWeek | None
    weeks: Sequence[Week]  # a tuple, or any sequence the caller passed in as known weeks
    warnings: tuple[Warning, ...]

    @property
    def goal_met(self) -> bool:
        return len(self.weeks) > 0 and self.weeks[-1].decision == GOAL_MET

    @property
    def last_week(self) -> Week | None:
        return self.weeks[-1] if len(self.weeks) else None

    def target_on(self, day: date) -> int | None:
        """The daily target in force on `day`, or None outside the plan."""
        if self.plan is None or day < self.plan.start_date:
            return None
        index = week_index(self.plan.start_date, day)
        if index < len(self.weeks):
            return self.weeks[index].target_minutes
        if self.current_week is not None and index == len(self.weeks):
            return self.current_week.target_minutes
        return None


# --- Weekly decisions ---------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class WeekFacts:
    """What a completed week's entries show, before any decision."""

    days_met: int
    minutes: int
    week_pain: Fraction | None
    max_pain: int | None
    symptoms: frozenset[str]
    stopped: bool
    walked: bool
    pain_rose: bool

    @property
    def joint_pain(self) -> bool:
        return "leg_joint_pain" in self.symptoms

    @property
    def severe(self) -> bool:
        return self.max_pain is not None and self.max_pain >= SEVERE_PAIN


def week_facts(
    *, days: Mapping[date, Day], start: date, target_minutes: int, prev_pain: Fraction | None
) -> WeekFacts:
    in_week = days_between(days, start, start + timedelta(days=DAYS_PER_WEEK - 1))
    week_pain = mean_pain(in_week)
    pains = [d.max_pain for d in in_week if d.max_pain is not None]
    return WeekFacts(
        days_met=sum(1 for d in in_week if d.minutes >= target_minutes),
        minutes=sum(d.minutes for d in in_week),
        week_pain=week_pain,
        max_pain=max(pains) if pains else None,
        symptoms=frozenset().union(*(d.symptoms for d in in_week)),
        stopped=any(d.stopped_for_sharp_pain for d in in_week),
        walked=any(d.walks for d in in_week),
        pain_rose=(
            week_pain is not None
            and prev_pain is not None
            and week_pain - prev_pain >= MEANINGFUL_PAIN_CHANGE
        ),
    )


def decide(facts: WeekFacts, *, target_minutes: int, target_days: int) -> tuple[str, int, int]:
    """The decision for a completed week and the next week's (minutes, days)."""
    T, D = target_minutes, target_days
    if facts.symptoms & PAUSING_SYMPTOMS or facts.severe:
        return PAUSE, T, D
    if facts.stopped or facts.joint_pain or facts.pain_rose:
        return STEP_BACK, max(MIN_MINUTES, T - STEP_MINUTES), D
    if (
        facts.days_met >= D
        and facts.max_pain is not None
        and facts.max_pain <= MAX_PAIN_TO_PROGRESS
    ):
        if T == GOAL_MINUTES and D == GOAL_DAYS:
            return GOAL_MET, T, D
        return PROGRESS, min(GOAL_MINUTES, T + STEP_MINUTES), min(GOAL_DAYS, D + 1)
    return HOLD, T, D


def explain(
    facts: WeekFacts,
    *,
    decision: str,
    target_minutes: int,
    target_days: int,
    prev_pain: Fraction | None,
    next_minutes: int,
    next_days: int,
) -> tuple[Reason, ...]:
    """The reasons behind `decision`, as codes with numbers."""
    T, D = target_minutes, target_days
    walked = Reason("walked", (T, facts.days_met, D))
    if decision == PAUSE:
        reasons = [
            Reason("symptom", (s,))
            for s in SYMPTOMS
            if s in facts.symptoms and s in PAUSING_SYMPTOMS
        ]
        if facts.severe:
            reasons.append(Reason("severe_pain", (facts.max_pain,)))
        reasons.append(Reason("pause_holds"))
    elif decision == STEP_BACK:
        reasons = []
        if facts.stopped:
            reasons.append(Reason("stopped_for_sharp_pain"))
        if facts.joint_pain:
            reasons.append(Reason("leg_joint_pain"))
        if facts.pain_rose:
            reasons.append(Reason("pain_rose", (prev_pain, facts.week_pain)))
        reasons.append(Reason("shortened", (next_minutes,)))
    elif decision in (PROGRESS, GOAL_MET):
        reasons = [walked, Reason("pain_stayed", (facts.max_pain,))]
        if decision == GOAL_MET:
            reasons.append(Reason("goal_kept", (GOAL_MINUTES, GOAL_DAYS)))
        else:
            reasons.append(Reason("next_week", (next_minutes, next_days)))
    elif not facts.walked:
        reasons = [Reason("no_walks"), Reason("target_same")]
    else:
        reasons = []
        if facts.days_met < D:
            reasons.append(Reason("walked_fewer", walked.values))
        if facts.max_pain is not None and facts.max_pain > MAX_PAIN_TO_PROGRESS:
            reasons.append(Reason("pain_too_high", (facts.max_pain, MAX_PAIN_TO_PROGRESS)))
        reasons.append(Reason("target_same"))
    return tuple(reasons)


def assess_week(
    *,
    number: int,
    start: date,
    days: Mapping[date, Day],
    target_minutes: int,
    target_days: int,
    prev_pain: Fraction | None,
) -> Week:
    """Decide what a completed week means for the next one."""
    facts = week_facts(days=days, start=start, target_minutes=target_minutes, prev_pain=prev_pain)
    decision, next_minutes, next_days = decide(
        facts, target_minutes=target_minutes, target_days=target_days
    )
    return Week(
        number=number,
        start=start,
        end=start + timedelta(days=DAYS_PER_WEEK - 1),
        target_minutes=target_minutes,
        target_days=target_days,
        days_met=facts.days_met,
        minutes_walked=facts.minutes,
        week_pain=facts.week_pain,
        max_pain=facts.max_pain,
        decision=decision,
        reasons=explain(
            facts,
            decision=decision,
            target_minutes=target_minutes,
            target_days=target_days,
            prev_pain=prev_pain,
            next_minutes=next_minutes,
            next_days=next_days,
        ),
        next_minutes=next_minutes,
        next_days=next_days,
    )


# --- The whole picture --------------------------------------------------------
def evaluate(
    *,
    plan: PlanSettings | None,
    days: Mapping[date, Day],
    today: date,
    known_weeks: Sequence[Week] = (),
    health_check_due: bool = False,
    seen_on: date | None = None,
) -> Progress:
    """The plan's completed weeks, the current week and the warnings.

    `known_weeks` are completed weeks already assessed for this same plan
    (weeks 1..k, e.g. from a cache); assessment resumes after them, so `days`
    needs to cover only the weeks after them and the last 14 days. With no
    known weeks, `days` must cover the whole plan.
    """
    if plan is None or plan.start_date > today:
        return Progress(
            today=today,
            plan=plan,
            current_week=None,
            weeks=(),
            warnings=find_warnings(
                days=days,
                today=today,
                plan_start=plan.start_date if plan else None,
                health_check_due=health_check_due,
                seen_on=seen_on,
            ),
        )

    current_number = week_index(plan.start_date, today) + 1
    # Only completed weeks count; the state to resume from is the last one's
    # (no need to walk a long history again, nor to copy it).
    known = known_weeks[: current_number - 1]
    if len(known) and (known[0].number != 1 or known[-1].number != len(known)):
        raise ValueError("known_weeks must be weeks 1..k of this plan, in order")
    T, D = (
        (known[-1].next_minutes, known[-1].next_days)
        if len(known)
        else (plan.start_minutes, START_DAYS)
    )
    prev_pain = next((w.week_pain for w in reversed(known) if w.week_pain is not None), None)
    new: list[Week] = []
    for number in range(len(known) + 1, current_number):
        start, _end = week_bounds(plan.start_date, number - 1)
        override = plan.target_for(number - 1)
        if override is not None:  # a clinician's targets; the rules go on from them
            T, D = override.minutes, override.days
        week = assess_week(
            number=number,
            start=start,
            days=days,
            target_minutes=T,
            target_days=D,
            prev_pain=prev_pain,
        )
        new.append(week)
        if week.week_pain is not None:
            prev_pain = week.week_pain
        T, D = week.next_minutes, week.next_days
    weeks = (*known, *new) if new else known

    start, end = week_bounds(plan.start_date, current_number - 1)
    override = plan.target_for(current_number - 1)
    if override is not None:
        T, D = override.minutes, override.days
    so_far = days_between(days, start, today)
    today_day = days.get(today)
    current = CurrentWeek(
        number=current_number,
        start=start,
        end=end,
        target_minutes=T,
        target_days=D,
        days_met=sum(1 for d in so_far if d.minutes >= T),
        minutes_walked=sum(d.minutes for d in so_far),
        today_minutes=today_day.minutes if today_day else 0,
        set_by=SET_BY_PLAN if override is None else SET_BY_CLINICIAN,
    )
    warnings = find_warnings(
        days=days,
        today=today,
        plan_start=plan.start_date,
        week1_pain=weeks[0].week_pain if len(weeks) else None,
        health_check_due=health_check_due,
        seen_on=seen_on,
    )
    return Progress(
        today=today,
        plan=plan,
        current_week=current,
        weeks=weeks,
        warnings=warnings,
    )


def first_day_needed(*, plan: PlanSettings | None, known_weeks: int, today: date) -> date:
    """The earliest day `evaluate` needs to read, given `known_weeks` assessed
    weeks: the first unassessed week, or the warnings' longest window."""
    window = today - timedelta(days=days_needed() - 1)
    if plan is None:
        return window
    first_open, _end = week_bounds(plan.start_date, known_weeks)
    return min(first_open, window)
