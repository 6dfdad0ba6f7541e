"""Writes (walks/services/entries.py): every change goes through here."""

import datetime
import math

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from tests.factories import WalkFactory
from walks import selectors
from walks.models import CheckIn, Plan, Walk
from walks.services import entries

pytestmark = pytest.mark.django_db


def walk(day, **fields):
    return {"date": day, "duration_minutes": 20, "pain_before": 3, "pain_after": 2, **fields}


def test_services_take_keyword_arguments_only(patient, today):
    with pytest.raises(TypeError):
        entries.log_walk(patient, walk(today), today)  # type: ignore[misc]


@pytest.mark.parametrize(
    "bad",
    [
        {"duration_minutes": 0},
        {"duration_minutes": 301},
        {"pain_before": -1},
        {"pain_after": 11},
        {"pain_after": "7"},
        {"surface": "lava"},
        {"notes": "x" * 1001},
        {"date": datetime.date(1999, 12, 31)},
    ],
)
def test_log_walk_refuses_what_the_database_would(patient, today, bad):
    with pytest.raises(ValidationError) as error:
        entries.log_walk(user=patient, data=walk(today, **bad), today=today)
    assert set(error.value.message_dict) == set(bad)
    assert not Walk.objects.exists()
    assert selectors.diary_state(patient).version == 0


def test_a_walk_after_today_is_refused(patient, today):
    tomorrow = today + datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        entries.log_walk(user=patient, data=walk(tomorrow), today=today)
    # the same date is fine for a caller whose today is later (another time zone)
    assert entries.log_walk(user=patient, data=walk(tomorrow), today=tomorrow).entry.pk


def test_checkin_update_and_delete(patient, today):
    checkin = entries.log_checkin(user=patient, data={"date": today, "pain": 4}, today=today).entry
    entries.update_entry(entry=checkin, data={"date": today, "pain": 6}, today=today)
    assert CheckIn.objects.get().pain == 6
    entries.delete_entry(entry=checkin)
    assert not CheckIn.objects.exists()
    assert selectors.diary_state(patient).version == 3


def test_moving_an_entry_records_the_earlier_of_its_two_dates(patient, today):
    entry = WalkFactory(user=patient, date=today)
    old = today - datetime.timedelta(days=20)
    entries.update_entry(entry=entry, data={"date": old}, today=today)
    assert selectors.diary_state(patient).changed_from == old
    entries.update_entry(entry=entry, data={"date": today}, today=today)
    assert selectors.diary_state(patient).changed_from == old


def test_set_and_reset_plan(patient, today):
    entries.set_plan(user=patient, start_date=today, start_minutes=12)
    entries.set_plan(user=patient, start_date=today, start_minutes=15)
    assert Plan.objects.get(user=patient).start_minutes == 15
    with pytest.raises(ValidationError):
        entries.set_plan(user=patient, start_date=today, start_minutes=16)
    entries.reset_plan(user=patient)
    assert not Plan.objects.exists()


def test_import_walks_is_one_bulk_insert_and_all_or_nothing(
    patient, today, django_assert_max_num_queries
):
    rows = [walk(today - datetime.timedelta(days=i)) for i in range(300)]
    # INSERTs of as many rows as the database takes at once (not 300 INSERTs)
    fields = [f for f in Walk._meta.concrete_fields if not f.primary_key]
    batch = min(500, connection.ops.bulk_batch_size(fields, rows) or 500)
    # (+ the first version row: update, savepoint, insert, release; transaction;
    # + the clinician panel's summary, whatever the number of walks: profile,
    # state, days, last entry, update, and for the first row savepoint, insert, release)
    with django_assert_max_num_queries(math.ceil(300 / batch) + 6 + 8):
        saved = entries.import_walks(user=patient, walks=rows, today=today)
    assert len(saved) == Walk.objects.filter(user=patient).count() == 300
    with pytest.raises(ValidationError):
        entries.import_walks(
            user=patient, walks=[walk(today), walk(today, pain_after=12)], today=today
        )
    assert Walk.objects.filter(user=patient).count() == 300
    assert entries.import_walks(user=patient, walks=[], today=today) == []
