"""/accounts/me/export.fhir.json and the API's copy: a FHIR R4 Bundle that
the fhir.resources package parses (its R4B models: R4 with the technical
corrections), with the right LOINC codes, units and dates."""

import datetime

import pytest
from fhir.resources.R4B.bundle import Bundle

from tests.factories import CheckInFactory, WalkFactory

pytestmark = pytest.mark.usefixtures("questionnaires")


def back_function(client, yes):
    return client.post(
        "/questionnaires/back-function/",
        {f"q{n}": "yes" if n <= yes else "no" for n in range(1, 25)},
    )


@pytest.fixture
def exported(patient_client, patient, today):
    yesterday = today - datetime.timedelta(days=1)
    WalkFactory(user=patient, date=yesterday, duration_minutes=12, pain_before=4, pain_after=3)
    WalkFactory(user=patient, date=today, duration_minutes=15, pain_before=3, pain_after=2)
    CheckInFactory(user=patient, date=today, pain=5)
    back_function(patient_client, 7)
    response = patient_client.get("/accounts/me/export.fhir.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    assert response["Cache-Control"] == "private, no-store"
    return response.json()


def resources(doc, kind):
    return [e["resource"] for e in doc["entry"] if e["resource"]["resourceType"] == kind]


def test_the_export_parses_as_a_fhir_bundle(exported):
    bundle = Bundle.model_validate(exported)
    assert bundle.type == "collection"
    kinds = [e.resource.get_resource_type() for e in bundle.entry]
    assert kinds.count("Observation") == 2 * 3 + 1
    assert kinds.count("Questionnaire") == 1 and kinds.count("QuestionnaireResponse") == 1
    assert len({e.fullUrl for e in bundle.entry}) == len(bundle.entry)  # every id unique


def test_walks_and_pain_have_their_loinc_codes_units_and_dates(exported, today):
    observations = resources(exported, "Observation")
    minutes = [o for o in observations if o["code"]["coding"][0]["code"] == "55411-3"]
    assert [(o["effectiveDateTime"], o["valueQuantity"]["value"]) for o in minutes] == [
        ((today - datetime.timedelta(days=1)).isoformat(), 12),
        (today.isoformat(), 15),
    ]
    assert all(
        o["valueQuantity"]["system"] == "http://unitsofmeasure.org"
        and o["valueQuantity"]["code"] == "min"
        for o in minutes
    )
    pain = [o for o in observations if o["code"]["coding"][0]["code"] == "72514-3"]
    assert sorted(o["valueQuantity"]["value"] for o in pain) == [2, 3, 3, 4, 5]
    assert all(o["code"]["coding"][0]["system"] == "http://loinc.org" for o in observations)
    patient = exported["entry"][0]
    assert patient["resource"]["resourceType"] == "Patient"
    assert all(o["subject"]["reference"] == patient["fullUrl"] for o in observations)


def test_answers_refer_to_their_questionnaire(exported, today):
    (questionnaire,) = resources(exported, "Questionnaire")
    (answers,) = resources(exported, "QuestionnaireResponse")
    assert answers["questionnaire"] == questionnaire["url"]
    assert questionnaire["url"].endswith("/questionnaires/back-function/")
    assert len(questionnaire["item"]) == 24 and len(answers["item"]) == 24
    assert answers["authored"] == today.isoformat() and answers["status"] == "completed"
    codes = [i["answer"][0]["valueCoding"]["code"] for i in answers["item"]]
    assert codes == ["yes"] * 7 + ["no"] * 17
    linked = {i["linkId"] for i in questionnaire["item"]}
    assert {i["linkId"] for i in answers["item"]} == linked


def test_the_api_gives_the_same_bundle_and_it_is_private(
    client, patient_client, exported, other_patient
):
    api = patient_client.get("/api/v1/export/fhir/").json()
    Bundle.model_validate(api)
    assert [e["fullUrl"] for e in api["entry"]] == [e["fullUrl"] for e in exported["entry"]]
    client.force_login(other_patient)
    theirs = client.get("/accounts/me/export.fhir.json").json()
    assert [e["resource"]["resourceType"] for e in theirs["entry"]] == ["Patient"]
    client.logout()
    assert client.get("/accounts/me/export.fhir.json").status_code == 302
