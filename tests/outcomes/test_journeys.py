"""A patient through each questionnaire, by the test client."""

import datetime

import pytest

from outcomes import instruments, selectors
from outcomes.models import Answer, Questionnaire, Response
from outcomes.services import restart_plan
from tests.factories import SpecialtyFactory, WalkFactory
from tests.outcomes.conftest import reach_the_goal
from walks.models import Plan

pytestmark = pytest.mark.usefixtures("questionnaires")


def back_function_answers(yes: int) -> dict:
    return {f"q{n}": "yes" if n <= yes else "no" for n in range(1, 25)}


def test_the_dashboard_asks_with_one_card(patient_client):
    body = patient_client.get("/").content.decode()
    assert body.count('id="questionnaire-card"') == 1
    assert 'href="/questionnaires/outlook/"' in body  # the first due: outlook
    assert "2 more are due after it." not in body  # recurrence is not due before the goal
    assert "One more is due after it." in body


def test_no_questionnaire_beside_an_emergency(patient_client, patient, today):
    WalkFactory(user=patient, date=today, saddle_numbness=True)
    body = patient_client.get("/").content.decode()
    assert "emergency" in body.lower() and 'id="questionnaire-card"' not in body


def test_back_function_journey(patient_client, patient, today):
    page = patient_client.get("/questionnaires/back-function/").content.decode()
    assert page.count('type="radio"') == 48 and 'name="q24"' in page

    # One answer missing: the message is beside that question and nothing is saved.
    data = back_function_answers(10)
    del data["q7"]
    response = patient_client.post("/questionnaires/back-function/", data)
    body = response.content.decode()
    assert response.status_code == 200 and 'id="q7-error"' in body
    assert "Choose an answer to this question." in body and not Response.objects.exists()

    response = patient_client.post("/questionnaires/back-function/", back_function_answers(10))
    saved = Response.objects.get()
    assert response["Location"] == f"/questionnaires/back-function/{saved.pk}/"
    assert saved.score == 10 and Answer.objects.filter(response=saved).count() == 24
    body = patient_client.get(response["Location"]).content.decode()
    assert "Your score: 10 out of 24" in body and "This is your first score" in body

    # Four weeks later: 5 points lower is a change that matters.
    Response.objects.filter(pk=saved.pk).update(answered_on=today - datetime.timedelta(weeks=4))
    assert "back-function" in patient_client.get("/questionnaires/").content.decode()
    response = patient_client.post("/questionnaires/back-function/", back_function_answers(5))
    body = patient_client.get(response["Location"]).content.decode()
    assert "Your score: 5 out of 24" in body and "Your first score was 10" in body
    assert 'data-meaningful="true"' in body and "a real improvement" in body

    doc = patient_client.get("/progress.json").json()["scores"]["back-function"]
    assert doc == {
        "date": today.isoformat(),
        "score": 5,
        "first": 10,
        "first_date": (today - datetime.timedelta(weeks=4)).isoformat(),
        "meaningful_change": True,
    }
    assert patient_client.get("/api/v1/progress/").json()["scores"]["back-function"] == doc


def test_a_small_change_is_said_to_be_small(patient_client, patient, today):
    patient_client.post("/questionnaires/back-function/", back_function_answers(10))
    Response.objects.update(answered_on=today - datetime.timedelta(weeks=4))
    response = patient_client.post("/questionnaires/back-function/", back_function_answers(8))
    body = patient_client.get(response["Location"]).content.decode()
    assert 'data-meaningful="false"' in body and "small so far" in body


def outlook_answers(agree: set, bother="moderately") -> dict:
    data = {f"q{n}": "agree" if n in agree else "disagree" for n in range(1, 9)}
    data["q9"] = bother
    return data


