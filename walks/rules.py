"""The walking plan and the red-flag warnings, as plain Python.

Nothing here imports Django or reads the clock: callers pass the diary (one
`Day` summary per calendar day), the plan settings and `today`, and get frozen
results back. The numbers follow the design contract (progression.md); the
ones that contract leaves open are marked "our choice" below.

Pain means are kept as `Fraction`s so that thresholds such as "rose by 2
points" compare exactly (4.1 - 2.1 is not 2.0 in floating point).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction
from typing import NamedTuple

# --- Constants --------------------------------------------------------------
GOAL_MINUTES = 30
GOAL_DAYS = 5
START_DAYS = 3
STEP_MINUTES = 5
MIN_MINUTES = 10
MIN_START_MINUTES = 10
MAX_START_MINUTES = 15
DAYS_PER_WEEK = 7

SEVERE_PAIN = 7  # 7-10 on the 0-10 scale is severe
MAX_PAIN_TO_PROGRESS = 5  # traffic-light model: 6 or more is too much
MEANINGFUL_PAIN_CHANGE = 2  # smallest change that matters in back pain
SYMPTOM_WINDOW_DAYS = 14
PAIN_WINDOW_DAYS = 7
MIN_PAIN_DAYS_FOR_TREND = 2
PERSISTENT_AFTER_DAYS = 42
PERSISTENT_PAIN_LEVEL = 4
# Our choice: when week 1 has no pain data, persistent pain cannot be shown to
# have improved, so the warning is given (the safer side).
DEFAULT_DAILY_DAYS = 56
MAX_DAILY_DAYS = 3660

# --- Vocabulary -------------------------------------------------------------
PROGRESS = "progress"
HOLD = "hold"
STEP_BACK = "step_back"
PAUSE = "pause"
GOAL_MET = "goal_met"

URGENT = "urgent"
DOCTOR = "doctor"
CAUTION = "caution"
LEVEL_ORDER = {URGENT: 0, DOCTOR: 1, CAUTION: 2}

SYMPTOMS = (
    "numbness_or_tingling",
    "difficulty_walking_or_standing",
    "after_injury_or_fall",
    "saddle_numbness",
    "bladder_or_bowel_change",
)
URGENT_SYMPTOMS = ("saddle_numbness", "bladder_or_bowel_change")
SYMPTOM_WORDS = {
    "numbness_or_tingling": "numbness or tingling in the legs",
    "difficulty_walking_or_standing": "difficulty walking or standing",
    "after_injury_or_fall": "pain after an injury or fall",
    "saddle_numbness": "numbness around the groin, buttocks or inner thighs",
    "bladder_or_bowel_change": "a change in bladder or bowel control",
}

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
        "Please see a doctor soon to have it checked. Your plan will not step up "
        "while this is recent."
    ),
    "difficulty_walking_or_standing": (
        "You reported difficulty walking or standing in the last two weeks. "
        "Please see a doctor soon. Your plan will not step up while this is recent."
    ),
    "after_injury_or_fall": (
        "You reported pain after an injury or fall in the last two weeks. "
        "Please have it checked by a doctor before you build up your walking."
    ),
    "severe_pain": (
        "You recorded severe pain (7 or more out of 10) in the last 7 days. "
        "Please see a doctor soon. Your plan will not step up while pain is this high."
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


# --- Inputs -----------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class WalkEntry:
    date: date
    minutes: int
    pain_before: int
    pain_after: int
    stopped_for_sharp_pain: bool = False
    symptoms: frozenset[str] = frozenset()


@dataclass(frozen=True, kw_only=True)
class CheckInEntry:
    date: date
    pain: int
    symptoms: frozenset[str] = frozenset()


@dataclass(frozen=True, kw_only=True)
class Day:
    """Everything the rules need to know about one calendar day."""

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


@dataclass(frozen=True, kw_only=True)
class PlanSettings:
    start_date: date
    start_minutes: int = MIN_MINUTES


# --- Results ----------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class Week:
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
    reasons: tuple[str, ...]
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

    @property
    def today_met(self) -> bool:
        return self.today_minutes >= self.target_minutes


@dataclass(frozen=True, kw_only=True)
class Warning:
    level: str
    code: str
    message: str


@dataclass(frozen=True, kw_only=True)
class Progress:
    today: date
    plan: PlanSettings | None
    current_week: CurrentWeek | None
    weeks: tuple[Week, ...]
    warnings: tuple[Warning, ...]
    week_targets: tuple[tuple[int, int], ...] = field(repr=False)

    @property
    def goal_met(self) -> bool:
        return bool(self.weeks) and self.weeks[-1].decision == GOAL_MET

    @property
    def last_week(self) -> Week | None:
        return self.weeks[-1] if self.weeks else None

    def target_on(self, day: date) -> int | None:
        """The daily target in force on `day`, or None outside the plan."""
        if self.plan is None or day < self.plan.start_date:
            return None
        index = (day - self.plan.start_date).days // DAYS_PER_WEEK
        if index >= len(self.week_targets):
            return None
        return self.week_targets[index][0]


class DailyRow(NamedTuple):
    """One day of the chart series (a tuple: there can be thousands)."""

    date: date
    minutes: int
    target_minutes: int | None
    pain_before: float | None
    pain_after: float | None


# --- Building day summaries ---------------------------------------------------
def summarise_days(
    *, walks: Iterable[WalkEntry] = (), checkins: Iterable[CheckInEntry] = ()
) -> dict[date, Day]:
    """Fold individual entries into one `Day` per date (the database does the
    same with GROUP BY in services.py; tests check the two agree)."""
    acc: dict[date, dict] = {}

    def slot(d: date) -> dict:
        return acc.setdefault(
            d,
            dict(
                minutes=0,
                walks=0,
                pain_sum=0,
                pain_count=0,
                max_pain=None,
                pain_before_sum=0,
                pain_after_sum=0,
                stopped=False,
                symptoms=set(),
            ),
        )

    def add_pain(s: dict, *values: int) -> None:
        for v in values:
            s["pain_sum"] += v
            s["pain_count"] += 1
            s["max_pain"] = v if s["max_pain"] is None else max(s["max_pain"], v)

    for w in walks:
        s = slot(w.date)
        s["minutes"] += w.minutes
        s["walks"] += 1
        s["pain_before_sum"] += w.pain_before
        s["pain_after_sum"] += w.pain_after
        s["stopped"] = s["stopped"] or w.stopped_for_sharp_pain
        s["symptoms"] |= w.symptoms
        add_pain(s, w.pain_before, w.pain_after)
    for c in checkins:
        s = slot(c.date)
        s["symptoms"] |= c.symptoms
        add_pain(s, c.pain)

    return {
        d: Day(
            date=d,
            minutes=s["minutes"],
            walks=s["walks"],
            pain_sum=s["pain_sum"],
            pain_count=s["pain_count"],
            max_pain=s["max_pain"],
            pain_before_sum=s["pain_before_sum"],
            pain_after_sum=s["pain_after_sum"],
            stopped_for_sharp_pain=s["stopped"],
            symptoms=frozenset(s["symptoms"]),
        )
        for d, s in acc.items()
    }


# --- Helpers ------------------------------------------------------------------
def _days_between(days: Mapping[date, Day], first: date, last: date) -> list[Day]:
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


def _fmt(value: Fraction) -> str:
    return f"{float(value):.1f}"


def _day_words(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


# --- Weekly decisions ---------------------------------------------------------
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
    end = start + timedelta(days=DAYS_PER_WEEK - 1)
    in_week = _days_between(days, start, end)
    days_met = sum(1 for d in in_week if d.minutes >= target_minutes)
    minutes = sum(d.minutes for d in in_week)
    week_pain = mean_pain(in_week)
    pains = [d.max_pain for d in in_week if d.max_pain is not None]
    max_pain = max(pains) if pains else None
    symptoms = frozenset().union(*(d.symptoms for d in in_week))
    stopped = any(d.stopped_for_sharp_pain for d in in_week)
    walked = any(d.walks for d in in_week)
    walked_words = f"walked {target_minutes}+ minutes on {days_met} of {target_days} planned days"

    T, D = target_minutes, target_days
    reasons: list[str]
    if symptoms or (max_pain is not None and max_pain >= SEVERE_PAIN):
        decision = PAUSE
        reasons = [f"{SYMPTOM_WORDS[s]} was reported" for s in SYMPTOMS if s in symptoms]
        if max_pain is not None and max_pain >= SEVERE_PAIN:
            reasons.append(f"pain reached {max_pain} out of 10 (7 or more is severe)")
        reasons.append("the plan pauses at the same target until this settles")
    elif stopped or (
        week_pain is not None
        and prev_pain is not None
        and week_pain - prev_pain >= MEANINGFUL_PAIN_CHANGE
    ):
        decision = STEP_BACK
        reasons = []
        if stopped:
            reasons.append("a walk was stopped because of sharp pain")
        if (
            week_pain is not None
            and prev_pain is not None
            and week_pain - prev_pain >= MEANINGFUL_PAIN_CHANGE
        ):
            reasons.append(
                f"average pain rose from {_fmt(prev_pain)} to {_fmt(week_pain)} (2 points or more)"
            )
        T = max(MIN_MINUTES, T - STEP_MINUTES)
        reasons.append(f"walks are shortened to {T} minutes for the next week")
    elif days_met >= D and max_pain is not None and max_pain <= MAX_PAIN_TO_PROGRESS:
        reasons = [walked_words, f"pain stayed at {max_pain} or below"]
        if T == GOAL_MINUTES and D == GOAL_DAYS:
            decision = GOAL_MET
            reasons.append("you are walking 30 minutes on 5 days a week: keep it up")
        else:
            decision = PROGRESS
            T = min(GOAL_MINUTES, T + STEP_MINUTES)
            D = min(GOAL_DAYS, D + 1)
            reasons.append(f"next week: {T} minutes on {_day_words(D)}")
    else:
        decision = HOLD
        if not walked:
            reasons = ["no walks were logged this week"]
        else:
            reasons = []
            if days_met < D:
                reasons.append(walked_words + ", fewer than planned")
            if max_pain is not None and max_pain > MAX_PAIN_TO_PROGRESS:
                reasons.append(
                    f"pain reached {max_pain} out of 10; the plan builds only while"
                    f" pain stays at {MAX_PAIN_TO_PROGRESS} or below"
                )
        reasons.append("the target stays the same for the next week")

    return Week(
        number=number,
        start=start,
        end=end,
        target_minutes=target_minutes,
        target_days=target_days,
        days_met=days_met,
        minutes_walked=minutes,
        week_pain=week_pain,
        max_pain=max_pain,
        decision=decision,
        reasons=tuple(reasons),
        next_minutes=T,
        next_days=D,
    )


# --- Warnings -----------------------------------------------------------------
def find_warnings(
    *,
    days: Mapping[date, Day],
    today: date,
    plan: PlanSettings | None,
    week1_pain: Fraction | None = None,
) -> tuple[Warning, ...]:
    """Red flags as of `today`, most urgent first.

    `days` must cover the last 14 days. For persistent pain, pass week 1's
    week_pain when known; otherwise it is computed from `days`.
    """
    last7 = _days_between(days, today - timedelta(days=6), today)
    prev7 = _days_between(days, today - timedelta(days=13), today - timedelta(days=7))
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
        plan is not None
        and plan.start_date <= today - timedelta(days=PERSISTENT_AFTER_DAYS)
        and last7_pain is not None
        and last7_pain >= PERSISTENT_PAIN_LEVEL
    ):
        week1 = mean_pain(_days_between(days, plan.start_date, plan.start_date + timedelta(days=6)))
        if week1 is None or week1 - last7_pain < MEANINGFUL_PAIN_CHANGE:
            found.append(_warning(DOCTOR, "persistent_pain"))

    if any(d.stopped_for_sharp_pain for d in last7):
        found.append(_warning(CAUTION, "sharp_pain"))

    return tuple(sorted(found, key=lambda w: LEVEL_ORDER[w.level]))


def _warning(level: str, code: str) -> Warning:
    return Warning(level=level, code=code, message=WARNING_MESSAGES[code])


# --- The whole picture --------------------------------------------------------
def evaluate(
    *,
    plan: PlanSettings | None,
    days: Mapping[date, Day],
    today: date,
    known_weeks: Sequence[Week] = (),
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
            warnings=find_warnings(days=days, today=today, plan=plan),
            week_targets=(),
        )

    current_number = (today - plan.start_date).days // DAYS_PER_WEEK + 1
    weeks: list[Week] = []
    for number, week in enumerate(known_weeks, start=1):
        if week.number != number or number >= current_number:
            break
        weeks.append(week)

    T, D = plan.start_minutes, START_DAYS
    prev_pain: Fraction | None = None
    for week in weeks:
        T, D = week.next_minutes, week.next_days
        if week.week_pain is not None:
            prev_pain = week.week_pain
    for number in range(len(weeks) + 1, current_number):
        start = plan.start_date + timedelta(days=DAYS_PER_WEEK * (number - 1))
        week = assess_week(
            number=number,
            start=start,
            days=days,
            target_minutes=T,
            target_days=D,
            prev_pain=prev_pain,
        )
        weeks.append(week)
        if week.week_pain is not None:
            prev_pain = week.week_pain
        T, D = week.next_minutes, week.next_days
    targets = [(w.target_minutes, w.target_days) for w in weeks] + [(T, D)]

    start = plan.start_date + timedelta(days=DAYS_PER_WEEK * (current_number - 1))
    so_far = _days_between(days, start, today)
    today_day = days.get(today)
    current = CurrentWeek(
        number=current_number,
        start=start,
        end=start + timedelta(days=DAYS_PER_WEEK - 1),
        target_minutes=T,
        target_days=D,
        days_met=sum(1 for d in so_far if d.minutes >= T),
        minutes_walked=sum(d.minutes for d in so_far),
        today_minutes=today_day.minutes if today_day else 0,
    )
    warnings = find_warnings(
        days=days, today=today, plan=plan, week1_pain=weeks[0].week_pain if weeks else None
    )
    return Progress(
        today=today,
        plan=plan,
        current_week=current,
        weeks=tuple(weeks),
        warnings=warnings,
        week_targets=tuple(targets),
    )


def first_day_needed(*, plan: PlanSettings | None, known_weeks: int, today: date) -> date | None:
    """The earliest day `evaluate` needs to read, given `known_weeks` assessed
    weeks: the first unassessed week, or the 14-day warning window."""
    window = today - timedelta(days=SYMPTOM_WINDOW_DAYS - 1)
    if plan is None:
        return window
    first_open = plan.start_date + timedelta(days=DAYS_PER_WEEK * known_weeks)
    return min(first_open, window)


def daily_rows(
    *,
    progress: Progress,
    days: Mapping[date, Day],
    count: int = DEFAULT_DAILY_DAYS,
    include_empty: bool = False,
) -> list[DailyRow]:
    """One row per day for the last `count` days, oldest first.

    By default only days with an entry appear (the JSON contract); charts ask
    for every day so that gaps show as zero-minute bars.
    """
    rows = []
    first = progress.today - timedelta(days=count - 1)
    one_day = timedelta(days=1)
    d = first
    for _ in range(count):
        day = days.get(d)
        if day is not None:
            walks = day.walks
            rows.append(
                DailyRow(
                    d,
                    day.minutes,
                    progress.target_on(d),
                    round(day.pain_before_sum / walks, 1) if walks else None,
                    round(day.pain_after_sum / walks, 1) if walks else None,
                )
            )
        elif include_empty:
            rows.append(DailyRow(d, 0, progress.target_on(d), None, None))
        d += one_day
    return rows
