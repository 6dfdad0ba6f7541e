"""The bridge between the database and the rules.

Each function loads what it needs in a fixed, small number of queries
(aggregated per day in SQL, so a long diary costs rows per day, not per
entry) and hands plain dataclasses to `walks.rules`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, IntegerField, Max, Min, Sum
from django.db.models.functions import Cast, Greatest
from django.utils import timezone

from walks import rules
from walks.models import CheckIn, Plan, Walk


def local_today() -> date:
    return timezone.localdate()


def _flag_max(name: str) -> Max:
    return Max(Cast(name, IntegerField()))


def load_days(user, *, since: date | None = None) -> dict[date, rules.Day]:
    """One `rules.Day` per date with any entry: two grouped queries."""
    symptom_aggs = {name: _flag_max(name) for name in rules.SYMPTOMS}
    walks = Walk.objects.filter(user=user)
    checkins = CheckIn.objects.filter(user=user)
    if since is not None:
        walks = walks.filter(date__gte=since)
        checkins = checkins.filter(date__gte=since)
    walk_rows = (
        walks.order_by()
        .values("date")
        .annotate(
            minutes=Sum("duration_minutes"),
            walks=Count("id"),
            before_sum=Sum("pain_before"),
            after_sum=Sum("pain_after"),
            max_pain=Max(Greatest("pain_before", "pain_after")),
            stopped=_flag_max("stopped_for_sharp_pain"),
            **symptom_aggs,
        )
    )
    checkin_rows = (
        checkins.order_by()
        .values("date")
        .annotate(
            pain_sum=Sum("pain"),
            pain_count=Count("id"),
            max_pain=Max("pain"),
            **symptom_aggs,
        )
    )
    by_date: dict[date, dict] = {}
    for row in walk_rows:
        by_date[row["date"]] = dict(
            minutes=row["minutes"],
            walks=row["walks"],
            pain_sum=row["before_sum"] + row["after_sum"],
            pain_count=2 * row["walks"],
            max_pain=row["max_pain"],
            pain_before_sum=row["before_sum"],
            pain_after_sum=row["after_sum"],
            stopped_for_sharp_pain=bool(row["stopped"]),
            symptoms={s for s in rules.SYMPTOMS if row[s]},
        )
    for row in checkin_rows:
        slot = by_date.setdefault(row["date"], dict(symptoms=set()))
        slot["pain_sum"] = slot.get("pain_sum", 0) + row["pain_sum"]
        slot["pain_count"] = slot.get("pain_count", 0) + row["pain_count"]
        slot["max_pain"] = max(slot.get("max_pain") or 0, row["max_pain"])
        slot["symptoms"] |= {s for s in rules.SYMPTOMS if row[s]}
    return {
        d: rules.Day(date=d, **{**values, "symptoms": frozenset(values["symptoms"])})
        for d, values in by_date.items()
    }


def plan_settings(user, *, days: dict[date, rules.Day] | None = None) -> rules.PlanSettings | None:
    """The explicit plan, or one starting on the earliest walk, or None.

    Pass the already loaded `days` to find the earliest walk without a query.
    """
    plan = Plan.objects.filter(user=user).first()
    if plan is not None:
        return rules.PlanSettings(start_date=plan.start_date, start_minutes=plan.start_minutes)
    if days is None:
        first = Walk.objects.filter(user=user).aggregate(first=Min("date"))["first"]
    else:
        first = min((d for d, day in days.items() if day.walks), default=None)
    if first is None:
        return None
    return rules.PlanSettings(start_date=first)


@dataclass(frozen=True)
class PatientProgress:
    progress: rules.Progress
    days: dict[date, rules.Day]

    def daily(self, count: int = rules.DEFAULT_DAILY_DAYS, *, include_empty=False):
        return rules.daily_rows(
            progress=self.progress, days=self.days, count=count, include_empty=include_empty
        )


def patient_progress(user, *, today: date | None = None) -> PatientProgress:
    """Everything the dashboard and /progress.json show, in 3 queries."""
    today = today or local_today()
    days = load_days(user)
    plan = plan_settings(user, days=days)
    progress = rules.evaluate(plan=plan, days=days, today=today)
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
