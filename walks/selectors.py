"""Reads: what pages, reports and the API load about a patient's diary.

Every function takes the owner and filters on it, so another patient's rows
never come back. Writes live in walks/services/entries.py.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from datetime import date

from django.db import connection
from django.db.models import Q

from walks import diary, redflags, rules
from walks.models import EARLIEST_DATE, CheckIn, DiaryVersion, Plan, PlanTarget, Walk, as_date
from walks.models.health import (
    HEALTH_BACKGROUND_FIELDS,
    DoctorVisit,
    FunctionCheck,
    HealthBackground,
)
from walks.services.weekcache import DiaryState


def _flag(field: str) -> str:
    # Booleans are 0/1 in SQLite and true/false in PostgreSQL; CASE reads both.
    return f"CASE WHEN {field} THEN 1 ELSE 0 END"


def _day_summary_sql() -> str:
    """One grouped query over walks and check-ins together.

    Written as SQL because it is the hot path of every dashboard: a UNION ALL
    of both tables grouped by day, where the ORM needs two queries and a
    merge in Python (bench/micro.py measures both). Identifiers come from the
    models' metadata; values are parameters.
    """
    walk, checkin = Walk._meta.db_table, CheckIn._meta.db_table
    # Column names come from the first SELECT of a UNION.
    walk_flags = ", ".join(f"{_flag(s)} AS s{i}" for i, s in enumerate(diary.SYMPTOMS))
    checkin_flags = ", ".join(_flag(s) for s in diary.SYMPTOMS)
    symptom_maxes = ", ".join(f"MAX(s{i})" for i, _ in enumerate(diary.SYMPTOMS))
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
NO_SYMPTOMS: frozenset[str] = frozenset()


def load_days(user, *, since: date | None = None) -> dict[date, diary.Day]:
    """One `diary.Day` per date with any entry, from `since` on: one query."""
    since = since or EARLIEST_DATE
    with connection.cursor() as cursor:
        cursor.execute(DAY_SUMMARY_SQL, [user.pk, since, user.pk, since])
        rows = cursor.fetchall()
    days = {}
    for day, minutes, walks, pain_sum, pain_count, max_pain, before, after, stopped, *flags in rows:
        day = as_date(day)
        days[day] = diary.Day(
            date=day,
            minutes=int(minutes),
            walks=int(walks),
            pain_sum=int(pain_sum),
            pain_count=int(pain_count),
            max_pain=int(max_pain),
            pain_before_sum=int(before),
            pain_after_sum=int(after),
            stopped_for_sharp_pain=bool(stopped),
            symptoms=frozenset(s for s, f in zip(diary.SYMPTOMS, flags, strict=True) if f)
            if any(flags)
            else NO_SYMPTOMS,
        )
    return days


def _state_sql() -> str:
    """The plan, the first walk's date and the diary's version: one row.

    SQL rather than the ORM because every progress page runs it, and the
    ORM's compile step costs far more than the query (bench/micro.py times
    both: about 1.4 ms against 0.05 ms). Identifiers come from model
    metadata; values are parameters.
    """
    plan, version, walk, health, visit, target = (
        m._meta.db_table
        for m in (Plan, DiaryVersion, Walk, HealthBackground, DoctorVisit, PlanTarget)
    )
    latest_visit = f"FROM {visit} dv WHERE dv.user_id = %s ORDER BY dv.seen_on DESC, dv.id DESC"
    ticked = " OR ".join(f"h.{name}" for name in HEALTH_BACKGROUND_FIELDS)
    checkin = CheckIn._meta.db_table
    return f"""
        SELECT p.start_date, p.start_minutes,
               (SELECT MIN(w.date) FROM {walk} w WHERE w.user_id = %s),
               (SELECT MAX(w.date) FROM {walk} w WHERE w.user_id = %s),
               (SELECT MAX(c.date) FROM {checkin} c WHERE c.user_id = %s),
               v.version, v.changed_from, v.targets,
               CASE WHEN {ticked} THEN 1 ELSE 0 END, h.doctor_checked_on, h.boxes_changed_on,
               (SELECT dv.seen_on {latest_visit} LIMIT 1),
               (SELECT dv.advice {latest_visit} LIMIT 1),
               (SELECT COUNT(*) FROM {target} t
                WHERE t.user_id = %s AND t.read_at IS NULL AND t.note <> '')
        FROM (SELECT 1 AS one) AS o
        LEFT JOIN {plan} p ON p.user_id = %s
        LEFT JOIN {version} v ON v.user_id = %s
        LEFT JOIN {health} h ON h.user_id = %s
    """  # noqa: S608


STATE_SQL = _state_sql()


def diary_state(user) -> DiaryState:
    """The plan in force (explicit, or from the first walk), the diary's
    version and whether the health background asks for a doctor: one query,
    however long the diary."""
    with connection.cursor() as cursor:
        cursor.execute(STATE_SQL, [user.pk] * 9)
        (start, minutes, first, last_walk, last_checkin, version, changed_from, targets, ticked,
         checked, boxes, seen_on, advice, unread) = cursor.fetchone()  # fmt: skip
    last_entry = max((as_date(d) for d in (last_walk, last_checkin) if d is not None), default=None)
    targets = _targets(targets)
    if start is not None:
        plan = rules.PlanSettings(
            start_date=as_date(start), start_minutes=int(minutes), targets=targets
        )
    elif first is not None:
        plan = rules.PlanSettings(start_date=as_date(first), targets=targets)
    else:
        plan = None
    return DiaryState(
        plan=plan,
        version=int(version or 0),
        changed_from=as_date(changed_from),
        health_check_due=redflags.health_check_due(
            ticked=bool(ticked), checked_on=as_date(checked), changed_on=as_date(boxes)
        ),
        seen_on=as_date(seen_on),
        rest_advised=advice == DoctorVisit.Advice.REST,
        unread_notes=int(unread),
        last_entry=last_entry,
    )


def _targets(stored) -> tuple[rules.Target, ...]:
    """The clinician targets kept beside the version (a JSON list: text from
    SQLite, already decoded by PostgreSQL)."""
    if not stored:
        return ()
    if isinstance(stored, str):
        stored = json.loads(stored)
    return tuple(rules.Target(date.fromisoformat(day), int(t), int(d)) for day, t, d in stored)


def unread_target_notes(user) -> list:
    """The clinician notes the patient has not marked as read, oldest first."""
    return list(PlanTarget.objects.filter(user=user, read_at=None).exclude(note=""))


def plan_settings(user) -> rules.PlanSettings | None:
    return diary_state(user).plan


def explicit_plan(user) -> Plan | None:
    return Plan.objects.filter(user=user).first()


def function_checks(user, *, since: date | None = None, until: date | None = None) -> list:
    """The patient's weekly function checks, oldest first."""
    checks = FunctionCheck.objects.filter(user=user)
    if since is not None:
        checks = checks.filter(date__gte=since)
    if until is not None:
        checks = checks.filter(date__lte=until)
    return list(checks.order_by("date"))


