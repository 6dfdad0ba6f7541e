"""Does hand-written code still pay for itself? Each pair is timed in one run.

Called by bench/run.py after it has seeded the five-year patient. For each
choice the app made (raw SQL where the ORM would do, positional tuples where
keywords would read better, named tuples for cached weeks), the alternative
is written out here and both are timed, interleaved, on the same data.
"""

from __future__ import annotations

import pickle
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Case, Count, IntegerField, Max, OuterRef, Subquery, Sum, When

from walks import diary, rules, selectors
from walks.models import CheckIn, Walk, as_date
from walks.services import weekcache


def _median_ms(fn, repeats: int) -> float:
    fn()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return round(statistics.median(samples) * 1000, 3)


def _pair(name: str, chosen, alternative, repeats: int, chosen_label: str, other_label: str):
    a, b = [], []
    for _ in range(5):  # interleave, so that noise hits both alike
        a.append(_median_ms(chosen, repeats))
        b.append(_median_ms(alternative, repeats))
    a_ms, b_ms = statistics.median(a), statistics.median(b)
    return {
        "what": name,
        "chosen": chosen_label,
        "chosen_ms": a_ms,
        "alternative": other_label,
        "alternative_ms": b_ms,
        "alternative_over_chosen": round(b_ms / a_ms, 2) if a_ms else None,
    }


# --- Diary state: one raw SQL statement (chosen) against the ORM ---------------------
def diary_state_orm(user) -> weekcache.DiaryState:
    """The plan in force (explicit, or from the first walk) and the diary's
    version: one query, however long the diary."""
    first_walk = Walk.objects.filter(user=OuterRef("pk")).order_by("date").values("date")[:1]
    last_walk = Walk.objects.filter(user=OuterRef("pk")).order_by("-date").values("date")[:1]
    last_checkin = CheckIn.objects.filter(user=OuterRef("pk")).order_by("-date").values("date")[:1]
    start, minutes, version, changed_from, first, last, last_check = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            first_walk=Subquery(first_walk),
            last_walk=Subquery(last_walk),
            last_checkin=Subquery(last_checkin),
        )
        .values_list(
            "plan__start_date",
            "plan__start_minutes",
            "diary_version__version",
            "diary_version__changed_from",
            "first_walk",
            "last_walk",
            "last_checkin",
        )
        .get()
    )
    last_entry = max((as_date(d) for d in (last, last_check) if d is not None), default=None)
    if start is not None:
        plan = rules.PlanSettings(start_date=start, start_minutes=minutes)
    elif first is not None:
        plan = rules.PlanSettings(start_date=as_date(first))
    else:
        plan = None
    return weekcache.DiaryState(
        plan=plan, version=version or 0, changed_from=changed_from, last_entry=last_entry
    )


# --- Day summaries: one raw UNION (chosen) against two ORM GROUP BYs -------------------
def _flag_count(name):
    return Max(Case(When(**{name: True}, then=1), default=0, output_field=IntegerField()))


def load_days_orm(user, since: date) -> dict[date, diary.Day]:
    flags = {f"s_{s}": _flag_count(s) for s in diary.SYMPTOMS}
    walks = (
        Walk.objects.filter(user=user, date__gte=since)
        .values("date")
        .order_by()
        .annotate(
            minutes=Sum("duration_minutes"),
            walks=Count("id"),
            before=Sum("pain_before"),
            after=Sum("pain_after"),
            max_before=Max("pain_before"),
            max_after=Max("pain_after"),
            stopped=_flag_count("stopped_for_sharp_pain"),
            **flags,
        )
    )
    checkins = (
        CheckIn.objects.filter(user=user, date__gte=since)
        .values("date")
        .order_by()
        .annotate(pain_sum=Sum("pain"), count=Count("id"), max_pain=Max("pain"), **flags)
    )
    acc: dict[date, dict] = defaultdict(
        lambda: dict(minutes=0, walks=0, pain_sum=0, pain_count=0, max_pain=None, before=0,
                     after=0, stopped=False, symptoms=set())
    )  # fmt: skip
    for row in walks:
        a = acc[row["date"]]
        a.update(minutes=row["minutes"], walks=row["walks"], before=row["before"])
        a.update(after=row["after"], stopped=bool(row["stopped"]))
        a["pain_sum"] += row["before"] + row["after"]
        a["pain_count"] += 2 * row["walks"]
        a["max_pain"] = max(row["max_before"], row["max_after"])
        a["symptoms"] |= {s for s in diary.SYMPTOMS if row[f"s_{s}"]}
    for row in checkins:
        a = acc[row["date"]]
        a["pain_sum"] += row["pain_sum"]
        a["pain_count"] += row["count"]
        a["max_pain"] = max(a["max_pain"] or 0, row["max_pain"])
        a["symptoms"] |= {s for s in diary.SYMPTOMS if row[f"s_{s}"]}
    return {
        d: diary.Day(
            date=d,
            minutes=a["minutes"],
            walks=a["walks"],
            pain_sum=a["pain_sum"],
            pain_count=a["pain_count"],
            max_pain=a["max_pain"],
            pain_before_sum=a["before"],
            pain_after_sum=a["after"],
            stopped_for_sharp_pain=a["stopped"],
            symptoms=frozenset(a["symptoms"]),
        )
        for d, a in acc.items()
    }


