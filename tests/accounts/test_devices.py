"""Offline entries belong to one account: every response names the signed-in
account with an opaque key, and the API refuses an entry saved on this device
for another account (issue 24)."""

import json
import re

import pytest

from accounts.devices import ACCOUNT_HEADER, device_account
from walks.models import Walk

pytestmark = pytest.mark.django_db


def walk_body(today, **fields):
    return json.dumps({"date": today.isoformat(), "duration_minutes": 20, "pain_before": 3,
                       "pain_after": 2, **fields})  # fmt: skip


def test_every_response_names_the_signed_in_account(client, patient, other_patient):
    assert client.get("/tips/")[ACCOUNT_HEADER] == ""
    client.force_login(patient)
    key = client.get("/tips/")[ACCOUNT_HEADER]
    assert key and key == client.get("/walks/new/")[ACCOUNT_HEADER]
    assert str(patient.pk) != key and len(key) == 24
    page = client.get("/").content.decode()
    assert re.search(rf'id="offline-queue"[^>]*data-account="{key}"', page)
    client.force_login(other_patient)
    assert client.get("/tips/")[ACCOUNT_HEADER] not in ("", key)


def test_the_offline_page_names_no_account(client, patient):
    client.force_login(patient)
    page = client.get("/offline/").content.decode()
    assert 'data-account=""' in page and patient.username not in page


def test_an_entry_saved_for_another_account_is_refused(client, patient, other_patient, today):
    client.force_login(other_patient)  # B is signed in now
    response = client.post(
        "/api/v1/walks/",
        walk_body(today, saddle_numbness=True),
        content_type="application/json",
        headers={ACCOUNT_HEADER: device_account(patient)},  # saved by A, offline
    )
    assert response.status_code == 409
    assert "another account" in response.json()["detail"]
    assert not Walk.objects.exists()


def test_an_entry_for_the_signed_in_account_is_saved(client, patient, today):
    client.force_login(patient)
    response = client.post(
        "/api/v1/walks/", walk_body(today), content_type="application/json",
        headers={ACCOUNT_HEADER: device_account(patient)},
    )  # fmt: skip
    assert response.status_code == 201
    assert Walk.objects.get().user == patient


def test_deleting_the_account_clears_the_browser(patient_client, password):
    response = patient_client.post("/accounts/me/delete/", {"password": password})
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'
