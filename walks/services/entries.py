"""Writes: every change to a patient's diary or plan goes through here.

Each function saves and records the change (`weekcache.record_change`) in
one transaction, so a view, the API, an import or a management command
cannot save an entry and forget the cached weeks. Arguments are keyword-only;
`today` is the patient's local date, passed in by the caller (the clock is
read at the edge, never here). Callers validate input first (forms,
serializers, importers); the checks here and the database's constraints are
the last line, not the user-facing messages.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from walks import diary, limits, rules, selectors
from walks.models import (
    EARLIEST_DATE,
    CheckIn,
    DiaryVersion,
    ImportClaim,
    Plan,
    PlanTarget,
    Surface,
    Walk,
    WalkSource,
    as_date,
)
from walks.models.health import FunctionCheck
from walks.services import weekcache
from walks.services.summary import record_change, refresh

WALK_FIELDS = (
    "date",
    "duration_minutes",
    "pain_before",
    "pain_after",
    "surface",
    "stopped_for_sharp_pain",
    *diary.SYMPTOMS,
    "notes",
)
CHECKIN_FIELDS = ("date", "pain", *diary.SYMPTOMS, "notes")
_FIELDS = {Walk: WALK_FIELDS, CheckIn: CHECKIN_FIELDS}


def _check_date(day: date, today: date) -> date:
    day = as_date(day)
    if day > today or day < EARLIEST_DATE:
        raise ValidationError({"date": _("The date must be between 1 January 2000 and today.")})
    return day


RANGES = {
    "duration_minutes": (limits.MINUTES_MIN, limits.MINUTES_MAX),
    "pain_before": (limits.PAIN_MIN, limits.PAIN_MAX),
    "pain_after": (limits.PAIN_MIN, limits.PAIN_MAX),
    "pain": (limits.PAIN_MIN, limits.PAIN_MAX),
}


def _values(model, data: Mapping, today: date) -> dict:
    """The model's fields from `data`, checked against the same limits as the
    database's constraints (without a query per constraint)."""
    values = {name: data[name] for name in _FIELDS[model] if name in data}
    values["date"] = _check_date(data["date"], today)
    errors = {}
    for name, (low, high) in RANGES.items():
        if name in values and not (isinstance(values[name], int) and low <= values[name] <= high):
            errors[name] = _("Must be a whole number from %(low)s to %(high)s.") % {
                "low": low,
                "high": high,
            }
    if "surface" in values and values["surface"] not in Surface.values:
        errors["surface"] = _("Unknown surface.")
    if len(values.get("notes", "")) > limits.NOTES_MAX:
        errors["notes"] = _("At most %(count)s characters.") % {"count": limits.NOTES_MAX}
    if errors:
        raise ValidationError(errors)
    return values


class Logged(NamedTuple):
    entry: Walk | CheckIn
    created: bool  # False: this client_id was saved before, `entry` is that one


def _log_once(model, *, user, data: Mapping, today: date, client_id) -> Logged:
    """Save an entry unless this patient already sent one with the same
    `client_id` (a UUID per rendered form or API entry)."""
    if client_id is not None:
        existing = model.objects.filter(user=user, client_id=client_id).first()
        if existing is not None:
            return Logged(existing, False)
    entry = model(user=user, client_id=client_id, **_values(model, data, today))
    try:
        with transaction.atomic():
            entry.save()
            record_change(user_id=user.pk, day=entry.date, user=user)
    except IntegrityError:  # the same client_id, sent twice at once
        existing = model.objects.filter(user=user, client_id=client_id).first()
        if client_id is None or existing is None:
            raise
        return Logged(existing, False)
    return Logged(entry, True)


def log_walk(*, user, data: Mapping, today: date, client_id=None) -> Logged:
    """Save one walk for `user` from validated data (WALK_FIELDS), once per
    `client_id`."""
    return _log_once(Walk, user=user, data=data, today=today, client_id=client_id)


def log_checkin(*, user, data: Mapping, today: date, client_id=None) -> Logged:
    """Save one check-in for `user` from validated data (CHECKIN_FIELDS), once
    per `client_id`."""
    return _log_once(CheckIn, user=user, data=data, today=today, client_id=client_id)


def update_entry(*, entry: Walk | CheckIn, data: Mapping, today: date) -> Walk | CheckIn:
    """Change a walk or check-in the caller has already fetched for its owner.
    Moving an entry to another date changes both weeks: the earlier counts."""
    old_date = as_date(entry.date)
    for name, value in _values(type(entry), data, today).items():
        setattr(entry, name, value)
    with transaction.atomic():
        entry.save()
        record_change(user_id=entry.user_id, day=min(old_date, entry.date))
    return entry


def delete_entry(*, entry: Walk | CheckIn) -> None:
    with transaction.atomic():
        entry.delete()
        record_change(user_id=entry.user_id, day=as_date(entry.date))


def set_plan(*, user, start_date: date, start_minutes: int) -> Plan:
    """Start the plan on a chosen day at a chosen length. The cached weeks
    are keyed by the plan itself, so no other bookkeeping is needed."""
    if not rules.MIN_START_MINUTES <= start_minutes <= rules.MAX_START_MINUTES:
        raise ValidationError({"start_minutes": _("Choose between 10 and 15 minutes.")})
    with transaction.atomic():
        plan, _created = Plan.objects.update_or_create(
            user=user, defaults={"start_date": start_date, "start_minutes": start_minutes}
        )
        refresh(user)
    return plan


