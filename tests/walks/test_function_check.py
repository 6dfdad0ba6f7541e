"""The weekly function check: the score (walks/function_check.py) and its pages."""

import datetime
from decimal import Decimal

import pytest

from walks import function_check
from walks.models.health import FunctionCheck
from walks.services import entries


@pytest.mark.parametrize(
    ("answers", "score"),
    [((0, 0, 0), "0.0"), ((10, 10, 10), "10.0"), ((5, 4, 4), "4.3"), ((5, 5, 4), "4.7"),
     ((1, 0, 0), "0.3"), ((2, 0, 0), "0.7")],
)  # fmt: skip
def test_score_is_the_mean_to_one_decimal(answers, score):
    assert function_check.function_score(*answers) == Decimal(score)


@pytest.mark.parametrize(
    ("first", "latest", "change", "meaningful"),
    [("6.0", "4.3", -28, False), ("6.0", "4.2", -30, True), ("5.0", "6.5", 30, True),
     ("5.0", "6.4", 28, False), ("0.0", "3.0", None, False)],
)  # fmt: skip
def test_a_change_of_30_percent_from_the_first_score_is_meaningful(
    first, latest, change, meaningful
):
    assert function_check.percent_change(Decimal(first), Decimal(latest)) == change
    assert function_check.is_meaningful(Decimal(first), Decimal(latest)) is meaningful


def check(user, day, *answers):
    data = dict(zip(entries.FUNCTION_FIELDS, answers, strict=True))
    return entries.log_function_check(user=user, data={"date": day, **data}, today=day)


@pytest.mark.django_db
def test_the_weekly_check_is_saved_and_scored(patient_client, patient, today):
    response = patient_client.post(
        "/checks/new/",
        {"date": today.isoformat(), "pain_average": "6", "enjoyment_interference": "5",
         "activity_interference": "5"},
        follow=True,
    )  # fmt: skip
    assert "a score of 5.3 out of 10" in response.content.decode()
    assert FunctionCheck.objects.get(user=patient).score == Decimal("5.3")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [("pain_average", "11", "Tap a number from 0 to 10."),
     ("activity_interference", "-1", "Tap a number from 0 to 10."),
     ("enjoyment_interference", "lots", "Tap a number from 0 to 10."),
     ("date", "2999-01-01", "cannot be in the future")],
)  # fmt: skip
def test_bad_answers_are_refused_beside_the_field(patient_client, today, field, value, message):
    data = {"date": today.isoformat(), "pain_average": "5", "enjoyment_interference": "5",
            "activity_interference": "5", field: value}  # fmt: skip
    response = patient_client.post("/checks/new/", data)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body and f'id="error_1_id_{field}"' in body
    assert not FunctionCheck.objects.exists()


@pytest.mark.django_db
def test_one_check_a_day(patient_client, patient, today):
    check(patient, today, 5, 5, 5)
    data = {"date": today.isoformat(), "pain_average": "3", "enjoyment_interference": "3",
            "activity_interference": "3"}  # fmt: skip
    response = patient_client.post("/checks/new/", data)
    assert "already answered the weekly check for this date" in response.content.decode()
    assert FunctionCheck.objects.count() == 1


@pytest.mark.django_db
def test_the_dashboard_asks_once_a_week_and_charts_the_change(patient_client, patient, today):
    assert "Answer this week" in patient_client.get("/").content.decode()
    check(patient, today - datetime.timedelta(days=14), 6, 6, 6)
    check(patient, today - datetime.timedelta(days=7), 5, 5, 5)
    body = patient_client.get("/").content.decode()
    assert "Answer this week" in body  # the last check was 7 days ago
    check(patient, today - datetime.timedelta(days=1), 4, 4, 4)
    body = patient_client.get("/").content.decode()
    assert "Answer this week" not in body
    assert "33% lower than your first score (6.0)" in body
    assert "is a real improvement" in body
    chart = body.split('<div class="svg-chart">')[1]
    assert chart.startswith("<svg") and chart.count("<circle") == 3
    assert "<title" in chart and "style=" not in chart