def first_function_check(user):
    return FunctionCheck.objects.filter(user=user).order_by("date").first()


def owned_walks(user):
    return Walk.objects.filter(user=user)


def owned_checkins(user):
    return CheckIn.objects.filter(user=user)


# --- History: keyset pages over walks and check-ins together ---------------------------
HISTORY_PAGE_SIZE = 25
# Newest first: by date, then time of logging, walks before check-ins, then id.
KIND_RANK = {"walk": 1, "checkin": 0}
_MODELS = {"walk": Walk, "checkin": CheckIn}
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
MICROSECOND = datetime.timedelta(microseconds=1)


@dataclass(frozen=True)
class Cursor:
    date: date
    created_at: datetime.datetime
    kind: str
    id: int

    def encode(self) -> str:
        micros = (self.created_at - EPOCH) // MICROSECOND
        return f"{self.date.isoformat()}_{micros}_{self.kind}_{self.id}"

    @classmethod
    def decode(cls, raw: str | None) -> Cursor | None:
        """A cursor from a query string, or None when it is malformed."""
        try:
            day, micros, kind, pk = (raw or "").split("_")
            stamp = EPOCH + int(micros) * MICROSECOND
            cursor = cls(date.fromisoformat(day), stamp, kind, int(pk))
        except (ValueError, OverflowError, OSError):
            return None
        if kind not in KIND_RANK or not 0 < cursor.id < 2**63:
            return None
        return cursor

    @classmethod
    def of(cls, kind: str, entry) -> Cursor:
        return cls(as_date(entry.date), entry.created_at, kind, entry.pk)

    def sort_key(self):
        return (self.date, self.created_at, KIND_RANK[self.kind], self.id)


