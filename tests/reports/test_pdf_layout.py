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
