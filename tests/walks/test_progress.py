"""/progress.json, the dashboard and the plan page, through the test client."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    CheckInFactory,
    PlanFactory,
    UserFactory,
    WalkFactory,
    checkin_data,
    walk_data,
)
from walks.models import Plan
from walks.services import entries

pytestmark = pytest.mark.django_db


def days_ago(today, n):
    return today - datetime.timedelta(days=n)


def test_empty_diary(patient_client, today):
    data = patient_client.get("/progress.json").json()
    assert data == {
        "today": today.isoformat(),
        "guidance": {
            "state": "start",
            "walk_today": True,
            "message": "Start with a 10 to 15 minute walk: your plan starts on the day of "
            "your first walk.",
        },
        "plan": None,
        "current_week": None,
        "weeks": [],
        "goal_met": False,
        "warnings": [],
        "daily": [],
        "scores": {"back-function": None, "outlook": None, "recurrence": None},
    }


def test_anonymous_gets_redirected(client):
    response = client.get("/progress.json")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_schema_with_a_completed_week(patient_client, patient, today):
    start = days_ago(today, 9)
    for i in range(3):
        WalkFactory(
            user=patient,
            date=start + datetime.timedelta(days=i),
            duration_minutes=10,
            pain_before=3,
            pain_after=2,
        )
    WalkFactory(user=patient, date=today, duration_minutes=16, pain_before=2, pain_after=1)
    data = patient_client.get("/progress.json").json()
    assert data["plan"] == {
        "start_date": start.isoformat(),
        "start_minutes": 10,
        "goal_minutes": 30,
        "goal_days": 5,
    }
    assert data["current_week"] == {
        "number": 2,
        "start": (start + datetime.timedelta(days=7)).isoformat(),
        "end": (start + datetime.timedelta(days=13)).isoformat(),
        "target_minutes": 15,
        "target_days": 4,
        "days_met": 1,
        "minutes_walked": 16,
        "set_by": "plan",
    }
    (week,) = data["weeks"]
    assert week["decision"] == "progress"
    assert week["week_pain"] == 2.5 and week["max_pain"] == 3
    assert week["days_met"] == 3 and week["minutes_walked"] == 30
    assert isinstance(week["reasons"], list) and week["reasons"]
    assert data["goal_met"] is False
    assert data["daily"][-1] == {
        "date": today.isoformat(),
        "minutes": 16,
        "target_minutes": 15,
        "pain_before": 2.0,
        "pain_after": 1.0,
    }
    assert len(data["daily"]) == 4


def test_checkins_without_walks(patient_client, patient, today):
    CheckInFactory(user=patient, date=today, pain=8, saddle_numbness=True)
    data = patient_client.get("/progress.json").json()
    assert data["plan"] is None and data["current_week"] is None
    assert [w["code"] for w in data["warnings"]] == ["saddle_numbness", "severe_pain"]
    assert data["warnings"][0]["level"] == "urgent"
    assert data["daily"] == [
        {
            "date": today.isoformat(),
            "minutes": 0,
            "target_minutes": None,
            "pain_before": None,
            "pain_after": None,
        }
    ]


def test_another_patients_data_never_appears(client, patient, other_patient, today):
    WalkFactory(user=patient, date=today, pain_after=9, numbness_or_tingling=True)
    PlanFactory(user=patient, start_date=days_ago(today, 30))
    client.force_login(other_patient)
    data = client.get("/progress.json").json()
    assert data["plan"] is None and data["warnings"] == [] and data["daily"] == []


def test_explicit_plan_overrides_first_walk(patient_client, patient, today):
    WalkFactory(user=patient, date=days_ago(today, 20))
    PlanFactory(user=patient, start_date=days_ago(today, 3), start_minutes=15)
    data = patient_client.get("/progress.json").json()
    assert data["plan"]["start_date"] == days_ago(today, 3).isoformat()
    assert data["current_week"]["target_minutes"] == 15


@pytest.mark.parametrize(
    ("param", "status", "rows"),
    [
        ("1", 200, 1),
        ("3660", 200, 3),
        ("56", 200, 2),
        ("0", 400, None),
        ("3661", 400, None),
        ("abc", 400, None),
        ("-5", 400, None),
        ("1e9", 400, None),
        ("9" * 50, 400, None),
        ("", 400, None),  # present but empty: not a number
    ],
)
def test_days_parameter(patient_client, patient, today, param, status, rows):
    WalkFactory(user=patient, date=today)
    WalkFactory(user=patient, date=days_ago(today, 30))
    WalkFactory(user=patient, date=days_ago(today, 100))
    response = patient_client.get("/progress.json", {"days": param})
    assert response.status_code == status
    if rows is not None:
        assert len(response.json()["daily"]) == rows
    else:
        assert "days must be" in response.json()["error"]


# --- Dashboard ------------------------------------------------------------------------
def test_dashboard_shows_target_progress_and_today(patient_client, patient, today):
    WalkFactory(user=patient, date=today, duration_minutes=12)
    body = patient_client.get("/").content.decode()
    assert "Walk 10 minutes on 3 days: 1 of 3 done" in body
    assert 'aria-valuenow="1"' in body and 'aria-valuemax="3"' in body
    assert "today&#x27;s target of 10 minutes is met" in body


def test_dashboard_shows_last_weeks_decision_with_reasons(patient_client, patient, today):
    start = days_ago(today, 8)
    for i in range(2):
        WalkFactory(user=patient, date=start + datetime.timedelta(days=i), pain_after=6)
    response = patient_client.get("/")
    body = response.content.decode()
    assert 'data-decision="hold"' in body and "Hold steady" in body
    assert "Pain reached 6 out of 10" in body


def test_dashboard_warnings_come_first_in_order(patient_client, patient, today):
    WalkFactory(
        user=patient,
        date=today,
        pain_after=8,
        stopped_for_sharp_pain=True,
        numbness_or_tingling=True,
    )
    CheckInFactory(user=patient, date=today, pain=5, bladder_or_bowel_change=True)
    body = patient_client.get("/").content.decode()
    positions = [
        body.index(f'data-code="{code}"')
        for code in ("bladder_or_bowel_change", "numbness_or_tingling", "severe_pain", "sharp_pain")
    ]
    assert positions == sorted(positions)
    assert positions[0] < body.index("Your walking plan")
    assert "Emergency: act now" in body and "See a doctor soon" in body and "Take care" in body
    assert body.count("This is guidance based on your diary, not a diagnosis.") == 4
    assert 'href="/doctors/"' in body
    assert "Mild aching during or after a walk is normal" in body


def test_dashboard_carries_chart_data_without_inline_script(patient_client, patient, today):
    WalkFactory(user=patient, date=today, duration_minutes=22, pain_before=4, pain_after=3)
    response = patient_client.get("/")
    body = response.content.decode()
    chart = response.context["chart"]
    # a new diary's chart starts two weeks back, not eight weeks of nothing
    assert len(chart["labels"]) == 14 and chart["labels"][-1] == today.isoformat()
    assert chart["minutes"][-1] == 22 and chart["target"][-1] == 10
    assert chart["pain_before"][-1] == 4.0 and chart["pain_after"][-1] == 3.0
    assert '<script id="chart-data" type="application/json">' in body
    first_row = response.context["chart_table"][0]
    assert (first_row["end"], first_row["minutes"], first_row["pain_after"]) == (today, 22, 3.0)
    assert len(response.context["chart_table"]) == 2
    assert "Show the chart data as a table" in body
    assert 'id="minutes-chart"' in body and 'id="pain-chart"' in body
    since = today - datetime.timedelta(days=13)
    assert (
        f'aria-label="Daily walking minutes since {since.day} {since:%B}: 1 day with walks' in body
    )
    # every <script> is either external or JSON data
    for chunk in body.split("<script")[1:]:
        assert chunk.lstrip().startswith(("src=", 'id="chart-data" type="application/json"'))


def test_a_long_diary_charts_the_last_8_weeks(patient_client, patient, today):
    WalkFactory(user=patient, date=days_ago(today, 100))
    WalkFactory(user=patient, date=days_ago(today, 30), duration_minutes=17)
    chart = patient_client.get("/").context["chart"]
    assert len(chart["labels"]) == 56
    assert chart["minutes"][-31] == 17


def test_after_saving_a_walk_the_warning_comes_first(patient_client, today):
    response = patient_client.post(
        "/walks/new/", walk_data(pain_after="8", saddle_numbness="on"), follow=True
    )
    body = response.content.decode()
    assert body.index('data-code="saddle_numbness"') < body.index("is saved")
    # the week card agrees with the warning: paused, no call to walk
    assert 'id="plan-paused" data-state="emergency"' in body
    assert "Get emergency care now" in body.split('id="plan-paused"')[1]
    assert "target of 10 minutes is met" not in body and 'id="log-walk-button"' not in body


def test_the_log_a_walk_button_shows_only_while_a_walk_is_todays_advice(patient_client, today):
    page = patient_client.get("/").content.decode()
    assert 'id="log-walk-button"' in page and 'id="plan-paused"' not in page
    patient_client.post("/walks/new/", walk_data(duration_minutes="12"))
    done = patient_client.get("/")
    assert done.context["guidance"].state == "done"
    assert 'id="log-walk-button"' not in done.content.decode()
    patient_client.post("/checkins/new/", checkin_data(fever="on"))
    paused = patient_client.get("/").content.decode()
    assert 'id="plan-paused" data-state="doctor_today"' in paused
    assert patient_client.get("/progress.json").json()["guidance"] == {
        "state": "doctor_today",
        "walk_today": False,
        "message": "Contact your doctor or an urgent care clinic today. Do not walk until a "
        "doctor has checked you: your plan is paused.",
    }


def test_an_edit_that_raises_a_warning_lands_on_the_dashboard(patient_client, patient, today):
    walk = WalkFactory(user=patient, date=today)
    url = f"/walks/{walk.pk}/edit/"
    calm = patient_client.post(url, walk_data(duration_minutes="20"))
    assert calm["Location"] == "/walks/"
    response = patient_client.post(url, walk_data(bladder_or_bowel_change="on"), follow=True)
    assert response.redirect_chain[-1] == ("/", 302)
    body = response.content.decode()
    assert body.index('data-code="bladder_or_bowel_change"') < body.index("is updated")


def test_after_a_checkin_the_page_says_walking_is_not_done(patient_client, today):
    response = patient_client.post("/checkins/new/", checkin_data(), follow=True)
    assert "Log your first walk and your plan starts that day" in response.content.decode()


# --- Plan page ------------------------------------------------------------------------
def test_plan_page_sets_start_date_and_minutes(patient_client, patient, today):
    start = days_ago(today, 2)
    response = patient_client.post(
        "/plan/", {"start_date": start.isoformat(), "start_minutes": "15"}
    )
    assert response.status_code == 302
    plan = Plan.objects.get(user=patient)
    assert (plan.start_date, plan.start_minutes) == (start, 15)
    assert patient_client.get("/progress.json").json()["current_week"]["target_minutes"] == 15


def test_plan_can_go_back_to_the_first_walk(patient_client, patient, today):
    WalkFactory(user=patient, date=days_ago(today, 10))
    PlanFactory(user=patient, start_date=days_ago(today, 2), start_minutes=15)
    assert "Start from my first walk instead" in patient_client.get("/plan/").content.decode()
    response = patient_client.post("/plan/", {"reset": "1"}, follow=True)
    assert "now starts on the day of your first walk" in response.content.decode()
    assert not Plan.objects.filter(user=patient).exists()
    data = patient_client.get("/progress.json").json()
    assert data["plan"]["start_date"] == days_ago(today, 10).isoformat()


@pytest.mark.parametrize("minutes", ["9", "16", "", "x"])
def test_plan_rejects_start_minutes_outside_10_15(patient_client, patient, today, minutes):
    response = patient_client.post(
        "/plan/", {"start_date": today.isoformat(), "start_minutes": minutes}
    )
    assert response.status_code == 200
    assert "start_minutes" in response.context["form"].errors
    assert not Plan.objects.exists()


def test_plan_page_lists_weeks(patient_client, patient, today):
    for i in range(3):
        WalkFactory(user=patient, date=days_ago(today, 10 - i))
    body = patient_client.get("/plan/").content.decode()
    assert "Step up" in body and "next week: 15 minutes on 4 days" in body


# --- Query counts stay flat -------------------------------------------------------------
def _seed(user, today, days):
    entries.import_walks(
        user=user,
        walks=(
            {
                "date": today - datetime.timedelta(days=i),
                "duration_minutes": 20 + i % 10,
                "pain_before": 3,
                "pain_after": 2 + i % 3,
            }
            for i in range(days)
        ),
        today=today,
    )
    for i in range(0, days, 7):
        CheckInFactory(user=user, date=today - datetime.timedelta(days=i), pain=3)


def _queries(client, url):
    # The first visit after a change stores newly assessed weeks (one write);
    # from then on the cost is the same for any length of diary.
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/", "/progress.json", "/walks/", "/plan/"])
def test_query_count_is_the_same_for_one_week_and_two_years(client, today, url):
    small, large = UserFactory(username="week"), UserFactory(username="years")
    _seed(small, today, 7)
    _seed(large, today, 730)
    client.force_login(small)
    small_count = _queries(client, url)
    client.force_login(large)
    large_count = _queries(client, url)
    assert small_count == large_count
    assert large_count <= 10


def test_dashboard_query_count_with_django_assert_num_queries(
    client, today, django_assert_num_queries
):
    for name, days in (("week", 7), ("years", 730)):
        user = UserFactory(username=name)
        _seed(user, today, days)
        entries.log_function_check(
            user=user,
            data={"date": today, "pain_average": 5, "enjoyment_interference": 4,
                  "activity_interference": 3},
            today=today,
        )  # fmt: skip
        client.force_login(user)
        client.get("/")  # warm the session
        # session, user, profile (time zone), plan state, days, weekly checks, first check,
        # lesson, questionnaires answered, and the title of the one due
        with django_assert_num_queries(10):
            body = client.get("/").content.decode()
        assert (
            "Walk " in body
            and json.loads(
                body.split('<script id="chart-data" type="application/json">')[1].split(
                    "</script>"
                )[0]
            )["minutes"][-1]
            > 0
        )


def test_the_walk_form_says_the_plan_is_paused_instead_of_a_target(patient_client, today):
    patient_client.post("/walks/new/", walk_data(duration_minutes="12"))
    assert 'id="form-target"' in patient_client.get("/walks/new/").content.decode()
    patient_client.post("/checkins/new/", checkin_data(fever="on"))
    page = patient_client.get("/walks/new/").content.decode()
    assert 'id="form-target"' not in page
    assert 'id="form-guidance" data-state="doctor_today"' in page and "plan is paused" in page
