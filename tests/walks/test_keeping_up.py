"""After the goal: the dashboard is about keeping 150 minutes a week going
(issue 19). The plan's rules do not change."""

import datetime

import pytest

from walks.models import Plan
from walks.services import entries

pytestmark = pytest.mark.django_db

BUILD_UP = [(10, 3), (15, 4), (20, 5), (25, 5), (30, 5)]  # week 5 ends goal_met


def diary(user, today, weeks: list[tuple[int, int]]):
    """Walks week by week (minutes, days), with the plan starting so that the
    weeks given are all complete and the current week has just begun."""
    start = today - datetime.timedelta(weeks=len(weeks))
    entries.set_plan(user=user, start_date=start, start_minutes=10)
    walks = [
        {
            "date": start + datetime.timedelta(weeks=n, days=day),
            "duration_minutes": minutes,
            "pain_before": 2,
            "pain_after": 2,
            "surface": "flat",
        }  # fmt: skip
        for n, (minutes, days) in enumerate(weeks)
        for day in range(days)
    ]
    entries.import_walks(user=user, walks=walks, today=today)


def card(client) -> str:
    body = client.get("/").content.decode()
    return body.split('aria-labelledby="this-week"')[1].split("</section>")[0]


def test_while_building_up_the_dashboard_shows_the_weekly_target(patient_client, patient, today):
    diary(patient, today, BUILD_UP[:4])
    assert "Keeping it up" not in card(patient_client)


def test_after_the_goal_it_counts_minutes_against_150_and_weeks_in_a_row(
    patient_client, patient, today
):
    diary(patient, today, [*BUILD_UP, (30, 5), (40, 4)])  # 150, 150, 160 minutes
    entries.log_walk(user=patient, data={"date": today, "duration_minutes": 35, "pain_before": 1,
                     "pain_after": 1, "surface": "flat"}, today=today)  # fmt: skip
    text = card(patient_client)
    assert "Keeping it up" in text
    assert "35 of 150 minutes this week" in text
    assert "3 weeks in a row at 150 minutes or more." in text
    assert "keeping-restart" not in text


def test_one_short_week_restarts_the_count_without_a_suggestion(patient_client, patient, today):
    diary(patient, today, [*BUILD_UP, (30, 5), (20, 3)])
    text = card(patient_client)
    assert "0 weeks in a row at 150 minutes or more." in text
    assert "keeping-restart" not in text


def test_two_short_weeks_suggest_starting_again_lower_with_one_button(
    patient_client, patient, today
):
    diary(patient, today, [*BUILD_UP, (20, 3), (15, 2)])
    text = card(patient_client)
    assert "The last two weeks were below 150 minutes." in text
    assert "warning" not in text.lower()  # a gentle note, not a warning card
    response = patient_client.post(
        "/plan/", {"start_date": today.isoformat(), "start_minutes": "10"}
    )
    assert response.status_code == 302
    plan = Plan.objects.get(user=patient)
    assert (plan.start_date, plan.start_minutes) == (today, 10)
    again = card(patient_client)
    assert "Keeping it up" not in again and "Week 1" in again