# --- Building Day: by keyword (chosen) against positional --------------------------------
def build_days(rows, *, keyword: bool):
    out = []
    if keyword:
        for r in rows:
            out.append(
                diary.Day(
                    date=r[0],
                    minutes=r[1],
                    walks=r[2],
                    pain_sum=r[3],
                    pain_count=r[4],
                    max_pain=r[5],
                    pain_before_sum=r[6],
                    pain_after_sum=r[7],
                    stopped_for_sharp_pain=r[8],
                    symptoms=r[9],
                )
            )
    else:
        for r in rows:
            out.append(diary.Day(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9]))
    return out


# --- Cached weeks: named tuples (chosen) against frozen dataclasses ----------------------
@dataclass(frozen=True, kw_only=True)
class WeekAsDataclass:
    number: int
    start: date
    end: date
    target_minutes: int
    target_days: int
    days_met: int
    minutes_walked: int
    week_pain: object
    max_pain: int | None
    decision: str
    reasons: tuple
    next_minutes: int
    next_days: int


def run(user, repeats: int = 40) -> list[dict]:
    state = selectors.diary_state(user)
    assert diary_state_orm(user) == state, "the ORM version must give the same answer"
    since = date(2000, 1, 1)
    days = selectors.load_days(user, since=since)
    assert load_days_orm(user, since) == days, "the ORM version must give the same answer"
    rows = [tuple(day) for day in days.values()]
    weeks = rules.evaluate(plan=state.plan, days=days, today=max(days)).weeks
    as_tuples = pickle.dumps(tuple(weeks), pickle.HIGHEST_PROTOCOL)
    compact = pickle.dumps(weekcache.CachedWeeks.encode(weeks), pickle.HIGHEST_PROTOCOL)

    def read_compact():
        cached = weekcache.CachedWeeks.decode(pickle.loads(compact))  # noqa: S301
        return [cached[i] for i in range(-9, 0)]  # what a dashboard reads

    as_dataclasses = pickle.dumps(
        tuple(WeekAsDataclass(**w._asdict()) for w in weeks), pickle.HIGHEST_PROTOCOL
    )
    return [
        _pair(
            "plan and diary version (every progress page)",
            lambda: selectors.diary_state(user),
            lambda: diary_state_orm(user),
            repeats,
            "raw SQL, one query",
            "ORM, one query",
        ),
        _pair(
            f"day summaries, whole diary ({len(days)} days)",
            lambda: selectors.load_days(user, since=since),
            lambda: load_days_orm(user, since),
            max(5, repeats // 4),
            "raw SQL UNION, one query",
            "ORM, two GROUP BY queries + merge",
        ),
        _pair(
            f"build {len(rows)} Day tuples",
            lambda: build_days(rows, keyword=True),
            lambda: build_days(rows, keyword=False),
            repeats,
            "by keyword",
            "positional",
        ),
        _pair(
            f"read {len(weeks)} cached weeks from the cache's bytes (every progress page)",
            read_compact,
            lambda: pickle.loads(as_tuples),  # noqa: S301
            repeats,
            "compact rows, last 9 decoded",
            "rules.Week tuples, all decoded",
        ),
        _pair(
            f"unpickle {len(weeks)} weeks as objects (what the compact rows avoid)",
            lambda: pickle.loads(as_tuples),  # noqa: S301  (our own bytes)
            lambda: pickle.loads(as_dataclasses),  # noqa: S301
            repeats,
            "named tuples",
            "frozen dataclasses",
        ),
    ]
