"""The patient's care team: linking a clinician by code, with consent, and
ending the link at once."""

import pytest
from django.core.management import call_command
from django.test import Client

from clinic.models import AccessRecord, CareLink, Clinician
from tests.factories import DoctorFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clinician():
    user = UserFactory(username="drmeera", first_name="Meera", last_name="Rao")
    call_command("add_clinician", "drmeera", verbosity=0)
    return Clinician.objects.get(user=user)


def test_add_clinician_gives_a_code_and_the_group(clinician, capsys):
    code = clinician.practice_code
    assert len(code) == 8 and not set(code) & set("01OIL")
    assert clinician.user.groups.filter(name="clinicians").exists()
    doctor = DoctorFactory()
    call_command("add_clinician", "drmeera", "--doctor", doctor.slug)
    clinician.refresh_from_db()
    assert clinician.doctor == doctor and clinician.practice_code == code  # the same code
    assert code in capsys.readouterr().out


def test_a_code_shows_who_it_is_before_anything_is_linked(patient_client, clinician):
    code = clinician.practice_code.lower()
    body = patient_client.post("/accounts/care-team/", {"code": f" {code[:4]}-{code[4:]} "})
    page = body.content.decode()
    assert "This code belongs to <strong>Meera Rao</strong>" in page
    assert not CareLink.objects.exists()


def test_an_unknown_code_is_explained_beside_the_field(patient_client, clinician):
    page = patient_client.post("/accounts/care-team/", {"code": "ZZZZZZZZ"}).content.decode()
    assert "No clinician has this code." in page and not CareLink.objects.exists()


def test_linking_needs_consent(patient_client, clinician):
    data = {"code": clinician.practice_code, "scopes": ["view"]}
    page = patient_client.post("/accounts/care-team/", data).content.decode()
    assert not CareLink.objects.exists() and "This code belongs to" in page
    data["consent"] = ""
    patient_client.post("/accounts/care-team/", data)
    assert not CareLink.objects.exists()
    data["consent"] = "1"
    response = patient_client.post("/accounts/care-team/", data)
    assert response.status_code == 302
    link = CareLink.objects.get()
    assert link.active and not link.can_adjust_plan
    page = patient_client.get("/accounts/care-team/").content.decode()
    assert "Meera Rao" in page and "May see your data." in page


def test_linking_twice_keeps_one_link_with_the_new_scopes(patient_client, clinician):
    data = {"code": clinician.practice_code, "consent": "1", "scopes": ["view"]}
    patient_client.post("/accounts/care-team/", data)
    patient_client.post("/accounts/care-team/", {**data, "scopes": ["view", "adjust_plan"]})
    link = CareLink.objects.get()
    assert link.can_adjust_plan


def test_a_patient_may_link_several_clinicians(patient_client, clinician):
    other = UserFactory(username="drkhan")
    call_command("add_clinician", "drkhan", verbosity=0)
    for c in (clinician, Clinician.objects.get(user=other)):
        patient_client.post("/accounts/care-team/", {"code": c.practice_code, "consent": "1"})
    assert CareLink.objects.filter(ended_at=None).count() == 2


def test_ending_a_link_is_immediate_and_only_for_the_owner(
    patient_client, patient, other_patient, clinician
):
    patient_client.post("/accounts/care-team/", {"code": clinician.practice_code, "consent": "1"})
    link = CareLink.objects.get()
    other = Client()
    other.force_login(other_patient)
    other.post("/accounts/care-team/", {"end": link.pk})
    link.refresh_from_db()
    assert link.active  # another patient cannot end it
    patient_client.post("/accounts/care-team/", {"end": link.pk})
    link.refresh_from_db()
    assert not link.active
    assert "No clinician is linked." in patient_client.get("/accounts/care-team/").content.decode()
    assert patient_client.post("/accounts/care-team/", {"end": "x"}).status_code == 302


def test_a_removed_clinician_code_stops_working(patient_client, clinician):
    clinician.user.groups.clear()
    page = patient_client.post(
        "/accounts/care-team/", {"code": clinician.practice_code}
    ).content.decode()
    assert "No clinician has this code." in page


def test_the_patient_sees_every_clinician_view(patient_client, patient, other_patient, clinician):
    patient_client.post("/accounts/care-team/", {"code": clinician.practice_code, "consent": "1"})
    link = CareLink.objects.get()
    for _ in range(55):
        AccessRecord.objects.create(link=link, what=AccessRecord.VIEW_PATIENT)
    theirs = CareLink.objects.create(patient=other_patient, clinician=clinician)
    AccessRecord.objects.create(link=theirs, what=AccessRecord.ADJUST_PLAN)
    page = patient_client.get("/accounts/care-team/").content.decode()
    assert page.count("opened your report") == 50 and "set your plan" not in page
    csv = patient_client.get("/accounts/care-team/views.csv").content.decode().splitlines()
    assert csv[0] == "when,clinician,what" and len(csv) == 56
    assert all(line.endswith(",Meera Rao,patient") for line in csv[1:])
