"""The per-patient summary a clinician's panel reads (walks.models.PatientSummary).

Every write that can change what the panel shows calls `refresh` inside its
own transaction: entries (through `record_change` here), the plan, doctor
visits, the health background, walking days and clinician targets. The
questionnaires write their own columns with `set_scores`.

A summary must stay true on later days without a write, so it is worked out
for each day from the write's date until every warning window has closed
(`HORIZON_DAYS`): no entry can appear in that time without another write.
After the horizon nothing in the diary can raise a warning any more, and the
panel carries the last day forward (the week count moves on, targets hold:
an empty week holds its targets).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from walks import clock, guidance, redflags, rules
from walks.diary import days_between, mean_pain
from walks.models import PatientSummary
from walks.services import weekcache
from walks.services.progress import patient_progress

HORIZON_DAYS = redflags.days_needed() + 1  # day 0 and every day a window can still be open
PAIN_UP = redflags.MEANINGFUL_PAIN_CHANGE
INACTIVE_DAYS = 7  # "7 or more days without an entry"
FOREVER = date.max


def record_change(*, user_id: int, day: date, user=None) -> None:
    """The diary changed from `day` on: move its version on and refresh the
    summary. Call inside the writing transaction (`user`, when the caller has
    it, saves loading it again)."""
    weekcache.record_change(user_id=user_id, day=day)
    refresh(user if user is not None else user_id)


def pain_change(days, day: date) -> Fraction | None:
    """The mean pain of the 7 days to `day` against the 7 days before, when
    both have any pain value."""
    window = redflags.PAIN_WINDOW_DAYS
    recent = mean_pain(days_between(days, day - timedelta(days=window - 1), day))
    before = mean_pain(
        days_between(days, day - timedelta(days=2 * window - 1), day - timedelta(days=window))
    )
    if recent is None or before is None:
        return None
    return recent - before


def _span(days: list[date]) -> tuple[date | None, date | None]:
    """First and last of the days a reason for attention holds; open-ended
    when it still holds on the horizon's last day."""
    if not days:
        return None, None
    return days[0], days[-1]


def refresh(user_or_id, *, today: date | None = None) -> PatientSummary:
    """Work the summary out again from the diary (2 queries and one write;
    the user and their profile too when only an id is given)."""
    user = user_or_id
    if isinstance(user_or_id, int):
        user = get_user_model().objects.get(pk=user_or_id)
    today = today or clock.patient_today(user)
    result = patient_progress(user, today=today, daily_days=1, store=False)
    state = result.state
    first = result.progress
    if result.fresh_weeks:
        # The weeks just assessed are this version's once the write commits:
        # keep them then (never before: a rolled-back version's weeks must
        # not reach the cache), so the next write reuses them.
        user_id, weeks = user.pk, first.weeks
        transaction.on_commit(lambda: weekcache.store_weeks(user_id, state, weeks))
    timeline, urgent, doctor, pain_up = [], [], [], []
    # The weeks that end within the horizon, assessed once (no entry can be
    # added to them without another write); each day below only slices them.
    far = _progress_on(state, result.days, today + timedelta(days=HORIZON_DAYS - 1), first.weeks)
    for offset in range(HORIZON_DAYS):
        day = today + timedelta(days=offset)
        progress = first if offset == 0 else _progress_on(state, result.days, day, far.weeks)
        advice = guidance.guidance(
            progress, rest_advised=result.rest_advised, walking_days=result.walking_days
        )
        levels = {w.level for w in progress.warnings}
        if levels & {redflags.URGENT, redflags.SAME_DAY}:
            urgent.append(day)
        if redflags.DOCTOR in levels:
            doctor.append(day)
        change = pain_change(result.days, day)
        if change is not None and change >= PAIN_UP:
            pain_up.append(day)
        week = progress.current_week
        timeline.append(
            [
                advice.state,
                week.number if week else None,
                week.target_minutes if week else None,
                week.target_days if week else None,
                week.days_met if week else 0,
                week.minutes_walked if week else 0,
                week.set_by if week else rules.SET_BY_PLAN,
                None if change is None else round(float(change), 1),
            ]
        )
    last_day = today + timedelta(days=HORIZON_DAYS - 1)

    def until(days):
        start, end = _span(days)
        return start, (FOREVER if end == last_day else end)

    pain_from, pain_until = until(pain_up)
    values = {
        "computed_on": today,
        "plan_start": first.plan.start_date if first.plan else None,
        "last_entry_on": state.last_entry,
        "walking_days": sorted(result.walking_days) if result.walking_days else None,
        "timeline": timeline,
        "urgent_until": until(urgent)[1],
        "doctor_until": until(doctor)[1],
        "pain_up_from": pain_from,
        "pain_up_until": pain_until,
        "updated_at": timezone.now(),
    }
    # One UPDATE in the usual case; the first write makes the row.
    if not PatientSummary.objects.filter(user_id=user.pk).update(**values):
        try:
            with transaction.atomic():
                return PatientSummary.objects.create(user_id=user.pk, **values)
        except IntegrityError:  # made by a concurrent first write
            PatientSummary.objects.filter(user_id=user.pk).update(**values)
    return PatientSummary(user_id=user.pk, **values)


def _progress_on(state: weekcache.DiaryState, days, day: date, weeks) -> rules.Progress:
    """The progress on a later `day` with no new entries, reusing the weeks
    already assessed (the diary loaded for today covers every open week)."""
    return rules.evaluate(
        plan=state.plan,
        days=days,
        today=day,
        known_weeks=weeks,
        health_check_due=state.health_check_due,
        seen_on=state.seen_on,
    )


def set_scores(
    *, user_id: int, back_function=None, back_function_change=None, outlook_band=None
) -> None:
    """The questionnaires' columns; the diary's stay as they are. Only the
    arguments given change."""
    values = {
        name: value
        for name, value in (
            ("back_function", back_function),
            ("back_function_change", back_function_change),
            ("outlook_band", outlook_band),
        )
        if value is not None
    }
    if not PatientSummary.objects.filter(user_id=user_id).exists():
        refresh(user_id)
    PatientSummary.objects.filter(user_id=user_id).update(**values)


@dataclass(frozen=True)
class Today:
    """A summary read on a given day (the panel's row)."""

    state: str
    week: int | None
    target_minutes: int | None
    target_days: int | None
    days_met: int
    minutes_walked: int
    set_by: str
    pain_change: float | None
    days_since_entry: int | None


def as_of(summary: PatientSummary, today: date) -> Today:
    """What the summary says on `today`: its own day from the timeline, or
    after the horizon the last day carried forward."""
    since = None if summary.last_entry_on is None else (today - summary.last_entry_on).days
    offset = (today - summary.computed_on).days
    timeline = summary.timeline or [[guidance.START, None, None, None, 0, 0, "plan", None]]
    state, week, minutes, days, met, walked, set_by, change = timeline[
        min(max(offset, 0), len(timeline) - 1)
    ]
    if offset >= len(timeline):
        # Beyond the horizon: no window is open and no entry was made since.
        if summary.plan_start is not None and week is not None:
            new_week = rules.week_index(summary.plan_start, today) + 1
            if new_week != week:
                week, met, walked, set_by = new_week, 0, 0, rules.SET_BY_PLAN
        if state in (guidance.WALK, guidance.REST_DAY, guidance.DONE):
            chosen = summary.walking_days
            state = (
                guidance.REST_DAY
                if chosen is not None and today.weekday() not in chosen
                else guidance.WALK
            )
        change = None
    return Today(state, week, minutes, days, met, walked, set_by, change, since)
