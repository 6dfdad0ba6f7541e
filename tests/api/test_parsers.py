"""Bodies made to break the API answer 400 with a JSON error (issue 24)."""

import pytest

pytestmark = pytest.mark.django_db
BODY = (
    '{"date": "DATE", "duration_minutes": 20, "pain_before": 3, "pain_after": 2, "notes": "NOTES"}'
)


def post(client, body: str):
    return client.post("/api/v1/walks/", body, content_type="application/json")


def test_json_nested_100000_levels_deep_is_a_400(patient_client):
    response = post(patient_client, "[" * 100_000 + "]" * 100_000)
    assert response.status_code == 400
    assert "nested too deeply" in response.json()["detail"]


def test_a_document_nested_past_the_limit_is_a_400(patient_client):
    response = post(patient_client, '{"notes": ' + "[" * 40 + "1" + "]" * 40 + "}")
    assert response.status_code == 400


def test_a_lone_surrogate_in_text_is_a_400_and_saves_nothing(patient_client, today):
    body = BODY.replace("DATE", today.isoformat()).replace("NOTES", "\\ud800")
    response = post(patient_client, body)
    assert response.status_code == 400
    assert "not valid Unicode" in response.json()["detail"]
    assert patient_client.get("/api/v1/walks/").json()["results"] == []


def test_a_surrogate_pair_is_ordinary_text(patient_client, today):
    body = BODY.replace("DATE", today.isoformat()).replace("NOTES", "\\ud83d\\ude00 fine")
    response = post(patient_client, body)
    assert response.status_code == 201 and response.json()["notes"] == "😀 fine"
