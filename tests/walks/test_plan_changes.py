"""Changes the patient did not make directly: a write that moves the plan's
start or this week's target says so in its confirmation, in plain words."""

import datetime

import pytest
from django.utils.formats import date_format

from tests.factories import walk_data
from tests.imports import upload
from tests.walks.test_imports import confirm
from walks import presenters
from walks.models import Walk

pytestmark = pytest.mark.django_db

NOV_24, NOV_30 = datetime.date(2026, 11, 24), datetime.date(2026, 11, 30)


def message(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_a_back_dated_walk_that_moves_the_start_says_so(patient_client, today):
    first = patient_client.post("/walks/new/", walk_data(), follow=True)
    assert "moved your plan" not in message(first)  # the first walk starts the plan
    earlier = today - datetime.timedelta(days=10)
    back = patient_client.post("/walks/new/", walk_data(date=earlier.isoformat()), follow=True)
    assert f"This moved your plan's start to {date_format(earlier, 'j F')}" in message(back)
    same = patient_client.post("/walks/new/", walk_data(), follow=True)
    assert "moved your plan" not in message(same) and "target is now" not in message(same)


def test_an_import_that_moves_the_start_says_so(patient_client, today):
    patient_client.post("/walks/new/", walk_data())
    old = today - datetime.timedelta(days=20)
    data = (f"date,duration_minutes,pain_before,pain_after\n{old.isoformat()},12,3,2\n").encode()
    preview = upload(patient_client, "walks.csv", data)
    done = confirm(patient_client, preview, include_0="1")
    assert done.status_code == 302
    page = patient_client.get("/")
    text = message(page)
    assert "1 walk imported" in text
    assert f"This moved your plan's start to {date_format(old, 'j F')}" in text


@pytest.mark.parametrize(
    ("before", "after", "sentence"),
    [
        ((NOV_24, 10, 3), (NOV_24, 10, 3), None),
        ((None, None, None), (NOV_24, 10, 3), None),  # the first walk starts the plan
        ((NOV_30, 10, 3), (NOV_24, 10, 3), "This moved your plan's start to 24 November."),
        ((NOV_24, 10, 3), (NOV_24, 15, 4), "This week's target is now 15 minutes on 4 days."),
        ((NOV_30, 10, 3), (NOV_24, 15, 4),
         "This moved your plan's start to 24 November; this week's target is now 15 minutes "
         "on 4 days."),
    ],
)  # fmt: skip
def test_the_sentence_names_what_moved(before, after, sentence):
    assert (
        presenters.plan_change_sentence(
            presenters.PlanSnapshot(*before), presenters.PlanSnapshot(*after)
        )
        == sentence
    )


def test_moving_the_first_walk_earlier_says_the_plan_moved(patient_client, patient, today):
    patient_client.post("/walks/new/", walk_data())
    walk = Walk.objects.get(user=patient)
    earlier = today - datetime.timedelta(days=3)
    edited = patient_client.post(
        f"/walks/{walk.pk}/edit/", walk_data(date=earlier.isoformat()), follow=True
    )
    assert f"This moved your plan's start to {date_format(earlier, 'j F')}" in message(edited)
