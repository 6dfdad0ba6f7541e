"""The doctors directory: seed listings, search, filters, detail, admin."""

import re

import pytest
from django.core.management import call_command

from doctors.models import Doctor, Language, Specialty
from tests.factories import DoctorFactory, SpecialtyFactory, UserFactory

pytestmark = pytest.mark.django_db

SEED = {
    "dr-syed-mateen-pasha": (
        "Dr Syed Mateen Pasha",
        "General Physician",
        2,
        "MBBS",
        "Bengaluru",
        "PRESTIGE SHANTHINIKETAN - SOCIETY CLINIC, Bengaluru",
        None,
    ),
    "dr-d-bhanu-prakash": (
        "Dr. D Bhanu Prakash",
        "General Practitioner",
        10,
        "MBBS, AFIH, Advanced certificate in critical care medicine, "
        "Fellowship in critical care medicine",
        "Hyderabad",
        "Apollo 24|7 Clinic, Hyderabad",
        None,
    ),
    "dr-mohamed-azeem": (
        "Dr. Mohamed Azeem",
        "General Physician/ Internal Medicine Specialist",
        2,
        "MBBS,MD(Internal Medicine) CCEBDM",
        "Karaikudi",
        "Apollo Hospitals Karaikudi, Karaikudi",
        None,
    ),
    "dr-harshendra-jaiswal": (
        "Dr. Harshendra Jaiswal",
        "General Physician/ Internal Medicine Specialist",
        12,
        "MBBS , MD (General medicine)",
        "Kolkata",
        "108 DHANA DHANVANTARI Clinic, Kolkata",
        25,
    ),
    "dr-sandhya-chandel": (
        "Dr. Sandhya Chandel",
        "General Physician/ Internal Medicine Specialist",
        16,
        "MBBS, MD (Int. Med.), IDCCM",
        "Bilaspur",
        "Apollo Hospitals Seepat Road, Bilaspur",
        125,
    ),
}


@pytest.fixture
def seeded(db):
    call_command("loaddata", "doctors", verbosity=0)


def names(response):
    """The doctors listed on the page, in order (as a patient reads them)."""
    return re.findall(
        r'<h2 class="card-title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


def test_fixture_loads_the_five_article_doctors_once(seeded):
    call_command("loaddata", "doctors", verbosity=0)
    assert Doctor.objects.count() == 5
    for slug, (name, title, years, quals, city, clinic, patients) in SEED.items():
        doc = Doctor.objects.get(slug=slug)
        assert (
            doc.name,
            doc.title,
            doc.years_experience,
            doc.qualifications,
            doc.city,
            doc.clinic,
            doc.patients_served,
        ) == (name, title, years, quals, city, clinic, patients)


def test_seed_command_keeps_admin_edits(seeded):
    Doctor.objects.filter(slug="dr-mohamed-azeem").update(listed=False)
    call_command("seed_doctors", verbosity=0)
    assert not Doctor.objects.get(slug="dr-mohamed-azeem").listed
    assert Doctor.objects.count() == 5


def test_list_shows_cards_with_details(client, seeded):
    response = client.get("/doctors/")
    body = response.content.decode()
    assert len(names(response)) == 5
    for text in (
        "Dr. Sandhya Chandel",
        "16 years",
        "MBBS, MD (Int. Med.), IDCCM",
        "Bilaspur",
        "Apollo Hospitals Seepat Road, Bilaspur",
        "125+ patients",
        "25+ patients",
        "General Physician/ Internal Medicine Specialist",
    ):
        assert text in body
    assert "does not book appointments" in body


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("sandhya", ["Dr. Sandhya Chandel"]),  # name, any case
        ("PRACTITIONER", ["Dr. D Bhanu Prakash"]),  # specialty and title
        (
            "internal medicine",
            ["Dr. Harshendra Jaiswal", "Dr. Mohamed Azeem", "Dr. Sandhya Chandel"],
        ),
        ("idccm", ["Dr. Sandhya Chandel"]),  # qualifications
        ("kolkata", ["Dr. Harshendra Jaiswal"]),  # city
        ("shanthiniketan", ["Dr Syed Mateen Pasha"]),  # clinic
        ("nobody-like-this", []),
    ],
)
def test_search(client, seeded, q, expected):
    response = client.get("/doctors/", {"q": q})
    assert sorted(names(response)) == expected  # shown best match first
    if not expected:
        assert "No doctors match your search" in response.content.decode()


def test_search_matches_specialty_name_only(client, seeded):
    SpecialtyFactory(name="Orthopaedics", slug="orthopaedics")
    DoctorFactory(
        name="Dr Bone", specialty=Specialty.objects.get(slug="orthopaedics"), title="Consultant"
    )
    assert names(client.get("/doctors/", {"q": "orthopaed"})) == ["Dr Bone"]


def test_city_and_specialty_filters_and_their_combination(client, seeded):
    assert names(client.get("/doctors/", {"city": "Hyderabad"})) == ["Dr. D Bhanu Prakash"]
    assert len(names(client.get("/doctors/", {"specialty": "internal-medicine"}))) == 3
    both = client.get("/doctors/", {"city": "Kolkata", "specialty": "internal-medicine"})
    assert names(both) == ["Dr. Harshendra Jaiswal"]
    none = client.get("/doctors/", {"city": "Kolkata", "specialty": "general-practitioner"})
    assert names(none) == []
    all_three = client.get(
        "/doctors/", {"q": "apollo", "city": "Bilaspur", "specialty": "internal-medicine"}
    )
    assert names(all_three) == ["Dr. Sandhya Chandel"]


