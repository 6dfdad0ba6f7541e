"""Small diaries for the rules' tests: entries, weeks and evaluation, no database."""

from datetime import date, timedelta

from walks import diary, rules
from walks.diary import WalkEntry
from walks.rules import PlanSettings

START = date(2026, 1, 5)


def d(offset: int, base: date = START) -> date:
    return base + timedelta(days=offset)


def walk(day: date, minutes: int = 10, before: int = 3, after: int = 3, **kw) -> WalkEntry:
    return WalkEntry(date=day, minutes=minutes, pain_before=before, pain_after=after, **kw)


def evaluate(walks=(), checkins=(), *, today, start=START, start_minutes=10):
    days = diary.summarise_days(walks=walks, checkins=checkins)
    plan = PlanSettings(start_date=start, start_minutes=start_minutes) if start else None
    return rules.evaluate(plan=plan, days=days, today=today)


def week_walks(week: int, *, count: int, minutes: int, before: int = 3, after: int = 3, **kw):
    """`count` walks on the first days of plan week `week` (1-based)."""
    first = d(7 * (week - 1))
    return [walk(first + timedelta(days=i), minutes, before, after, **kw) for i in range(count)]


def first_week(walks=(), checkins=()):
    """Evaluate with only week 1 completed and return it."""
    result = evaluate(walks, checkins, today=d(7))
    assert len(result.weeks) == 1
    return result.weeks[0]
