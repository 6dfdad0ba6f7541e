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


def _key(user_id: int, version: int, plan: rules.PlanSettings) -> str:
    return f"weeks:{user_id}:{version}:{plan.start_date.isoformat()}:{plan.start_minutes}"


def _completed_prefix(weeks: Sequence[rules.Week], before: date) -> tuple[rules.Week, ...]:
    usable = 0
    while usable < len(weeks) and weeks[usable].end < before:
        usable += 1
    return tuple(weeks[:usable])


def cached_weeks(user_id: int, state: DiaryState, today: date) -> tuple[rules.Week, ...]:
    """Weeks 1..k already assessed for this plan and diary (possibly none)."""
    if state.plan is None:
        return ()
    current = _key(user_id, state.version, state.plan)
    keys = [current]
    if state.version > 0 and state.changed_from is not None:
        previous = _key(user_id, state.version - 1, state.plan)
        keys.append(previous)
    found = cache.get_many(keys)
    if current in found:
        return _completed_prefix(found[current], today)
    if len(keys) == 2 and previous in found:
        return _completed_prefix(found[previous], min(today, state.changed_from))
    return ()


def store_weeks(user_id: int, state: DiaryState, weeks: Sequence[rules.Week]) -> None:
    """Keep the assessed weeks under the version read *before* the diary was
    read: a change committed in between only makes them newer, never stale
    for that version's readers, and the next version reuses only the weeks
    the change did not touch."""
    if state.plan is not None and weeks:
        cache.set(_key(user_id, state.version, state.plan), tuple(weeks), WEEKS_TIMEOUT)


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
