"""The report (page and PDF) gives the outcome scores a doctor reads."""

import datetime
import io

import pytest
from pypdf import PdfReader

from outcomes.models import Questionnaire, Response
from tests.outcomes.conftest import reach_the_goal

pytestmark = pytest.mark.usefixtures("questionnaires")


def answered(user, slug, day, score, **fields):
    return Response.objects.create(
        user=user, questionnaire=Questionnaire.objects.get(slug=slug), answered_on=day,
        score=score, **fields,
    )  # fmt: skip


@pytest.fixture
def scored(patient, today):
    reach_the_goal(patient, today, weeks=10)
    weeks = datetime.timedelta(weeks=1)
    answered(patient, "back-function", today - 9 * weeks, 14)
    answered(patient, "back-function", today - 5 * weeks, 11)
    answered(patient, "back-function", today - weeks, 8)
    answered(patient, "outlook", today - 9 * weeks, 5, subscale=4, band="high")
    answered(
        patient,
        "recurrence",
        today,
        1,
        recurrence=True,
        goal_met_on=today - datetime.timedelta(days=23),
    )
    return patient


def test_the_report_page_gives_scores_change_band_and_recurrence(patient_client, scored, today):
    body = patient_client.get("/report/").content.decode()
    section = body.split('id="report-scores"')[1].split("</section>")[0]
    assert "14" in section and "11" in section and "8" in section
    assert "First score 14" in section and "latest 8" in section
    assert "A meaningful improvement" in section
    assert "high risk" in section and "total 5 of 9, distress 4 of 5" in section
    assert "The first recurrence came 23 days after the goal was first met." in section


def test_the_pdf_has_the_scores(patient_client, scored):
    response = patient_client.get("/report.pdf")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "Outcome scores" in text and "First score 14" in text
    assert "A meaningful improvement" in text and "high risk" in text
    assert "The first recurrence came 23 days after the goal was first met." in text


def test_scores_after_the_period_are_left_out(patient_client, scored, today):
    start = (today - datetime.timedelta(weeks=12)).isoformat()
    end = (today - datetime.timedelta(weeks=6)).isoformat()
    body = patient_client.get("/report/", {"from": start, "to": end}).content.decode()
    section = body.split('id="report-scores"')[1].split("</section>")[0]
    assert "latest 8" not in section and "None reported." in section
