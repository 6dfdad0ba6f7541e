"""Completed weeks already assessed, kept in Django's cache framework.

A completed week's decision depends only on the plan and on entries up to
its last day, so it is worth computing once. The weeks are cached under a
generation key: (patient, diary version, plan). Writers never touch cached
data; in the same transaction as the entry they move the patient's
`DiaryVersion` on (`record_change`), and readers then look under the new key.
On a miss, the previous version's weeks that end before the day the change
touched are still right and are reused, so logging yesterday's walk does not
re-assess five years.

Any cache backend works: the default per-process memory cache, or a shared
one (Redis, Memcached) for several servers. The version lives in the
database, so two servers never disagree about what is current.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F

from walks import rules
from walks.models import DiaryVersion

WEEKS_TIMEOUT = 60 * 60 * 24 * 7  # a week; a miss only costs one assessment


@dataclass(frozen=True, kw_only=True)
class DiaryState:
    """The plan in force and the diary's version, as a reader sees them."""

    plan: rules.PlanSettings | None
    version: int
    changed_from: date | None
    health_check_due: bool = False
    seen_on: date | None = None  # the latest doctor visit: warnings read only later days
    rest_advised: bool = False  # ... and that visit advised rest
    unread_notes: int = 0  # clinician notes the patient has not read yet
    last_entry: date | None = None  # the newest walk's or check-in's date


def _encode_value(value):
    return (value.numerator, value.denominator) if isinstance(value, Fraction) else value


def _decode_value(value):
    return Fraction(*value) if isinstance(value, tuple) else value


# The order of encode()'s rows.
_ROW_FIELDS = ("target_minutes", "target_days", "days_met", "minutes_walked", "week_pain",
               "max_pain", "decision", "next_minutes", "next_days", "reasons")  # fmt: skip


def week_column(weeks: Sequence[rules.Week], name: str) -> Sequence:
    """`name` of each week, cheaply when the weeks came from the cache."""
    if isinstance(weeks, CachedWeeks):
        return weeks.column(name)
    return tuple(getattr(week, name) for week in weeks)


class CachedWeeks(Sequence):
    """Weeks 1..k as the cache keeps them: rows of plain numbers and strings
    (about ten times cheaper to unpickle than `rules.Week`s), decoded into a
    `Week` only when one is read. A dashboard reads the last few weeks of a
    five-year plan, not all 260 (bench/micro.py times both)."""

    __slots__ = ("_first", "_rows", "_decoded")

    def __init__(self, first: date, rows: tuple):
        self._first = first
        self._rows = rows
        self._decoded: dict[int, rules.Week] = {}

    @classmethod
    def encode(cls, weeks: Sequence[rules.Week]) -> tuple[int, tuple]:
        if isinstance(weeks, CachedWeeks):  # reused as they are: no decoding
            return weeks._first.toordinal(), weeks._rows
        rows = tuple(
            (
                w.target_minutes,
                w.target_days,
                w.days_met,
                w.minutes_walked,
                _encode_value(w.week_pain),
                w.max_pain,
                w.decision,
                w.next_minutes,
                w.next_days,
                tuple((r.code, tuple(map(_encode_value, r.values))) for r in w.reasons),
            )
            for w in weeks
        )
        return weeks[0].start.toordinal(), rows

    @classmethod
    def decode(cls, stored: tuple[int, tuple]) -> CachedWeeks:
        first, rows = stored
        return cls(date.fromordinal(first), rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self._rows))
            if start == 0 and step == 1:  # a prefix stays lazy
                return CachedWeeks(self._first, self._rows[:stop])
            return tuple(self[i] for i in range(start, stop, step))
        if index < 0:
            index += len(self._rows)
        week = self._decoded.get(index)
        if week is None:
            week = self._decoded[index] = self._decode(index)
        return week

    def column(self, name: str) -> tuple:
        """One field of every week, read from the rows without decoding a
        `Week` (the dashboard's after-the-goal card scans the whole plan)."""
        index = _ROW_FIELDS.index(name)
        return tuple(row[index] for row in self._rows)

    def _decode(self, index: int) -> rules.Week:
        minutes, days, met, walked, pain, max_pain, decision, next_minutes, next_days, reasons = (
            self._rows[index]
        )
        start, end = rules.week_bounds(self._first, index)
        return rules.Week(
            number=index + 1,
            start=start,
            end=end,
            target_minutes=minutes,
            target_days=days,
            days_met=met,
            minutes_walked=walked,
            week_pain=_decode_value(pain),
            max_pain=max_pain,
            decision=decision,
            reasons=tuple(rules.Reason(code, tuple(map(_decode_value, v))) for code, v in reasons),
            next_minutes=next_minutes,
            next_days=next_days,
        )

    def __eq__(self, other):
        if isinstance(other, Sequence):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None

    def __repr__(self):
        return f"CachedWeeks({len(self)} weeks from {self._first})"


def _key(user_id: int, version: int, plan: rules.PlanSettings) -> str:
    return f"weeks:{user_id}:{version}:{plan.start_date.isoformat()}:{plan.start_minutes}"


def _completed_prefix(weeks: CachedWeeks, before: date) -> Sequence[rules.Week]:
    """The weeks that end before `before` (weeks are 7 days from the first)."""
    if not len(weeks):
        return ()
    ended = rules.week_index(weeks._first, before)
    return weeks[: max(0, min(len(weeks), ended))]


def cached_weeks(user_id: int, state: DiaryState, today: date) -> Sequence[rules.Week]:
    """Weeks 1..k already assessed for this plan and diary (possibly none)."""
    return lookup(user_id, state, today)[0]


def lookup(user_id: int, state: DiaryState, today: date) -> tuple[Sequence[rules.Week], bool]:
    """(the weeks already assessed, whether they are stored under this very
    version). False means they came from the previous version or there were
    none: whatever the reader assesses is worth storing under this one, or
    every other write would assess the whole plan again."""
    if state.plan is None:
        return (), True
    current = _key(user_id, state.version, state.plan)
    keys = [current]
    if state.version > 0 and state.changed_from is not None:
        previous = _key(user_id, state.version - 1, state.plan)
        keys.append(previous)
    found = cache.get_many(keys)
    if current in found:
        return _completed_prefix(CachedWeeks.decode(found[current]), today), True
    if len(keys) == 2 and previous in found:
        weeks = CachedWeeks.decode(found[previous])
        return _completed_prefix(weeks, min(today, state.changed_from)), False
    return (), False


def store_weeks(user_id: int, state: DiaryState, weeks: Sequence[rules.Week]) -> None:
    """Keep the assessed weeks under the version read *before* the diary was
    read: a change committed in between only makes them newer, never stale
    for that version's readers, and the next version reuses only the weeks
    the change did not touch."""
    if state.plan is not None and weeks:
        key = _key(user_id, state.version, state.plan)
        cache.set(key, CachedWeeks.encode(weeks), WEEKS_TIMEOUT)


def record_change(*, user_id: int, day: date) -> None:
    """The diary changed from `day` on. Call inside the writing transaction."""
    bumped = DiaryVersion.objects.filter(user_id=user_id).update(
        version=F("version") + 1, changed_from=day
    )
    if bumped:
        return
    try:
        with transaction.atomic():
            DiaryVersion.objects.create(user_id=user_id, version=1, changed_from=day)
    except IntegrityError:  # another writer created it first
        DiaryVersion.objects.filter(user_id=user_id).update(
            version=F("version") + 1, changed_from=day
        )
