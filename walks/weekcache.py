"""The cache of completed weeks already assessed for a patient's plan.

A completed week's decision depends only on entries up to its last day, so it
is computed once and kept in `ProgressCache`. Saving or deleting an entry
dated d marks the cached weeks ending on or after d as stale (signals.py).
Writers compare-and-set on a random version stamp, so weeks assessed from
data that changed meanwhile are never stored; each process keeps a decoded
copy keyed by that stamp, so a long history is decoded once, not per request.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from django.db import IntegrityError, transaction
from django.db.models import Case, DateField, F, Value, When

from walks import rules
from walks.models import ProgressCache, as_date


@dataclass(frozen=True)
class CacheState:
    version: int
    start_date: date | None
    start_minutes: int | None
    dirty_from: date | None


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


# Decoded weeks per patient in this process, keyed by the row's version
# stamp. Bounded: the oldest entries are dropped first.
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


def cached_weeks(user, cache: CacheState | None, plan, today) -> tuple[rules.Week, ...]:
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


def store_weeks(user, cache: CacheState | None, plan, weeks) -> None:
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