@pytest.mark.parametrize(
    "agree, bother, band, share",
    [
        ({1, 2}, "slightly", "low", False),
        ({1, 2, 3, 4}, "moderately", "medium", True),
        ({1, 5, 6, 7}, "very-much", "high", True),
    ],
)
def test_outlook_band_with_the_directory_and_sharing(patient_client, agree, bother, band, share):
    SpecialtyFactory(name="Physiotherapist", slug="physiotherapist")
    response = patient_client.post("/questionnaires/outlook/", outlook_answers(agree, bother))
    body = patient_client.get(response["Location"]).content.decode()
    assert f'data-band="{band}"' in body
    assert 'href="/doctors/?specialty=physiotherapist"' in body
    assert ('href="/report/share/"' in body) is share
    assert patient_client.get("/progress.json").json()["scores"]["outlook"]["band"] == band
    # Answered: no longer due until the plan restarts.
    assert "/questionnaires/outlook/" not in patient_client.get("/").content.decode()


def test_the_directory_link_is_unfiltered_without_physiotherapists(patient_client):
    response = patient_client.post("/questionnaires/outlook/", outlook_answers({1}))
    body = patient_client.get(response["Location"]).content.decode()
    assert 'href="/doctors/"' in body


def test_recurrence_waits_for_the_goal(patient_client):
    response = patient_client.get("/questionnaires/recurrence/")
    assert response.status_code == 302 and response["Location"] == "/questionnaires/"


def test_recurrence_after_the_goal_offers_a_restart(patient_client, patient, today):
    reach_the_goal(patient, today)
    goal = selectors.schedule_facts(patient, _progress(patient, today)).goal_met_on
    assert goal is not None and goal <= today
    response = patient_client.post("/questionnaires/recurrence/", {"q1": "yes", "q2": "no"})
    saved = Response.objects.get(questionnaire__slug="recurrence")
    assert saved.recurrence and saved.goal_met_on == goal
    body = patient_client.get(response["Location"]).content.decode()
    assert "Restart my plan at 10 minutes" in body

    response = patient_client.post("/questionnaires/restart-plan/")
    assert response["Location"] == "/"
    plan = Plan.objects.get(user=patient)
    assert (plan.start_date, plan.start_minutes) == (today, 10)
    doc = patient_client.get("/progress.json").json()
    assert doc["current_week"]["target_minutes"] == 10
    assert doc["scores"]["recurrence"]["days_to_first_recurrence"] == (today - goal).days


def test_no_restart_without_a_recurrence(patient_client, patient, today):
    reach_the_goal(patient, today)
    patient_client.post("/questionnaires/recurrence/", {"q1": "no", "q2": "yes"})
    assert patient_client.post("/questionnaires/restart-plan/").status_code == 404
    assert Plan.objects.get(user=patient).start_date != today


def test_outlook_is_due_again_after_a_restart(patient, today):
    reach_the_goal(patient, today)
    outlook = Questionnaire.objects.get(slug="outlook")
    Response.objects.create(
        user=patient, questionnaire=outlook, answered_on=today - datetime.timedelta(days=50),
        score=1, subscale=0, band="low",
    )  # fmt: skip
    assert instruments.OUTLOOK not in instruments.due(
        selectors.schedule_facts(patient, _progress(patient, today))
    )

    restart_plan(user=patient, today=today)
    assert instruments.OUTLOOK in instruments.due(
        selectors.schedule_facts(patient, _progress(patient, today))
    )


def test_another_patients_result_is_404(patient_client, other_patient, today):
    theirs = Response.objects.create(
        user=other_patient, questionnaire=Questionnaire.objects.get(slug="back-function"),
        answered_on=today, score=3,
    )  # fmt: skip
    assert patient_client.get(f"/questionnaires/back-function/{theirs.pk}/").status_code == 404
    assert patient_client.get("/questionnaires/unknown/").status_code == 404


def _due(user, today):
    return instruments.due(selectors.schedule_facts(user, _progress(user, today)))


def _progress(user, today):
    from walks.services import progress

    return progress.patient_progress(user, today=today).progress


def test_the_json_export_of_everything_has_the_questionnaires(patient_client, patient, today):
    patient_client.post("/questionnaires/back-function/", back_function_answers(4))
    data = patient_client.get("/accounts/me/export.json").json()
    (answered,) = data["questionnaires"]
    assert answered["questionnaire"] == "back-function" and answered["score"] == 4
    assert answered["answered_on"] == today.isoformat()
    assert answered["answers"]["q4"] == "yes" and answered["answers"]["q5"] == "no"
    assert "walks" in data and "plan" in data
