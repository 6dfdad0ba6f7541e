"""Listing details: contact details, languages, consultation modes and
photos, and the filters for them (issue 18)."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from doctors.models import Doctor, Language
from tests.factories import DoctorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    hindi = Language.objects.create(name="Hindi", slug="hindi")
    english = Language.objects.create(name="English", slug="english")
    video = DoctorFactory(name="Dr Video", slug="dr-video", video=True, in_clinic=False,
                          phone="+91 11 4055 5555", address="12 Ring Road\nNew Delhi",
                          opening_hours="Mon-Sat 10:00-14:00")  # fmt: skip
    video.languages.set([hindi, english])
    clinic = DoctorFactory(name="Dr Clinic", slug="dr-clinic")
    clinic.languages.set([english])
    DoctorFactory(name="Dr Older Listing", slug="dr-older")  # no new fields at all
    return video, clinic


def names(response) -> list[str]:
    return re.findall(
        r'<h2 class="card-title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


def test_contact_details_languages_and_modes_are_shown(client, directory):
    page = client.get("/doctors/dr-video/").content.decode()
    assert '<a href="tel:+911140555555">+91 11 4055 5555</a>' in page
    assert "12 Ring Road<br>New Delhi" in page
    assert "Hindi, English" in page or "English, Hindi" in page
    assert "Video" in page and "Mon-Sat 10:00-14:00" in page
    older = client.get("/doctors/dr-older/")
    assert older.status_code == 200 and "In the clinic" in older.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"language": "hindi"}, ["Dr Video"]),
        ({"language": "english"}, ["Dr Clinic", "Dr Video"]),
        ({"mode": "video"}, ["Dr Video"]),
        ({"mode": "in_clinic"}, ["Dr Clinic", "Dr Older Listing"]),
        ({"mode": "teleport"}, ["Dr Clinic", "Dr Older Listing", "Dr Video"]),  # ignored
        ({"language": "english", "mode": "video"}, ["Dr Video"]),
        ({"language": "klingon"}, []),
    ],
)
@pytest.mark.parametrize("share", [0.0, 1.1], ids=["walk the name index", "join and sort"])
def test_language_and_mode_filters(client, directory, query, expected, share, monkeypatch):
    # Both ways of filtering by language (chosen by how many doctors speak
    # it) find the same doctors in the same order.
    monkeypatch.setattr("doctors.models.COMMON_LANGUAGE_SHARE", share)
    assert names(client.get("/doctors/", query)) == expected


def test_a_card_shows_every_change_at_once(client, directory):
    """Cards are cached per version of the listing: an edit of the doctor,
    of their languages, of their specialty's or a language's name shows on
    the next page load."""
    video, _ = directory

    def card():
        page = client.get("/doctors/", {"mode": "video"}).content.decode()
        return re.search(r'<article class="card doctor-card.*?</article>', page, re.S).group(0)

    assert "Dr Video" in card() and "Hindi" in card()
    video.name = "Dr Video Renamed"
    video.save()
    assert "Dr Video Renamed" in card()
    tamil = Language.objects.create(name="Tamil", slug="tamil")
    video.languages.add(tamil)
    assert "Tamil" in card()
    video.languages.remove(tamil)
    assert "Tamil" not in card()
    hindi = Language.objects.get(slug="hindi")
    hindi.name = "Hindi (हिन्दी)"
    hindi.save()
    assert "Hindi (हिन्दी)" in card()
    specialty = video.specialty
    specialty.name = "Spine and Pain Medicine"
    specialty.save()
    assert "Spine and Pain Medicine" in card()
    hindi.delete()
    assert "Hindi" not in card()


def test_the_api_lists_the_new_fields_and_filters(client, directory):
    data = client.get("/api/v1/doctors/", {"language": "hindi", "mode": "video"}).json()
    (doctor,) = data["results"]
    assert doctor["phone"] == "+91 11 4055 5555"
    assert sorted(doctor["languages"]) == ["English", "Hindi"]
    assert doctor["consultation_modes"] == ["video"]


@pytest.mark.parametrize("phone", ["call me", "12", "+91 11 4055 5555 ext 3", "<b>1234567</b>"])
def test_a_bad_phone_number_is_refused(directory, phone):
    doctor = Doctor.objects.get(slug="dr-clinic")
    doctor.phone = phone
    with pytest.raises(ValidationError) as error:
        doctor.full_clean()
    assert "Enter a phone number" in str(error.value)


def picture(kind="JPEG", size=(1200, 900)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (40, 90, 120)).save(out, kind)
    return out.getvalue()


def test_a_photo_is_checked_resized_and_stored(directory):
    doctor = Doctor.objects.get(slug="dr-clinic")
    doctor.photo = SimpleUploadedFile("me.png", picture("PNG"), content_type="image/png")
    doctor.full_clean()
    doctor.save()
    doctor.refresh_from_db()
    assert doctor.photo.name.startswith("doctors/dr-clinic-") and doctor.photo.name.endswith(".jpg")
    with Image.open(doctor.photo.open()) as stored:
        assert (stored.format, max(stored.size)) == ("JPEG", 600)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"GIF89a" + bytes(100), "not a photo we can read"),
        (b"%PDF-1.4 not an image", "not a photo we can read"),
        (picture("GIF"), "Upload a JPEG, PNG or WebP photo."),
    ],
)
def test_a_file_that_is_not_a_photo_is_refused(directory, data, message):
    doctor = Doctor.objects.get(slug="dr-clinic")
    doctor.photo = SimpleUploadedFile("x.jpg", data, content_type="image/jpeg")
    with pytest.raises(ValidationError) as error:
        doctor.full_clean()
    assert message in str(error.value)


def test_a_photo_over_5_mb_is_refused(directory):
    doctor = Doctor.objects.get(slug="dr-clinic")
    doctor.photo = SimpleUploadedFile("big.jpg", picture() + bytes(5 * 1024 * 1024))
    with pytest.raises(ValidationError, match="at most 5 MB"):
        doctor.full_clean()


def test_a_photo_of_144_megapixels_in_a_tiny_file_is_refused_before_decoding(directory):
    buffer = io.BytesIO()
    Image.new("1", (12000, 12000)).save(buffer, "PNG", optimize=True)  # about 17 KB
    assert buffer.tell() < 100_000
    doctor = Doctor.objects.get(slug="dr-clinic")
    doctor.photo = SimpleUploadedFile("huge.png", buffer.getvalue(), content_type="image/png")
    with pytest.raises(ValidationError, match="144 megapixels; at most 40 can be used"):
        doctor.full_clean()


def test_a_photo_of_40_megapixels_is_accepted(directory):
    buffer = io.BytesIO()
    Image.new("1", (8000, 5000)).save(buffer, "PNG")
    doctor = Doctor.objects.get(slug="dr-clinic")
    doctor.photo = SimpleUploadedFile("big.png", buffer.getvalue(), content_type="image/png")
    doctor.full_clean()


@pytest.mark.parametrize(
    "params",
    [
        {"language": "x" * 5000},
        {"mode": "<script>alert(1)</script>"},
        {"language": "हिन्दी", "mode": "वीडियो"},
        {"language": "\x00", "q": "\x00"},
        {"mode": ["video", "in_clinic"]},
    ],
)
def test_odd_filter_values_never_fail(client, directory, params):
    assert client.get("/doctors/", params).status_code == 200
    assert client.get("/api/v1/doctors/", params).status_code in (200, 400)


def test_the_api_refuses_an_unknown_mode(client, directory):
    for value in ("teleport", ""):
        response = client.get("/api/v1/doctors/", {"mode": value})
        assert response.status_code == 400 and "mode must be" in response.content.decode()


def test_search_puts_the_best_match_first_and_tolerates_prefixes(client, db):
    DoctorFactory(name="Dr Asha Menon", slug="a", qualifications="MBBS, spine fellowship",
                  clinic="City Clinic")  # fmt: skip
    DoctorFactory(name="Dr Spine Iyer", slug="b", title="Spine surgeon",
                  clinic="Spine and Back Centre")  # fmt: skip
    DoctorFactory(name="Dr Unrelated", slug="c", clinic="Heart Centre")
    assert names(client.get("/doctors/", {"q": "spine"})) == ["Dr Spine Iyer", "Dr Asha Menon"]
    assert names(client.get("/doctors/", {"q": "iye"})) == ["Dr Spine Iyer"]  # a prefix


def test_a_misspelt_name_still_finds_the_doctor_on_either_database(client, db):
    # pg_trgm on PostgreSQL; on SQLite a trigram index of names, asked only
    # when nothing matches word for word.
    DoctorFactory(name="Dr. Sandhya Chandel", slug="dr-sandhya-chandel")
    DoctorFactory(name="Dr Ravi Menon", slug="dr-ravi-menon")
    assert names(client.get("/doctors/", {"q": "Chandal"})) == ["Dr. Sandhya Chandel"]
    assert names(client.get("/doctors/", {"q": "Chand"})) == ["Dr. Sandhya Chandel"]


def test_a_search_shows_an_edit_at_once(client, directory):
    """Ranked searches are cached under the directory's latest change."""
    video, clinic = directory
    assert names(client.get("/doctors/", {"q": "Chandel"})) == []
    clinic.name = "Dr Clinic Chandel"
    clinic.save()
    assert names(client.get("/doctors/", {"q": "Chandel"})) == ["Dr Clinic Chandel"]
    clinic.listed = False
    clinic.save()
    assert names(client.get("/doctors/", {"q": "Chandel"})) == []


def test_a_deleted_listing_goes_at_once(client, directory):
    """Pages are cached under the directory's latest change; a deletion
    leaves no newer row, so it is counted separately."""
    video, clinic = directory
    assert "Dr Clinic" in names(client.get("/doctors/"))
    clinic.delete()
    assert names(client.get("/doctors/")) == ["Dr Older Listing", "Dr Video"]
    Doctor.objects.filter(slug="dr-older").delete()  # a bulk delete sends the signal too
    assert names(client.get("/doctors/")) == ["Dr Video"]


def test_a_repeated_search_costs_one_query(client, directory, django_assert_num_queries):
    client.get("/doctors/", {"q": "video", "mode": "video"})
    with django_assert_num_queries(1):  # the directory's latest change
        page = client.get("/doctors/", {"q": "video", "mode": "video"})
    assert names(page) == ["Dr Video"]
