"""The cache of assessed weeks (walks/services/weekcache.py) is never stale.

Every write goes through walks/services/entries.py, which moves the diary's
version in the same transaction; these tests compare the cached answer with
one computed from scratch after edits, moves, deletes, imports and plan
changes, and check that the cache is actually used.
"""

import datetime
import os
import pickle

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import CheckInFactory, UserFactory, WalkFactory, walk_data
from tests.walks.diaries import d, evaluate, walk
from walks import rules, selectors
from walks.models import CheckIn, DiaryVersion, Walk
from walks.services import entries, progress, weekcache

pytestmark = pytest.mark.django_db


def _fresh(user, today):
    """The same answer computed from scratch, without the cache."""
    days = selectors.load_days(user)
    return rules.evaluate(plan=selectors.plan_settings(user), days=days, today=today)


def _cached(user, today):
    return progress.patient_progress(user, today=today).progress


def _walks(start, count, **fields):
    return [
        {
            "date": start + datetime.timedelta(days=i),
            "duration_minutes": 30,
            "pain_before": 2,
            "pain_after": 2,
            **fields,
        }
        for i in range(count)
    ]


def test_cached_weeks_follow_edits_moves_deletes_and_plan_changes(patient_client, patient, today):
    start = today - datetime.timedelta(days=21)
    walks = [
        WalkFactory(user=patient, date=start + datetime.timedelta(days=i), pain_after=2)
        for i in range(0, 21, 2)
    ]
    data = patient_client.get("/progress.json").json()
    assert data["weeks"][0]["decision"] == "progress"
    assert len(data["weeks"]) == 3
    state = selectors.diary_state(patient)
    assert len(weekcache.cached_weeks(patient.pk, state, today)) == 3  # stored

    # back-date a symptom into week 1 through the edit form
    first = walks[0]
    patient_client.post(
        f"/walks/{first.pk}/edit/",
        walk_data(date=first.date.isoformat(), duration_minutes="15", numbness_or_tingling="on"),
    )
    data = patient_client.get("/progress.json").json()
    assert data["weeks"][0]["decision"] == "pause"
    assert _cached(patient, today) == _fresh(patient, today)

    # move a walk from week 3 into week 2: both weeks are reassessed
    moved = walks[-1]
    patient_client.post(
        f"/walks/{moved.pk}/edit/",
        walk_data(date=(start + datetime.timedelta(days=9)).isoformat(), pain_after="7"),
    )
    assert _cached(patient, today) == _fresh(patient, today)
    assert patient_client.get("/progress.json").json()["weeks"][1]["decision"] == "pause"

    # delete through the page, add a check-in, change the plan
    patient_client.post(f"/walks/{walks[1].pk}/delete/")
    CheckInFactory(user=patient, date=start + datetime.timedelta(days=15), pain=9)
    assert _cached(patient, today) == _fresh(patient, today)
    patient_client.post("/plan/", {"start_date": start.isoformat(), "start_minutes": "15"})
    data = patient_client.get("/progress.json").json()
    assert data["weeks"][0]["target_minutes"] == 15
    assert _cached(patient, today) == _fresh(patient, today)


def test_every_write_moves_the_version_in_its_transaction(patient, today):
    def version():
        return selectors.diary_state(patient).version

    walk = WalkFactory(user=patient, date=today)
    assert version() == 1
    entries.update_entry(entry=walk, data={"date": today, "duration_minutes": 20}, today=today)
    checkin = CheckInFactory(user=patient, date=today)
    entries.delete_entry(entry=checkin)
    entries.import_walks(
        user=patient, walks=_walks(today - datetime.timedelta(days=3), 3), today=today
    )
    assert version() == 5
    assert DiaryVersion.objects.get(user=patient).changed_from == today - datetime.timedelta(days=3)


def test_a_failed_write_leaves_the_version_alone(patient, today):
    WalkFactory(user=patient, date=today)
    bad = _walks(today - datetime.timedelta(days=2), 2) + [
        {**_walks(today, 1)[0], "pain_after": 11}
    ]
    with pytest.raises(Exception):  # noqa: B017  (ValidationError before anything is written)
        entries.import_walks(user=patient, walks=bad, today=today)
    assert Walk.objects.filter(user=patient).count() == 1
    assert selectors.diary_state(patient).version == 1


def test_cache_is_reused_as_weeks_pass(patient):
    today = datetime.date(2026, 6, 1)
    entries.import_walks(
        user=patient, walks=_walks(today - datetime.timedelta(days=99), 100), today=today
    )
    first = _cached(patient, today)
    state = selectors.diary_state(patient)
    assert weekcache.cached_weeks(patient.pk, state, today) == first.weeks
    later = today + datetime.timedelta(days=8)
    assert _cached(patient, later) == _fresh(patient, later)
    assert len(weekcache.cached_weeks(patient.pk, state, later)) == len(first.weeks) + 1


def test_logging_yesterday_reuses_the_weeks_before_it(patient, today, django_assert_num_queries):
    """A change on day d keeps the previous version's weeks that end before d:
    the reader does not re-read five years for one late entry."""
    entries.import_walks(
        user=patient, walks=_walks(today - datetime.timedelta(days=400), 400), today=today
    )
    before = _cached(patient, today)
    yesterday = today - datetime.timedelta(days=1)
    WalkFactory(user=patient, date=yesterday, duration_minutes=5)
    state = selectors.diary_state(patient)
    reused = weekcache.cached_weeks(patient.pk, state, today)
    assert reused and all(w.end < yesterday for w in reused)
    assert len(reused) >= len(before.weeks) - 1
    assert _cached(patient, today) == _fresh(patient, today)


