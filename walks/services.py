"""The bridge between the database and the rules.

Each function loads what it needs in a fixed, small number of queries
(aggregated per day in SQL, so a long diary costs rows per day, not per
entry) and hands plain dataclasses to `walks.rules`.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from django.db import IntegrityError, connection, transaction
from django.db.models import Case, DateField, F, Value, When
from django.utils import timezone

from walks import rules
from walks.models import EARLIEST_DATE, CheckIn, Plan, ProgressCache, Walk


def local_today() -> date:
    return timezone.localdate()


def _flag(field: str) -> str:
    # Booleans are 0/1 in SQLite and true/false in PostgreSQL; CASE reads both.
    return f"CASE WHEN {field} THEN 1 ELSE 0 END"


def _day_summary_sql() -> str:
    """One grouped query over walks and check-ins together.

    Written as SQL because it is the hot path of every dashboard: a UNION ALL
    of both tables grouped by day, where the ORM would need two queries and
    a slow compile for each. Identifiers come from the models' metadata.
    """
    walk, checkin = Walk._meta.db_table, CheckIn._meta.db_table
    # Column names come from the first SELECT of a UNION.
    walk_flags = ", ".join(f"{_flag(s)} AS s{i}" for i, s in enumerate(rules.SYMPTOMS))
    checkin_flags = ", ".join(_flag(s) for s in rules.SYMPTOMS)
    symptom_maxes = ", ".join(f"MAX(s{i})" for i, _ in enumerate(rules.SYMPTOMS))
    return f"""
        SELECT day, SUM(minutes), SUM(walks), SUM(pain_sum), SUM(pain_count), MAX(max_pain),
               SUM(before_sum), SUM(after_sum), MAX(stopped), {symptom_maxes}
        FROM (
            SELECT date AS day, duration_minutes AS minutes, 1 AS walks,
                   pain_before + pain_after AS pain_sum, 2 AS pain_count,
                   CASE WHEN pain_before > pain_after THEN pain_before ELSE pain_after END
                       AS max_pain,
                   pain_before AS before_sum, pain_after AS after_sum,
                   {_flag("stopped_for_sharp_pain")} AS stopped, {walk_flags}
            FROM {walk} WHERE user_id = %s AND date >= %s
            UNION ALL
            SELECT date, 0, 0, pain, 1, pain, 0, 0, 0, {checkin_flags}
            FROM {checkin} WHERE user_id = %s AND date >= %s
        ) AS entries
        GROUP BY day
    """  # noqa: S608  (identifiers from model metadata; values are parameters)


DAY_SUMMARY_SQL = _day_summary_sql()


def load_days(user, *, since: date | None = None) -> dict[date, rules.Day]:
    """One `rules.Day` per date with any entry, from `since` on: one query."""
    since = since or EARLIEST_DATE
    with connection.cursor() as cursor:
        cursor.execute(DAY_SUMMARY_SQL, [user.pk, since, user.pk, since])
        rows = cursor.fetchall()
    days = {}
    for row in rows:
        day = as_date(row[0])
        walks = int(row[2])
        days[day] = rules.Day(
            date=day,
            minutes=int(row[1]),
            walks=walks,
            pain_sum=int(row[3]),
            pain_count=int(row[4]),
            max_pain=int(row[5]),
            pain_before_sum=int(row[6]),
            pain_after_sum=int(row[7]),
            stopped_for_sharp_pain=bool(row[8]),
            symptoms=frozenset(s for s, flag in zip(rules.SYMPTOMS, row[9:], strict=True) if flag),
        )
    return days


@dataclass(frozen=True)
class CacheState:
    version: int
    start_date: date | None
    start_minutes: int | None
    dirty_from: date | None


def _state_sql() -> str:
    """The plan, the first walk's date and the cache's bookkeeping: one row.

    SQL rather than the ORM because every dashboard runs it and the ORM's
    compile step costs more than the query; identifiers come from model
    metadata and values are parameters.
    """
    plan, cache, walk = (m._meta.db_table for m in (Plan, ProgressCache, Walk))
    return f"""
        SELECT p.start_date, p.start_minutes,
               (SELECT MIN(w.date) FROM {walk} w WHERE w.user_id = %s),
               c.version, c.start_date, c.start_minutes, c.dirty_from
        FROM (SELECT 1 AS one) AS o
        LEFT JOIN {plan} p ON p.user_id = %s
        LEFT JOIN {cache} c ON c.user_id = %s
    """  # noqa: S608


STATE_SQL = _state_sql()


def as_date(value) -> date | None:
    """A date from the database or a form, whether a date object or ISO text."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])  # SQLite hands back text


