"""Small diaries for the rules' tests: entries, weeks and evaluation, no database.

`summarise_days` folds plain entries into one `Day` per date, as the
database's GROUP BY does in walks/selectors.py: the tests build diaries with
it, and tests/walks/test_selectors.py checks that the two agree."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from walks import rules
from walks.diary import Day
from walks.rules import PlanSettings


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


def summarise_days(
    *, walks: Iterable[WalkEntry] = (), checkins: Iterable[CheckInEntry] = ()
) -> dict[date, Day]:
    """Fold individual entries into one `Day` per date (the database does the
    same with GROUP BY in walks/selectors.py; tests check the two agree)."""
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


START = date(2026, 1, 5)


def d(offset: int, base: date = START) -> date:
    return base + timedelta(days=offset)


def walk(day: date, minutes: int = 10, before: int = 3, after: int = 3, **kw) -> WalkEntry:
    return WalkEntry(date=day, minutes=minutes, pain_before=before, pain_after=after, **kw)


def evaluate(walks=(), checkins=(), *, today, start=START, start_minutes=10):
    days = summarise_days(walks=walks, checkins=checkins)
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