def test_dropdowns_are_built_from_listed_doctors(client, seeded):
    Doctor.objects.filter(city="Karaikudi").update(listed=False)
    page = client.get("/doctors/").content.decode()

    def offered(select_id):
        select = re.search(rf'<select[^>]*id="{select_id}".*?</select>', page, re.S).group(0)
        return re.findall(r'<option value="([^"]+)"', select)

    assert offered("city") == ["Bengaluru", "Bilaspur", "Hyderabad", "Kolkata"]
    assert offered("specialty") == [
        "general-physician",
        "general-practitioner",
        "internal-medicine",
    ]


def test_pagination_keeps_the_search_in_the_url(client, db):
    spec = SpecialtyFactory(name="Physiotherapy", slug="physiotherapy")
    for i in range(15):
        DoctorFactory(name=f"Dr Walker {i:02d}", city="Pune", specialty=spec)
    first = client.get("/doctors/", {"q": "walker", "city": "Pune"})
    assert len(names(first)) == 12
    body = first.content.decode()
    assert "?q=walker&amp;city=Pune&amp;page=2" in body
    second = client.get("/doctors/", {"q": "walker", "city": "Pune", "page": "2"})
    assert len(names(second)) == 3


def test_detail_page_and_404s(client, seeded):
    response = client.get("/doctors/dr-d-bhanu-prakash/")
    assert response.status_code == 200
    assert "Apollo 24|7 Clinic, Hyderabad" in response.content.decode()
    assert client.get("/doctors/no-such-doctor/").status_code == 404
    Doctor.objects.filter(slug="dr-d-bhanu-prakash").update(listed=False)
    assert client.get("/doctors/dr-d-bhanu-prakash/").status_code == 404
    assert "Dr. D Bhanu Prakash" not in client.get("/doctors/").content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "q=%00",
        "q=" + "x" * 5000,
        "page=-1",
        "city=%ED%A0%80",
        "q=%FF%FE",
        "specialty=%3Cscript%3E",
        "q=a&q=b&city=",
    ],
)
def test_odd_queries_never_fail(client, seeded, query):
    assert client.get(f"/doctors/?{query}").status_code == 200


def test_tips_page(client):
    body = client.get("/tips/").content.decode()
    for heading in ("How to walk", "Habits that help between walks", "When to see a doctor"):
        assert heading in body
    for topic in (
        "shoes",
        "10 to 15 minutes",
        "Choose level ground",
        "arm swing",
        "Listen to your body",
        "core",
        "water",
        "healthy weight",
        "sitting",
    ):
        assert topic in body
    assert 'href="/doctors/"' in body


# --- Admin --------------------------------------------------------------------------------
@pytest.fixture
def staff_client(client, db, settings):
    settings.STAFF_REQUIRE_2FA = False  # tests/accounts/test_second_factor.py covers it
    admin_user = UserFactory(username="admin", is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    return client


def test_staff_can_list_search_add_and_unlist(staff_client, seeded):
    response = staff_client.get("/admin/doctors/doctor/")
    assert response.status_code == 200 and "Dr. Sandhya Chandel" in response.content.decode()
    response = staff_client.get("/admin/doctors/doctor/", {"q": "kolkata"})
    assert response.context["cl"].result_count == 1
    response = staff_client.post(
        "/admin/doctors/doctor/add/",
        {
            "name": "Dr New Listing",
            "slug": "dr-new-listing",
            "specialty": "1",
            "title": "General Physician",
            "listed": "on",
            "years_experience": "4",
            "qualifications": "MBBS",
            "city": "Chennai",
            "clinic": "Marina Clinic, Chennai",
            "patients_served": "",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Doctor.objects.get(slug="dr-new-listing").listed
    ids = list(Doctor.objects.filter(city__in=["Kolkata", "Bilaspur"]).values_list("pk", flat=True))
    response = staff_client.post(
        "/admin/doctors/doctor/",
        {"action": "unlist_doctors", "_selected_action": [str(i) for i in ids]},
    )
    assert response.status_code == 302
    assert Doctor.objects.filter(listed=False).count() == 2
    public = staff_client.get("/doctors/").content.decode()
    assert "Dr New Listing" in public and "Dr. Sandhya Chandel" not in public


def test_patient_cannot_reach_admin(patient_client):
    response = patient_client.get("/admin/doctors/doctor/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_fresh_directory_has_common_languages_and_back_pain_specialties(db):
    call_command("seed_doctors", verbosity=0)
    physio = Specialty.objects.get(slug="physiotherapist")
    assert Language.objects.filter(slug__in=["kannada", "tamil", "bengali"]).count() == 3
    assert Specialty.objects.filter(name="General Physician").count() == 1  # the fixture's own
    physio.name = "Physiotherapy (clinic's wording)"
    physio.save()
    Language.objects.filter(slug="odia").update(name="Oriya")
    call_command("seed_doctors", verbosity=0)
    assert Specialty.objects.get(slug="physiotherapist").name == "Physiotherapy (clinic's wording)"
    assert Language.objects.get(slug="odia").name == "Oriya"
    assert Language.objects.filter(name__in=["Odia", "Oriya"]).count() == 1
