"""The bridge between the database and the rules.

Each function loads what it needs in a fixed, small number of queries
(aggregated per day in SQL, so a long diary costs rows per day, not per
entry) and hands plain dataclasses to `walks.rules`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import CharField, Value
from django.utils import timezone

from walks import rules
from walks.models import EARLIEST_DATE, CheckIn, Plan, ProgressCache, Walk, as_date
from walks.weekcache import CacheState, cached_weeks, store_weeks


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
    no_symptoms = frozenset()
    for day, minutes, walks, pain_sum, pain_count, max_pain, before, after, stopped, *flags in rows:
        day = as_date(day)
        days[day] = rules.Day(
            day,
            int(minutes),
            int(walks),
            int(pain_sum),
            int(pain_count),
            int(max_pain),
            int(before),
            int(after),
            bool(stopped),
            frozenset(s for s, f in zip(rules.SYMPTOMS, flags, strict=True) if f)
            if any(flags)
            else no_symptoms,
        )
    return days


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


HISTORY_PAGE_SIZE = 25


def history_page(user, page_number):
    """One page of walks and check-ins together, newest first: a UNION of ids
    ordered and paged in the database, then the page's rows in two queries."""
    fields = ("kind", "id", "date", "created_at")
    walks = (
        Walk.objects.filter(user=user)
        .annotate(kind=Value("walk", output_field=CharField()))
        .values_list(*fields)
        .order_by()
    )
    checkins = (
        CheckIn.objects.filter(user=user)
        .annotate(kind=Value("checkin", output_field=CharField()))
        .values_list(*fields)
        .order_by()
    )
    entries = walks.union(checkins, all=True).order_by("-date", "-created_at", "-id")
    page = Paginator(entries, HISTORY_PAGE_SIZE).get_page(page_number)
    ids = {"walk": [], "checkin": []}
    for kind, pk, *_ in page.object_list:
        ids[kind].append(pk)
    objects = {
        "walk": Walk.objects.filter(user=user).in_bulk(ids["walk"]),
        "checkin": CheckIn.objects.filter(user=user).in_bulk(ids["checkin"]),
    }
    return page, [(kind, objects[kind][pk]) for kind, pk, *_ in page.object_list]


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
    known = cached_weeks(user, cache, plan, today)
    since = rules.first_day_needed(plan=plan, known_weeks=len(known), today=today)
    since = min(since, today - timedelta(days=daily_days - 1))
    days = load_days(user, since=since)
    progress = rules.evaluate(plan=plan, days=days, today=today, known_weeks=known)
    if plan is not None and len(progress.weeks) > len(known):
        store_weeks(user, cache, plan, progress.weeks)
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