def _plan_and_cache(user) -> tuple[rules.PlanSettings | None, CacheState | None]:
    """The plan in force and the cache's bookkeeping, in one query."""
    with connection.cursor() as cursor:
        cursor.execute(STATE_SQL, [user.pk, user.pk, user.pk])
        start, minutes, first_walk, version, c_start, c_minutes, dirty = cursor.fetchone()
    if start is not None:
        plan = rules.PlanSettings(start_date=as_date(start), start_minutes=int(minutes))
    elif first_walk is not None:
        plan = rules.PlanSettings(start_date=as_date(first_walk))
    else:
        plan = None
    cache = None
    if version is not None:
        cache = CacheState(
            version=int(version),
            start_date=as_date(c_start),
            start_minutes=c_minutes,
            dirty_from=as_date(dirty),
        )
    return plan, cache


def plan_settings(user) -> rules.PlanSettings | None:
    """The explicit plan, or one starting on the earliest walk, or None."""
    return _plan_and_cache(user)[0]


# --- The cache of assessed weeks ------------------------------------------------------
def _week_to_json(week: rules.Week) -> dict:
    return {
        "number": week.number,
        "start": week.start.isoformat(),
        "target_minutes": week.target_minutes,
        "target_days": week.target_days,
        "days_met": week.days_met,
        "minutes_walked": week.minutes_walked,
        "week_pain": None if week.week_pain is None else str(week.week_pain),
        "max_pain": week.max_pain,
        "decision": week.decision,
        "reasons": list(week.reasons),
        "next_minutes": week.next_minutes,
        "next_days": week.next_days,
    }


def _week_from_json(raw: dict) -> rules.Week:
    start = date.fromisoformat(raw["start"])
    return rules.Week(
        number=raw["number"],
        start=start,
        end=start + timedelta(days=rules.DAYS_PER_WEEK - 1),
        target_minutes=raw["target_minutes"],
        target_days=raw["target_days"],
        days_met=raw["days_met"],
        minutes_walked=raw["minutes_walked"],
        week_pain=None if raw["week_pain"] is None else Fraction(raw["week_pain"]),
        max_pain=raw["max_pain"],
        decision=raw["decision"],
        reasons=tuple(raw["reasons"]),
        next_minutes=raw["next_minutes"],
        next_days=raw["next_days"],
    )


# Decoded weeks per patient, kept in this process and keyed by the cache row's
# version (bumped on every change), so a long history is decoded once, not on
# every request. Bounded: the oldest entries are dropped first.
_DECODED: dict[int, tuple[int, tuple[rules.Week, ...]]] = {}
_DECODED_MAX = 1000


def _decoded_weeks(user, cache: CacheState) -> tuple[rules.Week, ...]:
    hit = _DECODED.get(user.pk)
    if hit is not None and hit[0] == cache.version:
        return hit[1]
    raw = (
        ProgressCache.objects.filter(user=user, version=cache.version)
        .values_list("weeks", flat=True)
        .first()
    )
    weeks = tuple(_week_from_json(w) for w in raw or ())
    if raw is not None:
        _remember(user, cache.version, weeks)
    return weeks


