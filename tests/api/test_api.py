"""The REST API: contract, tokens and scopes, ownership, idempotency, throttling."""

import datetime
import re
import uuid

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from accounts.models import AccessToken
from tests.factories import CheckInFactory, DoctorFactory, WalkFactory
from walks.models import CheckIn, Walk

pytestmark = pytest.mark.django_db


def make_token(client, scope="write", name="my watch") -> str:
    response = client.post("/accounts/tokens/", {"name": name, "scope": scope})
    html = response.content.decode()
    return re.search(r'value="(ww_[^"]+)" id="new-token"', html).group(1)


@pytest.fixture
def api(patient_client):
    """An API client with a write token, as a watch app would have."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {make_token(patient_client)}")
    return client


def walk_json(day, **fields):
    return {"date": day.isoformat(), "duration_minutes": 20, "pain_before": 3, "pain_after": 2,
            **fields}  # fmt: skip


def test_tokens_are_shown_once_and_stored_as_a_hash(patient_client, patient):
    token = make_token(patient_client)
    stored = AccessToken.objects.get(user=patient)
    assert token not in stored.token_hash and len(token) > 40
    listing = patient_client.get("/accounts/tokens/").content.decode()
    assert token not in listing and "my watch" in listing and "Not used yet" in listing
    APIClient().get("/api/v1/walks/", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert "Last used" in patient_client.get("/accounts/tokens/").content.decode()


def test_log_a_walk_with_a_token_and_read_it_back(api, patient, patient_client, today):
    response = api.post("/api/v1/walks/", walk_json(today, both_legs=True), format="json")
    assert response.status_code == 201, response.content
    walk = Walk.objects.get(user=patient)
    assert response.json()["id"] == walk.pk and response.json()["both_legs"] is True
    assert api.get(f"/api/v1/walks/{walk.pk}/").json()["duration_minutes"] == 20
    progress = api.get("/api/v1/progress/").json()
    assert progress["warnings"][0]["code"] == "both_legs"
    assert progress == patient_client.get("/progress.json").json()


def test_the_forms_rules_apply(api, today):
    response = api.post(
        "/api/v1/walks/",
        walk_json(today + datetime.timedelta(days=1), duration_minutes=301, surface="lava"),
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()
    assert set(errors) == {"date", "duration_minutes", "surface"}
    assert "cannot be in the future" in errors["date"][0]
    assert not Walk.objects.exists()
    for bad in ([], "walk", {"duration_minutes": [20]}, None):
        assert api.post("/api/v1/walks/", bad, format="json").status_code == 400
    raw = api.generic("POST", "/api/v1/walks/", b"\xff{not json", content_type="application/json")
    assert raw.status_code == 400


def test_partial_update_and_delete_go_through_the_services(api, patient, today):
    walk = WalkFactory(user=patient, date=today - datetime.timedelta(days=9))
    response = api.patch(f"/api/v1/walks/{walk.pk}/", {"pain_after": 8}, format="json")
    assert response.status_code == 200 and response.json()["pain_after"] == 8
    assert api.get("/api/v1/progress/").json()["weeks"][0]["decision"] == "pause"
    assert api.delete(f"/api/v1/walks/{walk.pk}/").status_code == 204
    assert not Walk.objects.exists()
    assert api.put(f"/api/v1/walks/{walk.pk}/", {}, format="json").status_code == 405


def test_the_same_client_id_saves_once(api, patient, today):
    client_id = str(uuid.uuid4())
    first = api.post("/api/v1/checkins/", {"date": today.isoformat(), "pain": 4,
                                           "client_id": client_id}, format="json")  # fmt: skip
    again = api.post("/api/v1/checkins/", {"date": today.isoformat(), "pain": 4,
                                           "client_id": client_id}, format="json")  # fmt: skip
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert CheckIn.objects.filter(user=patient).count() == 1
    bad = api.post("/api/v1/checkins/", {"date": today.isoformat(), "pain": 4,
                                         "client_id": "not-a-uuid"}, format="json")  # fmt: skip
    assert bad.status_code == 400 and "client_id" in bad.json()


def test_a_read_token_cannot_write(patient_client, today):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {make_token(patient_client, scope='read')}")
    assert client.get("/api/v1/walks/").status_code == 200
    assert client.post("/api/v1/walks/", walk_json(today), format="json").status_code == 403
    assert not Walk.objects.exists()


def test_revoked_and_unknown_tokens_are_refused(patient_client, patient):
    token = make_token(patient_client)
    stored = AccessToken.objects.get(user=patient)
    patient_client.post("/accounts/tokens/", {"revoke": str(stored.pk)})
    for value in (token, "ww_nothing", "é"):
        response = APIClient().get("/api/v1/walks/", HTTP_AUTHORIZATION=f"Bearer {value}")
        assert response.status_code == 401
    assert APIClient().get("/api/v1/walks/").status_code in (401, 403)


def test_another_patients_entries_are_404(api, other_patient):
    theirs = WalkFactory(user=other_patient)
    CheckInFactory(user=other_patient)
    assert api.get(f"/api/v1/walks/{theirs.pk}/").status_code == 404
    assert (
        api.patch(f"/api/v1/walks/{theirs.pk}/", {"pain_after": 1}, format="json").status_code
        == 404
    )
    assert api.delete(f"/api/v1/walks/{theirs.pk}/").status_code == 404
    assert api.get("/api/v1/walks/").json()["results"] == []
    assert api.get("/api/v1/checkins/").json()["results"] == []


def test_lists_are_newest_first_with_a_cursor(api, patient, today):
    for i in range(60):
        WalkFactory(user=patient, date=today - datetime.timedelta(days=i))
    page = api.get("/api/v1/walks/").json()
    assert len(page["results"]) == 50 and page["results"][0]["date"] == today.isoformat()
    rest = api.get(page["next"]).json()
    assert len(rest["results"]) == 10 and rest["next"] is None


def test_plan_and_function_checks(api, today):
    start = today - datetime.timedelta(days=3)
    response = api.put("/api/v1/plan/", {"start_date": start.isoformat(), "start_minutes": 12},
                       format="json")  # fmt: skip
    assert response.json() == {"start_date": start.isoformat(), "start_minutes": 12,
                               "explicit": True}  # fmt: skip
    assert api.put("/api/v1/plan/", {"start_date": start.isoformat(), "start_minutes": 9},
                   format="json").status_code == 400  # fmt: skip
    check = {"date": today.isoformat(), "pain_average": 6, "enjoyment_interference": 5,
             "activity_interference": 4}  # fmt: skip
    created = api.post("/api/v1/checks/", check, format="json")
    assert created.status_code == 201 and created.json()["score"] == "5.0"
    assert api.post("/api/v1/checks/", check, format="json").status_code == 400


def test_doctors_are_public_and_filtered(client):
    DoctorFactory(name="Dr Asha Rao", city="Pune")
    DoctorFactory(name="Dr Vikram Sen", city="Delhi")
    DoctorFactory(name="Dr Hidden", listed=False)
    names = [d["name"] for d in APIClient().get("/api/v1/doctors/").json()["results"]]
    assert names == ["Dr Asha Rao", "Dr Vikram Sen"]
    found = APIClient().get("/api/v1/doctors/", {"city": "Delhi"}).json()["results"]
    assert [d["name"] for d in found] == ["Dr Vikram Sen"]
    assert (
        APIClient().get("/api/v1/doctors/", {"search": "asha"}).json()["results"][0]["city"]
        == "Pune"
    )


def test_too_many_requests_get_429_with_retry_after(api, settings):
    cache.clear()
    statuses = [api.get("/api/v1/walks/").status_code for _ in range(125)]
    assert statuses[:120] == [200] * 120
    response = api.get("/api/v1/walks/")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    cache.clear()


def test_schema_and_docs(client):
    schema = client.get("/api/schema/", {"format": "json"})
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert {"/api/v1/walks/", "/api/v1/checkins/", "/api/v1/plan/", "/api/v1/progress/",
            "/api/v1/doctors/", "/api/v1/checks/"} <= set(paths)  # fmt: skip
    walk_fields = schema.json()["components"]["schemas"]["WalkRequest"]["properties"]
    assert {"duration_minutes", "both_legs", "client_id", "surface"} <= set(walk_fields)
    assert walk_fields["duration_minutes"]["maximum"] == 300
    docs = client.get("/api/docs/").content.decode()
    assert "swagger-ui-bundle.js" in docs and "<script>" not in docs and "cdn" not in docs.lower()


def test_the_session_works_too_with_csrf(patient, today):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(patient)
    assert client.get("/api/v1/walks/").status_code == 200
    refused = client.post("/api/v1/walks/", walk_json(today), format="json")
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    assert not Walk.objects.exists()


def test_entries_are_written_out_exactly_as_drfs_own_fields_would(patient):
    """The serializers' direct output (walks/api/serializers.py) against
    DRF's field-by-field one, for every kind of value an entry holds."""
    from rest_framework import serializers as drf

    from walks.api.serializers import CheckInSerializer, WalkSerializer

    walk = WalkFactory(user=patient, notes="Park, then the hill", stopped_for_sharp_pain=True,
                       surface="uneven")  # fmt: skip
    Walk.objects.filter(pk=walk.pk).update(client_id=uuid.uuid4())
    walk.refresh_from_db()
    checkin = CheckInFactory(user=patient, notes="", fever=True)
    for serializer_class, entry in ((WalkSerializer, walk), (CheckInSerializer, checkin)):
        serializer = serializer_class(entry)
        fast = serializer.data
        assert fast == drf.Serializer.to_representation(serializer, entry)
        assert set(fast) >= {"id", "date", "created_at", "updated_at", "client_id", "notes"}
    assert WalkSerializer(walk).data["client_id"] == str(walk.client_id)