def _beyond(cursor: Cursor, kind: str, *, older: bool) -> Q:
    """Rows of `kind` strictly older (or newer) than the cursor in page order."""
    op = "lt" if older else "gt"
    same_moment = Q(date=cursor.date, created_at=cursor.created_at)
    rank, cursor_rank = KIND_RANK[kind], KIND_RANK[cursor.kind]
    if rank == cursor_rank:
        tie = same_moment & Q(**{f"id__{op}": cursor.id})
    elif (rank < cursor_rank) == older:
        tie = same_moment
    else:
        tie = Q(pk__in=[])
    return (
        Q(**{f"date__{op}": cursor.date})
        | Q(date=cursor.date, **{f"created_at__{op}": cursor.created_at})
        | tie
    )


@dataclass(frozen=True)
class HistoryPage:
    rows: list[tuple[str, object]]
    older: str | None  # cursor for the next, older page
    newer: str | None  # cursor for the previous, newer page

    @property
    def has_other_pages(self) -> bool:
        return bool(self.older or self.newer)


def _fetch(user, cursor: Cursor | None, *, older: bool, limit: int) -> list[tuple[str, object]]:
    rows = []
    for kind, model in _MODELS.items():
        qs = model.objects.filter(user=user)
        if cursor is not None:
            qs = qs.filter(_beyond(cursor, kind, older=older))
        order = ["date", "created_at", "id"]
        qs = qs.order_by(*(f"-{f}" for f in order) if older else order)[:limit]
        rows += [(kind, entry) for entry in qs]
    rows.sort(key=lambda row: Cursor.of(*row).sort_key(), reverse=older)
    return rows[:limit]


def history_page(user, *, older: str | None = None, newer: str | None = None) -> HistoryPage:
    """One page of walks and check-ins, newest first: two indexed queries of
    at most 26 rows each, whatever the diary's length (no OFFSET, no COUNT)."""
    size = HISTORY_PAGE_SIZE
    before, after = Cursor.decode(older), Cursor.decode(newer)
    if after is not None:
        rows = _fetch(user, after, older=False, limit=size + 1)
        if len(rows) > size:
            page = list(reversed(rows[:size]))
            return HistoryPage(
                rows=page,
                older=Cursor.of(*page[-1]).encode(),
                newer=Cursor.of(*page[0]).encode(),
            )
        before = None  # fewer than a page is newer: show the newest page
    rows = _fetch(user, before, older=True, limit=size + 1)
    page = rows[:size]
    return HistoryPage(
        rows=page,
        older=Cursor.of(*page[-1]).encode() if len(rows) > size else None,
        newer=Cursor.of(*page[0]).encode() if before is not None and page else None,
    )


def notes_between(user, *, start: date, end: date) -> list[tuple[date, str, str]]:
    """The patient's notes on walks and check-ins in a period, oldest first."""
    found = []
    for kind, model in _MODELS.items():
        rows = (
            model.objects.filter(user=user, date__gte=start, date__lte=end)
            .exclude(notes="")
            .values_list("date", "notes")
        )
        found += [(as_date(day), kind, text) for day, text in rows]
    return sorted(found, key=lambda row: (row[0], row[1]))


def last_doctor_visit(user) -> date | None:
    """The date of the latest "a doctor has seen me", or None."""
    return (
        DoctorVisit.objects.filter(user=user)
        .order_by("-seen_on", "-id")
        .values_list("seen_on", flat=True)
        .first()
    )


def first_entry_date(user) -> date | None:
    """The earliest date in the diary (walk or check-in), or None."""
    dates = [
        model.objects.filter(user=user).order_by("date").values_list("date", flat=True).first()
        for model in (Walk, CheckIn)
    ]
    dates = [d for d in dates if d is not None]
    return min(dates) if dates else None


def doctor_visits(user, *, limit: int = 10) -> list:
    """The latest doctor visits, newest first."""
    return list(DoctorVisit.objects.filter(user=user)[:limit])


def doctor_visits_until(user, day: date) -> list:
    """The doctor visits up to `day`, oldest first."""
    return list(DoctorVisit.objects.filter(user=user, seen_on__lte=day).order_by("seen_on", "id"))
