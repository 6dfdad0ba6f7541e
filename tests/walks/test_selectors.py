"""Reads (walks/selectors.py): day summaries, the diary's state, history pages."""

import datetime

import pytest

from tests.factories import CheckInFactory, WalkFactory
from tests.walks import diaries
from walks import rules, selectors
from walks.services import entries

pytestmark = pytest.mark.django_db


def days_ago(today, n):
    return today - datetime.timedelta(days=n)


def test_database_day_summary_matches_the_rules(patient, today):
    """selectors.load_days (GROUP BY in SQL) agrees with diaries.summarise_days."""
    walks = [
        WalkFactory(
            user=patient,
            date=today,
            duration_minutes=7,
            pain_before=2,
            pain_after=5,
            stopped_for_sharp_pain=True,
        ),
        WalkFactory(
            user=patient,
            date=today,
            duration_minutes=9,
            pain_before=4,
            pain_after=1,
            after_injury_or_fall=True,
        ),
        WalkFactory(user=patient, date=days_ago(today, 1), duration_minutes=30),
    ]
    checkins = [
        CheckInFactory(user=patient, date=today, pain=6, saddle_numbness=True),
        CheckInFactory(user=patient, date=days_ago(today, 2), pain=1),
    ]
    expected = diaries.summarise_days(
        walks=[
            diaries.WalkEntry(
                date=w.date,
                minutes=w.duration_minutes,
                pain_before=w.pain_before,
                pain_after=w.pain_after,
                stopped_for_sharp_pain=w.stopped_for_sharp_pain,
                symptoms=w.symptoms,
            )
            for w in walks
        ],
        checkins=[
            diaries.CheckInEntry(date=c.date, pain=c.pain, symptoms=c.symptoms) for c in checkins
        ],
    )
    assert selectors.load_days(patient) == expected


def test_diary_state_reads_the_plan_the_first_walk_and_the_version(patient, today):
    empty = selectors.diary_state(patient)
    assert (empty.plan, empty.version, empty.changed_from) == (None, 0, None)
    WalkFactory(user=patient, date=days_ago(today, 3))
    WalkFactory(user=patient, date=days_ago(today, 9))
    state = selectors.diary_state(patient)
    assert state.plan == rules.PlanSettings(start_date=days_ago(today, 9))
    assert (state.version, state.changed_from) == (2, days_ago(today, 9))
    entries.set_plan(user=patient, start_date=days_ago(today, 1), start_minutes=15)
    assert selectors.diary_state(patient).plan == rules.PlanSettings(
        start_date=days_ago(today, 1), start_minutes=15
    )


def test_history_pages_cover_every_entry_once_in_order(patient, other_patient, today):
    """Keyset pages: ties on date and logging time (a bulk import) are broken
    by kind and id, so no entry is skipped or shown twice."""
    entries.import_walks(
        user=patient,
        walks=[
            {"date": days_ago(today, i // 3), "duration_minutes": 10 + i, "pain_before": 2,
             "pain_after": 2}
            for i in range(40)
        ],
        today=today,
    )  # fmt: skip
    for i in range(12):
        CheckInFactory(user=patient, date=days_ago(today, i), pain=3)
    WalkFactory(user=other_patient, date=today)
    seen, page = [], selectors.history_page(patient)
    while True:
        seen += page.rows
        if page.older is None:
            break
        page = selectors.history_page(patient, older=page.older)
    assert len(seen) == 52 == len({(kind, e.pk) for kind, e in seen})
    keys = [selectors.Cursor.of(kind, e).sort_key() for kind, e in seen]
    assert keys == sorted(keys, reverse=True)
    assert all(e.user_id == patient.pk for _, e in seen)
    # and back again, newer page by newer page
    back = [page.rows]
    while page.newer is not None:
        page = selectors.history_page(patient, newer=page.newer)
        back.insert(0, page.rows)
    assert [row for rows in back for row in rows] == seen


def test_history_costs_two_small_queries_however_long_the_diary(
    patient, today, django_assert_num_queries
):
    entries.import_walks(
        user=patient,
        walks=[
            {"date": days_ago(today, i), "duration_minutes": 20, "pain_before": 2, "pain_after": 2}
            for i in range(400)
        ],
        today=today,
    )
    first = selectors.history_page(patient)
    with django_assert_num_queries(2):
        page = selectors.history_page(patient, older=first.older)
        assert len(page.rows) == selectors.HISTORY_PAGE_SIZE
