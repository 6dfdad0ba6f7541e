"""A page form sent twice (Back after saving, then Save again; a double tap)
saves once: each rendered form carries its own client_id (issue 24)."""

import re

import pytest

from walks.models import CheckIn, Walk

pytestmark = pytest.mark.django_db


def form_key(client, path) -> str:
    page = client.get(path).content.decode()
    return re.search(r'name="client_id" value="([0-9a-f-]{36})"', page).group(1)


def walk_post(today, key, **fields):
    return {"date": today.isoformat(), "duration_minutes": 20, "pain_before": 3,
            "pain_after": 2, "surface": "flat", "client_id": key, **fields}  # fmt: skip


def test_each_rendered_form_has_a_key_of_its_own(patient_client):
    # (the empty form itself is cached per day: the key is outside it)
    assert form_key(patient_client, "/walks/new/") != form_key(patient_client, "/walks/new/")
    assert form_key(patient_client, "/checkins/new/") != form_key(patient_client, "/checkins/new/")


def test_the_same_walk_form_sent_twice_saves_once(patient_client, patient, today):
    key = form_key(patient_client, "/walks/new/")
    first = patient_client.post("/walks/new/", walk_post(today, key), follow=True)
    assert "is saved" in first.content.decode()
    again = patient_client.post("/walks/new/", walk_post(today, key), follow=True)
    assert "was already saved; it is in your diary once" in again.content.decode()
    assert Walk.objects.filter(user=patient).count() == 1


def test_two_forms_save_two_walks(patient_client, patient, today):
    for _ in range(2):
        key = form_key(patient_client, "/walks/new/")
        patient_client.post("/walks/new/", walk_post(today, key))
    assert Walk.objects.filter(user=patient).count() == 2


def test_a_check_in_sent_twice_saves_once(patient_client, patient, today):
    key = form_key(patient_client, "/checkins/new/")
    data = {"date": today.isoformat(), "pain": 4, "client_id": key}
    patient_client.post("/checkins/new/", data)
    patient_client.post("/checkins/new/", data)
    assert CheckIn.objects.filter(user=patient).count() == 1


def test_a_form_with_errors_keeps_its_key(patient_client, today):
    key = form_key(patient_client, "/walks/new/")
    page = patient_client.post("/walks/new/", walk_post(today, key, duration_minutes=0))
    assert page.status_code == 200 and f'value="{key}"' in page.content.decode()


@pytest.mark.parametrize("bad", ["not-a-uuid", "x" * 5000, ""])
def test_a_malformed_key_still_saves_the_walk(patient_client, patient, today, bad):
    response = patient_client.post("/walks/new/", walk_post(today, bad))
    assert response.status_code == 302
    assert Walk.objects.filter(user=patient).count() == 1


def test_another_patients_key_does_not_reveal_their_walk(client, patient, other_patient, today):
    client.force_login(patient)
    key = form_key(client, "/walks/new/")
    client.post("/walks/new/", walk_post(today, key))
    client.force_login(other_patient)
    client.post("/walks/new/", walk_post(today, key, duration_minutes=33))
    assert Walk.objects.get(user=other_patient).duration_minutes == 33
