"""The PDF a doctor reads: the summary on page one, at most two pages for
12 weeks of diary, and the patient spoken of as "the patient"."""

import datetime
import io

import pytest
from pypdf import PdfReader

from outcomes import selectors as outcome_selectors
from outcomes.services import save_response
from tests.factories import CheckInFactory, WalkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def twelve_weeks(patient, today, questionnaires):
    for i in range(0, 84):
        day = today - datetime.timedelta(days=i)
        if i % 7 in (0, 2, 4, 5):
            note = "Park loop" if i % 14 == 0 else ""
            WalkFactory(user=patient, date=day, duration_minutes=10 + (84 - i) // 7 * 2,
                        pain_before=4, pain_after=3, notes=note)  # fmt: skip
        if i % 10 == 3:
            CheckInFactory(user=patient, date=day, pain=3)
    questionnaire = outcome_selectors.questionnaire("back-function")
    save_response(user=patient, questionnaire=questionnaire,
                  answers={n: "yes" if n < 9 else "no" for n in range(1, 25)},
                  today=today - datetime.timedelta(days=60))  # fmt: skip
    return patient


def test_twelve_weeks_fit_two_pages_with_the_summary_first(patient_client, twelve_weeks):
    response = patient_client.get("/report.pdf")
    assert response.status_code == 200
    pages = PdfReader(io.BytesIO(response.content)).pages
    assert len(pages) <= 2, len(pages)
    first = pages[0].extract_text()
    for heading in ("Walking and back pain report", "Warnings", "Week by week"):
        assert heading in first, heading


def test_ten_days_of_diary_chart_from_the_first_entry_and_the_fields_show_the_period(
    patient_client, patient, today
):
    first = today - datetime.timedelta(days=9)
    for i in range(10):
        WalkFactory(user=patient, date=first + datetime.timedelta(days=i), duration_minutes=12)
    page = patient_client.get("/report/").content.decode()
    start = today - datetime.timedelta(weeks=12) + datetime.timedelta(days=1)
    assert f'name="from" value="{start.isoformat()}"' in page
    assert f'name="to" value="{today.isoformat()}"' in page
    chart = page.split('class="report-chart"')[1].split("</svg>")[0]
    assert "Walks on 10 of 10 days" in chart  # the chart's days start at the first walk


def test_active_warnings_are_written_for_the_doctor(patient_client, patient, today):
    CheckInFactory(user=patient, date=today, pain=4, numbness_or_tingling=True)
    page = patient_client.get("/report/").content.decode()
    assert "the patient reported: numbness or tingling" in page.lower()
    assert "You reported" not in page
