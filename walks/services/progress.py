"""The bridge between the database and the rules, for reading progress.

`patient_progress` loads the plan and the diary's version (one query), reuses
the weeks already assessed (walks/services/weekcache.py), reads the entries
grouped per day from the first week not yet assessed (one query) and hands
plain data to `walks.rules`. It writes nothing to the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from accounts.profiles import profile_for
from walks import daily, diary, guidance, rules, selectors, wording
from walks.services import weekcache


@dataclass(frozen=True)
class PatientProgress:
    progress: rules.Progress
    days: dict[date, diary.Day]
    rest_advised: bool = False  # the latest doctor visit advised rest
    walking_days: frozenset[int] | None = None  # the weekdays the patient chose, if any
    state: weekcache.DiaryState | None = None  # what the diary's state row said
    fresh_weeks: bool = False  # the weeks are not yet in the cache under this version

    @cached_property
    def guidance(self) -> guidance.Guidance:
        """Today's advice, the one every surface reads (walks/guidance.py)."""
        return guidance.guidance(
            self.progress, rest_advised=self.rest_advised, walking_days=self.walking_days
        )

    def daily(self, count: int = rules.DEFAULT_DAILY_DAYS, *, include_empty=False):
        return daily.daily_rows(
            progress=self.progress, days=self.days, count=count, include_empty=include_empty
        )


def patient_progress(
    user, *, today: date, daily_days: int = rules.DEFAULT_DAILY_DAYS, store: bool = True
) -> PatientProgress:
    """Everything the dashboard and /progress.json show, as of `today` (the
    patient's local date). Two queries whatever the diary's length.

    `store=False` inside a writing transaction: weeks read there may belong
    to a version that is rolled back, so they must not reach the cache."""
    state = selectors.diary_state(user)
    known, stored = weekcache.lookup(user.pk, state, today)
    since = rules.first_day_needed(plan=state.plan, known_weeks=len(known), today=today)
    since = min(since, today - timedelta(days=daily_days - 1))
    days = selectors.load_days(user, since=since)
    progress = rules.evaluate(
        plan=state.plan,
        days=days,
        today=today,
        known_weeks=known,
        health_check_due=state.health_check_due,
        seen_on=state.seen_on,
    )
    fresh = len(progress.weeks) > 0 and (len(progress.weeks) > len(known) or not stored)
    if store and fresh:
        weekcache.store_weeks(user.pk, state, progress.weeks)
    return PatientProgress(
        progress=progress,
        days=days,
        rest_advised=state.rest_advised,
        walking_days=profile_for(user).walking_weekdays,
        state=state,
        fresh_weeks=fresh and not store,
    )


@dataclass(frozen=True)
class TodaysTarget:
    """What a reminder and the calendar feed say about a patient's day."""

    target_minutes: int | None  # None before the plan starts
    target_days: int | None
    guidance: guidance.Guidance  # today's advice, as every other surface shows it

    @property
    def walk_today(self) -> bool:
        return self.guidance.walk_today

    @property
    def message(self) -> str:
        """Today's advice in the active language."""
        return wording.guidance_message(self.guidance)


def todays_target(user, day: date) -> TodaysTarget:
    result = patient_progress(user, today=day, daily_days=1)
    week = result.progress.current_week
    return TodaysTarget(
        target_minutes=week.target_minutes if week else None,
        target_days=week.target_days if week else None,
        guidance=result.guidance,
    )


def progress_json(result: PatientProgress, *, days: int) -> dict:
    """The /progress.json document (format in progression.md)."""
    p = result.progress

    def pain(value):
        return None if value is None else round(float(value), 1)

    return {
        "today": p.today.isoformat(),
        "guidance": {
            "state": result.guidance.state,
            "walk_today": result.guidance.walk_today,
            "message": wording.guidance_message(result.guidance),
        },
        "plan": None
        if p.plan is None
        else {
            "start_date": p.plan.start_date.isoformat(),
            "start_minutes": p.plan.start_minutes,
            "goal_minutes": rules.GOAL_MINUTES,
            "goal_days": rules.GOAL_DAYS,
        },
        "current_week": None
        if p.current_week is None
        else {
            "number": p.current_week.number,
            "start": p.current_week.start.isoformat(),
            "end": p.current_week.end.isoformat(),
            "target_minutes": p.current_week.target_minutes,
            "target_days": p.current_week.target_days,
            "days_met": p.current_week.days_met,
            "minutes_walked": p.current_week.minutes_walked,
            "set_by": p.current_week.set_by,
        },
        "weeks": [
            {
                "number": w.number,
                "start": w.start.isoformat(),
                "end": w.end.isoformat(),
                "target_minutes": w.target_minutes,
                "target_days": w.target_days,
                "days_met": w.days_met,
                "minutes_walked": w.minutes_walked,
                "week_pain": pain(w.week_pain),
                "max_pain": w.max_pain,
                "decision": w.decision,
                "reasons": wording.reasons_text(w),
            }
            for w in p.weeks
        ],
        "goal_met": p.goal_met,
        "warnings": [
            {"level": w.level, "code": w.code, "message": wording.warning_message(w)}
            for w in p.warnings
        ],
        "daily": [
            {
                "date": row.date.isoformat(),
                "minutes": row.minutes,
                "target_minutes": row.target_minutes,
                "pain_before": row.pain_before,
                "pain_after": row.pain_after,
            }
            for row in result.daily(days)
        ],
    }


def daily_days(raw: str | None) -> int | None:
    """The `days` query parameter of the progress document: 1-3660, default
    56 when it is absent; None when it is anything else (an empty value too)."""
    if raw is None:
        return rules.DEFAULT_DAILY_DAYS
    try:
        days = int(raw)
    except ValueError:
        return None
    return days if 1 <= days <= rules.MAX_DAILY_DAYS else None


DAYS_MESSAGE = f"days must be a whole number from 1 to {rules.MAX_DAILY_DAYS}."