def _remember(user, version: int, weeks) -> None:
    _DECODED.pop(user.pk, None)
    if len(_DECODED) >= _DECODED_MAX:
        _DECODED.pop(next(iter(_DECODED)))
    _DECODED[user.pk] = (version, tuple(weeks))


def _cached_weeks(user, cache: CacheState | None, plan, today) -> tuple[rules.Week, ...]:
    if (
        cache is None
        or plan is None
        or (cache.start_date, cache.start_minutes) != (plan.start_date, plan.start_minutes)
    ):
        return ()
    weeks = _decoded_weeks(user, cache)
    usable = len(weeks)
    while usable and (
        weeks[usable - 1].end >= today
        or (cache.dirty_from is not None and weeks[usable - 1].end >= cache.dirty_from)
    ):
        usable -= 1
    return weeks[:usable]


def _store_weeks(user, cache: CacheState | None, plan, weeks) -> None:
    """Save newly assessed weeks, unless an entry changed since we read the cache."""
    data = [_week_to_json(w) for w in weeks]
    fields = dict(start_date=plan.start_date, start_minutes=plan.start_minutes, weeks=data)
    version = _new_version()
    if cache is None:
        try:
            with transaction.atomic():
                ProgressCache.objects.create(user=user, version=version, **fields)
        except IntegrityError:
            return  # another request got there first; its copy is as good
    else:
        # Compare-and-set on the version: invalidate_progress changes it, so
        # weeks assessed from data that changed meanwhile are never stored.
        stored = ProgressCache.objects.filter(user=user, version=cache.version).update(
            dirty_from=None, version=version, **fields
        )
        if not stored:
            return
    _remember(user, version, weeks)


def _new_version() -> int:
    return secrets.randbits(62)


def invalidate_progress(user_id: int, day: date) -> None:
    """An entry dated `day` changed: cached weeks ending on or after it are stale."""
    day = as_date(day)  # an entry saved with a date string has not been converted yet
    changes = dict(
        version=_new_version(),
        dirty_from=Case(
            When(dirty_from__lt=day, then=F("dirty_from")),
            default=Value(day, output_field=DateField()),
        ),
    )
    if ProgressCache.objects.filter(user_id=user_id).update(**changes):
        return
    try:
        with transaction.atomic():
            ProgressCache.objects.create(user_id=user_id, dirty_from=day, version=_new_version())
    except IntegrityError:
        ProgressCache.objects.filter(user_id=user_id).update(**changes)


@dataclass(frozen=True)
class PatientProgress:
    progress: rules.Progress
    days: dict[date, rules.Day]

    def daily(self, count: int = rules.DEFAULT_DAILY_DAYS, *, include_empty=False):
        return rules.daily_rows(
            progress=self.progress, days=self.days, count=count, include_empty=include_empty
        )


def patient_progress(
    user, *, today: date | None = None, daily_days: int = rules.DEFAULT_DAILY_DAYS
) -> PatientProgress:
    """Everything the dashboard and /progress.json show.

    Two queries whatever the diary's length: the plan with the cache's
    bookkeeping, and the entries grouped per day, read only from the first
    week not yet assessed (or the chart window, if earlier). Weeks already
    assessed come from the cache (decoded once per process and version).
    """
    today = today or local_today()
    plan, cache = _plan_and_cache(user)
    known = _cached_weeks(user, cache, plan, today)
    since = rules.first_day_needed(plan=plan, known_weeks=len(known), today=today)
    since = min(since, today - timedelta(days=daily_days - 1))
    days = load_days(user, since=since)
    progress = rules.evaluate(plan=plan, days=days, today=today, known_weeks=known)
    if plan is not None and len(progress.weeks) > len(known):
        _store_weeks(user, cache, plan, progress.weeks)
    return PatientProgress(progress=progress, days=days)