def reset_plan(*, user) -> None:
    """Go back to a plan that starts on the first walk."""
    with transaction.atomic():
        Plan.objects.filter(user=user).delete()
        refresh(user)


CURRENT_WEEK, NEXT_WEEK = "current", "next"


def set_target(
    *,
    user,
    week: str,
    target_minutes: int,
    target_days: int,
    note: str,
    set_by,
    set_by_name: str,
    today: date,
) -> PlanTarget:
    """A clinician's (T, D) for the patient's current or next plan week
    (progression.md, "Clinician targets"). Weeks before it never change; the
    rules continue from it. The caller has checked the clinician's scope."""
    errors = {}
    if not rules.CLINICIAN_MIN_MINUTES <= target_minutes <= rules.CLINICIAN_MAX_MINUTES:
        errors["target_minutes"] = _("Choose from %(low)s to %(high)s minutes.") % {
            "low": rules.CLINICIAN_MIN_MINUTES,
            "high": rules.CLINICIAN_MAX_MINUTES,
        }
    if not rules.CLINICIAN_MIN_DAYS <= target_days <= rules.CLINICIAN_MAX_DAYS:
        errors["target_days"] = _("Choose from %(low)s to %(high)s days.") % {
            "low": rules.CLINICIAN_MIN_DAYS,
            "high": rules.CLINICIAN_MAX_DAYS,
        }
    if week not in (CURRENT_WEEK, NEXT_WEEK):
        errors["week"] = _("Choose this week or next week.")
    if len(note) > limits.NOTE_FIELD_MAX:
        errors["note"] = _("At most %(count)s characters.") % {"count": limits.NOTE_FIELD_MAX}
    plan = selectors.plan_settings(user)
    if plan is None:
        errors["week"] = _("This patient has no plan yet: it starts with their first walk.")
    if errors:
        raise ValidationError(errors)
    index = max(0, rules.week_index(plan.start_date, today)) + (week == NEXT_WEEK)
    week_start, _end = rules.week_bounds(plan.start_date, index)
    with transaction.atomic():
        target = PlanTarget.objects.create(
            user=user,
            week_start=week_start,
            target_minutes=target_minutes,
            target_days=target_days,
            note=note,
            set_by=set_by,
            set_by_name=set_by_name,
        )
        weekcache.record_change(user_id=user.pk, day=week_start)
        latest = {}
        for row in PlanTarget.objects.filter(user=user).order_by("created_at", "id"):
            latest.pop(row.week_start, None)  # the latest for a week wins, in its place
            latest[row.week_start] = [row.week_start.isoformat(), row.target_minutes,
                                      row.target_days]  # fmt: skip
        DiaryVersion.objects.filter(user=user).update(targets=list(latest.values()))
        refresh(user, today=today)
    return target


def mark_notes_read(*, user, ids: Iterable[int]) -> int:
    """The patient has read these clinician notes (their own only)."""
    return PlanTarget.objects.filter(user=user, pk__in=list(ids), read_at=None).update(
        read_at=timezone.now()
    )


IMPORT_FIELDS = ("source", "started_at", "distance_km")


def _import_values(data: Mapping) -> dict:
    values = {name: data[name] for name in IMPORT_FIELDS if data.get(name) is not None}
    if values.get("source", WalkSource.DIARY) not in WalkSource.values:
        raise ValidationError({"source": _("Unknown source.")})
    distance = values.get("distance_km")
    if distance is not None and not 0 <= distance < 10000:
        raise ValidationError({"distance_km": _("Must be from 0 to 9999.99 km.")})
    return values


class AlreadyImported(Exception):
    """This preview's walks were saved before (its key is claimed)."""


CLAIM_LIFETIME = timedelta(hours=2)  # longer than a preview is valid


def import_walks(
    *, user, walks: Iterable[Mapping], today: date, key: str | None = None
) -> list[Walk]:
    """Save many walks in one transaction (bulk insert), recorded as one change
    from the earliest date among them. All or nothing, and once per `key`
    (the preview's one-time key; None for a script's own bulk load): a key
    already claimed raises AlreadyImported and saves nothing. Besides the form's fields a walk may
    carry where it came from (IMPORT_FIELDS)."""
    rows = [Walk(user=user, **_values(Walk, data, today), **_import_values(data)) for data in walks]
    try:
        with transaction.atomic():
            if key is not None:
                ImportClaim.objects.create(user=user, key=key)
            saved = Walk.objects.bulk_create(rows, batch_size=500) if rows else []
            if rows:
                record_change(user_id=user.pk, day=min(r.date for r in rows), user=user)
    except IntegrityError:
        raise AlreadyImported from None
    if key is not None:
        old = timezone.now() - CLAIM_LIFETIME
        ImportClaim.objects.filter(user=user, created_at__lt=old).delete()
    return saved


FUNCTION_FIELDS = ("pain_average", "enjoyment_interference", "activity_interference")


def log_function_check(*, user, data: Mapping, today: date) -> FunctionCheck:
    """Save the weekly function check (one a day). It does not change the
    plan, so there is no version to move."""
    values = {name: data[name] for name in FUNCTION_FIELDS}
    errors = {
        name: _("Must be a whole number from 0 to 10.")
        for name, value in values.items()
        if not (isinstance(value, int) and limits.PAIN_MIN <= value <= limits.PAIN_MAX)
    }
    if errors:
        raise ValidationError(errors)
    check = FunctionCheck(user=user, date=_check_date(data["date"], today), **values)
    try:
        with transaction.atomic():
            check.save()
    except IntegrityError:
        raise ValidationError({"date": _("There is already a check for this date.")}) from None
    return check