def test_a_lost_cache_only_costs_time(patient, today):
    entries.import_walks(
        user=patient, walks=_walks(today - datetime.timedelta(days=60), 60), today=today
    )
    expected = _cached(patient, today)
    cache.clear()
    assert _cached(patient, today) == expected


# --- Random writes through the services never leave the cache stale ------------------------
operation = st.one_of(
    st.tuples(
        st.just("walk"), st.integers(0, 60), st.integers(1, 40), st.integers(0, 9), st.booleans()
    ),
    st.tuples(st.just("checkin"), st.integers(0, 60), st.integers(0, 9), st.booleans()),
    st.tuples(st.just("import"), st.integers(0, 60), st.integers(1, 9), st.integers(0, 9)),
    st.tuples(st.just("move"), st.integers(0, 30), st.integers(0, 60)),
    st.tuples(st.just("delete"), st.integers(0, 30)),
    st.tuples(st.just("delete_checkin"), st.integers(0, 30)),
    st.tuples(st.just("plan"), st.integers(0, 60), st.integers(10, 15)),
    st.tuples(st.just("unplan")),
    st.tuples(st.just("later"), st.integers(1, 10)),
)


@settings(
    max_examples=int(os.environ.get("CACHE_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=st.lists(operation, min_size=1, max_size=12))
def test_cached_progress_always_matches_a_fresh_assessment(db, ops):
    cache.clear()
    user = UserFactory()
    today = datetime.date(2026, 6, 1)
    base = today - datetime.timedelta(days=60)

    def on(offset):
        return min(today, base + datetime.timedelta(days=offset))

    for op in ops:
        kind = op[0]
        if kind == "walk":
            _, offset, minutes, pain, symptom = op
            entries.log_walk(
                user=user,
                data={
                    "date": on(offset),
                    "duration_minutes": minutes,
                    "pain_before": 3,
                    "pain_after": pain,
                    "numbness_or_tingling": symptom,
                },
                today=today,
            )
        elif kind == "checkin":
            _, offset, pain, symptom = op
            entries.log_checkin(
                user=user,
                data={"date": on(offset), "pain": pain, "saddle_numbness": symptom},
                today=today,
            )
        elif kind == "import":
            _, offset, count, pain = op
            walks = [
                {
                    "date": on(offset + i),
                    "duration_minutes": 20,
                    "pain_before": pain,
                    "pain_after": pain,
                }
                for i in range(count)
            ]
            entries.import_walks(user=user, walks=walks, today=today)
        elif kind == "move":
            walks = list(Walk.objects.filter(user=user).order_by("id"))
            if walks:
                walk = walks[op[1] % len(walks)]
                entries.update_entry(entry=walk, data={"date": on(op[2])}, today=today)
        elif kind in ("delete", "delete_checkin"):
            model = Walk if kind == "delete" else CheckIn
            rows = list(model.objects.filter(user=user).order_by("id"))
            if rows:
                entries.delete_entry(entry=rows[op[1] % len(rows)])
        elif kind == "plan":
            entries.set_plan(user=user, start_date=on(op[1]), start_minutes=op[2])
        elif kind == "unplan":
            entries.reset_plan(user=user)
        else:
            today += datetime.timedelta(days=op[1])
        assert _cached(user, today) == _fresh(user, today)


# --- The compact rows give back exactly the weeks that were stored ------------------------
@settings(max_examples=60, deadline=None)
@given(
    walks=st.lists(
        st.tuples(st.integers(0, 80), st.integers(1, 40), st.integers(0, 9), st.booleans()),
        max_size=50,
    ),
    today_offset=st.integers(7, 90),
)
def test_cached_rows_round_trip_to_the_same_weeks(walks, today_offset):
    entries_ = [
        walk(d(offset), minutes, 2, pain, stopped_for_sharp_pain=stopped)
        for offset, minutes, pain, stopped in walks
    ]
    result = evaluate(entries_, today=d(today_offset))
    stored = pickle.loads(pickle.dumps(weekcache.CachedWeeks.encode(result.weeks)))  # noqa: S301
    cached = weekcache.CachedWeeks.decode(stored)
    assert cached == result.weeks and tuple(cached) == result.weeks
    assert cached[:3] == result.weeks[:3] and list(reversed(cached)) == list(reversed(result.weeks))


def test_a_column_of_cached_weeks_matches_the_decoded_weeks():
    from walks.services.weekcache import CachedWeeks, week_column

    walks = [walk(d(n), 10 + n % 20, 2, 3) for n in range(0, 70, 2)]
    weeks = evaluate(walks, today=d(70)).weeks
    cached = CachedWeeks.decode(CachedWeeks.encode(weeks))
    for name in ("decision", "minutes_walked", "target_days"):
        assert week_column(cached, name) == tuple(getattr(w, name) for w in weeks)
        assert week_column(weeks, name) == week_column(cached, name)


def test_writes_in_a_row_keep_the_weeks_stored_under_each_new_version(
    patient, today, django_capture_on_commit_callbacks
):
    """Each write's summary keeps the weeks it read under the new version
    (after the commit), so the next write reuses them instead of assessing
    the whole plan again, whether or not a page was read in between."""
    start = today - datetime.timedelta(weeks=20)
    entries.set_plan(user=patient, start_date=start, start_minutes=10)
    entries.import_walks(user=patient, walks=_walks(start, 140, duration_minutes=20), today=today)
    _cached(patient, today)  # a page read: stored under this version
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            entries.log_walk(user=patient, data=_walks(today, 1)[0], today=today)
        known, stored = weekcache.lookup(patient.pk, selectors.diary_state(patient), today)
        assert stored and len(known) == 20
    assert _cached(patient, today) == _fresh(patient, today)