def progress_json(result: PatientProgress, *, days: int) -> dict:
    """The /progress.json document (format in progression.md)."""
    p = result.progress

    def pain(value):
        return None if value is None else round(float(value), 1)

    return {
        "today": p.today.isoformat(),
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
                "reasons": list(w.reasons),
            }
            for w in p.weeks
        ],
        "goal_met": p.goal_met,
        "warnings": [{"level": w.level, "code": w.code, "message": w.message} for w in p.warnings],
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


DECISION_TITLES = {
    rules.PROGRESS: "Step up",
    rules.HOLD: "Hold steady",
    rules.STEP_BACK: "Step back",
    rules.PAUSE: "Pause",
    rules.GOAL_MET: "Goal met",
}
LEVEL_TITLES = {
    rules.URGENT: "Emergency: act now",
    rules.DOCTOR: "See a doctor soon",
    rules.CAUTION: "Take care",
}


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def target_sentence(week: rules.CurrentWeek) -> str:
    return (
        f"Walk {week.target_minutes} minutes on {_days(week.target_days)}: "
        f"{week.days_met} of {week.target_days} done"
    )


def today_sentence(progress: rules.Progress) -> str:
    week = progress.current_week
    if week is None:
        if progress.plan is not None:
            return f"Your plan starts on {progress.plan.start_date:%d %B %Y}."
        return "Log your first walk and your plan starts that day."
    if week.today_minutes == 0:
        return f"No walk logged today yet. Today's target is {week.target_minutes} minutes."
    if week.today_met:
        return (
            f"Today you walked {week.today_minutes} minutes: "
            f"today's target of {week.target_minutes} minutes is met."
        )
    return (
        f"Today you walked {week.today_minutes} of {week.target_minutes} minutes: "
        f"not yet at today's target."
    )


def today_status(user) -> str:
    return today_sentence(patient_progress(user).progress)


def dashboard_context(result: PatientProgress) -> dict:
    """What the dashboard and plan pages show, computed once per request."""
    p = result.progress
    rows = result.daily(rules.DEFAULT_DAILY_DAYS, include_empty=True)
    chart = {
        "labels": [r.date.isoformat() for r in rows],
        "minutes": [r.minutes for r in rows],
        "target": [r.target_minutes for r in rows],
        "pain_before": [r.pain_before for r in rows],
        "pain_after": [r.pain_after for r in rows],
    }
    walked = [r for r in rows if r.minutes]
    met = [r for r in walked if r.target_minutes and r.minutes >= r.target_minutes]
    minutes_summary = (
        f"Daily walking minutes over the last 8 weeks: {len(walked)} days with walks, "
        f"{sum(r.minutes for r in walked)} minutes in total, "
        f"{len(met)} days at or above the day's target."
    )
    with_pain = [r for r in rows if r.pain_before is not None]
    if with_pain:
        first, last = with_pain[0], with_pain[-1]
        pain_summary = (
            f"Pain before and after walks over the last 8 weeks: on {first.date:%d %B} "
            f"{first.pain_before:g} before and {first.pain_after:g} after; on "
            f"{last.date:%d %B} {last.pain_before:g} before and {last.pain_after:g} after."
        )
    else:
        pain_summary = "No walks with pain scores in the last 8 weeks yet."
    week = p.current_week
    return {
        "progress": p,
        "current": week,
        "last_week": p.last_week,
        "last_week_title": DECISION_TITLES.get(p.last_week.decision) if p.last_week else None,
        "warnings": [
            {"level": w.level, "code": w.code, "message": w.message, "title": LEVEL_TITLES[w.level]}
            for w in p.warnings
        ],
        "target_sentence": target_sentence(week) if week else None,
        "week_percent": min(100, round(100 * week.days_met / week.target_days)) if week else 0,
        "today_sentence": today_sentence(p),
        "chart": chart,
        "minutes_summary": minutes_summary,
        "pain_summary": pain_summary,
        "goal_minutes": rules.GOAL_MINUTES,
        "goal_days": rules.GOAL_DAYS,
    }
