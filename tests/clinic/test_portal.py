"""The clinician's pages: second factor first, only linked patients, every
view recorded and shown to the patient, and nothing after a link ends."""

import pytest
from django.test import Client

from clinic.models import AccessRecord, CareLink
from tests.clinic.helpers import make_clinician, verified_client
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_a_password_alone_leads_to_the_second_factor(clinician, linked):
    client = Client()
    client.post("/accounts/login/", {"username": "drmeera", "password": TEST_PASSWORD})
    response = client.get(f"/clinic/patients/{linked.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/?next=")
    assert not AccessRecord.objects.exists()


def test_a_patient_or_a_visitor_never_reaches_the_clinic(client, patient_client, linked):
    assert patient_client.get("/clinic/").status_code == 404
    assert patient_client.get(f"/clinic/patients/{linked.pk}/").status_code == 404
    anonymous = Client()
    assert anonymous.get("/clinic/").status_code == 302


def test_the_clinician_sees_the_linked_patients_report(clinician, linked):
    client = verified_client(clinician)
    panel = client.get("/clinic/").content.decode()
    assert clinician.practice_code in panel and f"/clinic/patients/{linked.pk}/" in panel
    response = client.get(f"/clinic/patients/{linked.pk}/")
    body = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert "Knee ached on the hill" in body and 'id="report-scores"' in body
    whats = sorted(AccessRecord.objects.values_list("what", flat=True))
    assert whats == ["panel", "patient"]


def test_other_links_ended_links_and_unknown_ids_are_404(clinician, linked, other_patient):
    other = make_clinician("drkhan")
    theirs = CareLink.objects.create(patient=other_patient, clinician=other)
    client = verified_client(clinician)
    assert client.get(f"/clinic/patients/{theirs.pk}/").status_code == 404
    assert client.get("/clinic/patients/999999/").status_code == 404
    assert client.get(f"/clinic/patients/{linked.pk}/").status_code == 200
    patient_client = Client()
    patient_client.force_login(linked.patient)
    patient_client.post("/accounts/care-team/", {"end": linked.pk})
    assert client.get(f"/clinic/patients/{linked.pk}/").status_code == 404  # the next request
    assert f"/clinic/patients/{linked.pk}/" not in client.get("/clinic/").content.decode()


def test_the_patient_sees_each_view(clinician, linked):
    client = verified_client(clinician)
    client.get(f"/clinic/patients/{linked.pk}/")
    patient_client = Client()
    patient_client.force_login(linked.patient)
    page = patient_client.get("/accounts/care-team/").content.decode()
    assert "Meera Rao" in page and "opened your report" in page


def test_a_removed_clinician_loses_the_portal(clinician, linked):
    client = verified_client(clinician)
    clinician.user.groups.clear()
    assert client.get(f"/clinic/patients/{linked.pk}/").status_code == 404
