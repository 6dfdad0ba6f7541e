""" "A doctor has seen me" (/warnings/seen/): a visit clears the warnings
raised before it, a sign reported after it raises them again, and rest
advice holds walking until the patient says they may walk."""

import datetime

import pytest

from tests.factories import CheckInFactory, UserFactory, checkin_data, walk_data
from walks.models.health import DoctorVisit

pytestmark = pytest.mark.django_db


def visit(client, day, advice="walk", note=""):
    return client.post(
        "/warnings/seen/", {"seen_on": day.isoformat(), "advice": advice, "note": note}
    )


def guidance(client):
    return client.get("/progress.json").json()["guidance"]["state"]


def test_a_visit_clears_earlier_warnings_and_a_later_sign_raises_them_again(
    patient_client, patient, today
):
    yesterday = today - datetime.timedelta(days=1)
    CheckInFactory(user=patient, date=yesterday, pain=4, fever=True)
    patient_client.post(
        "/walks/new/", walk_data(date=(today - datetime.timedelta(days=2)).isoformat())
    )
    assert guidance(patient_client) == "doctor_today"
    page = patient_client.get("/").content.decode()
    assert 'href="/warnings/seen/"' in page  # on the warning card
    response = visit(patient_client, yesterday, note="viral; rest and fluids")
    assert response.status_code == 302 and response["Location"] == "/"
    home = patient_client.get("/").content.decode()
    assert 'data-code="fever"' not in home and 'id="plan-paused"' not in home
    assert guidance(patient_client) == "walk"
    # the banner on other pages agrees
    assert 'data-code="fever"' not in patient_client.get("/tips/").content.decode()
    # the same sign reported after the visit raises the warning again
    patient_client.post("/checkins/new/", checkin_data(fever="on"))
    assert guidance(patient_client) == "doctor_today"


def test_rest_advice_holds_walking_until_the_patient_may_walk_again(patient_client, today):
    patient_client.post("/walks/new/", walk_data(duration_minutes="5"))
    assert guidance(patient_client) == "walk"
    visit(patient_client, today, advice="rest")
    assert guidance(patient_client) == "rest_advised"
    home = patient_client.get("/").content.decode()
    assert 'id="plan-paused" data-state="rest_advised"' in home
    assert 'id="log-walk-button"' not in home and "may walk again" in home
    visit(patient_client, today, advice="walk")
    assert guidance(patient_client) == "walk"


def test_a_visit_in_the_future_or_before_the_diary_is_refused_beside_the_field(
    patient_client, today
):
    patient_client.post("/walks/new/", walk_data())
    future = visit(patient_client, today + datetime.timedelta(days=1))
    assert future.status_code == 200
    assert "The date cannot be in the future." in future.content.decode()
    early = visit(patient_client, today - datetime.timedelta(days=30))
    assert "before the first entry in your diary" in early.content.decode()
    too_long = visit(patient_client, today, note="x" * 501)
    assert "at most 500 characters" in too_long.content.decode()
    assert not DoctorVisit.objects.exists()


def test_each_patient_sees_only_their_own_visits(patient_client, patient, today):
    other = UserFactory(username="someone-else")
    DoctorVisit.objects.create(user=other, seen_on=today, advice="rest", note="private note")
    page = patient_client.get("/warnings/seen/").content.decode()
    assert "private note" not in page
    assert guidance(patient_client) != "rest_advised"


def test_other_advice_clears_earlier_warnings_without_holding_walking(
    patient_client, patient, today
):
    CheckInFactory(user=patient, date=today - datetime.timedelta(days=1), pain=4, fever=True)
    patient_client.post(
        "/walks/new/", walk_data(date=(today - datetime.timedelta(days=2)).isoformat())
    )
    visit(patient_client, today - datetime.timedelta(days=1), advice="other", note="physio")
    assert guidance(patient_client) == "walk"
    assert DoctorVisit.objects.get().get_advice_display() == "Something else"
