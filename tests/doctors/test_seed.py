"""The seeded specialties and languages read in the reader's language; a
name an admin typed is shown as typed."""

import pytest
from django.core.management import call_command

from doctors.models import Language, Specialty
from tests.factories import DoctorFactory

pytestmark = pytest.mark.django_db


def test_seeded_names_are_shown_in_hindi_and_typed_ones_as_typed(client):
    call_command("seed_doctors", verbosity=0)
    physio = Specialty.objects.get(slug="physiotherapist")
    doctor = DoctorFactory(name="Dr Asha Rao", specialty=physio)
    doctor.languages.set([Language.objects.get(slug="kannada")])
    yoga = Specialty.objects.create(slug="yoga-therapist", name="Yoga therapist")
    DoctorFactory(name="Dr Meena Iyer", specialty=yoga)
    english = client.get("/doctors/").content.decode()
    assert "Physiotherapist" in english and "Kannada" in english
    client.post("/i18n/setlang/", {"language": "hi", "next": "/doctors/"})
    hindi = client.get("/doctors/").content.decode()
    assert "फ़िज़ियोथेरेपिस्ट" in hindi and "कन्नड़" in hindi
    assert ">Physiotherapist<" not in hindi
    assert "Yoga therapist" in hindi  # typed in the admin: not in the catalogue
    detail = client.get(f"/doctors/{doctor.slug}/").content.decode()
    assert "फ़िज़ियोथेरेपिस्ट" in detail and "कन्नड़" in detail


def test_a_language_typed_in_the_search_finds_who_speaks_it(client):
    call_command("seed_doctors", verbosity=0)
    physio = Specialty.objects.get(slug="physiotherapist")
    speaks = DoctorFactory(name="Dr Kavya Gowda", specialty=physio, city="Mysuru")
    speaks.languages.set([Language.objects.get(slug="kannada")])
    other = DoctorFactory(name="Dr Ravi Menon", specialty=physio, city="Kochi")
    other.languages.set([Language.objects.get(slug="malayalam")])
    for query in ("kannada", "Kannada", "kannada mysuru"):
        page = client.get("/doctors/", {"q": query}).content.decode()
        assert "Dr Kavya Gowda" in page, query
        assert "Dr Ravi Menon" not in page, query
    assert "Dr Kavya Gowda" not in client.get("/doctors/", {"q": "kannada kochi"}).content.decode()
    client.post("/i18n/setlang/", {"language": "hi", "next": "/doctors/"})
    page = client.get("/doctors/", {"q": "कन्नड़"}).content.decode()
    assert "Dr Kavya Gowda" in page and "Dr Ravi Menon" not in page


@pytest.mark.parametrize("query", ["Chandal", "chandell", "Sandya Chandel"])
def test_a_misspelt_name_still_finds_the_doctor(client, query):
    call_command("loaddata", "doctors", verbosity=0)
    page = client.get("/doctors/", {"q": query}).content.decode()
    assert "Sandhya Chandel" in page, query


def test_a_name_unlike_any_finds_nobody(client):
    call_command("loaddata", "doctors", verbosity=0)
    page = client.get("/doctors/", {"q": "Zzyzx"}).content.decode()
    assert "Sandhya Chandel" not in page
