"""Directory admin: bulk import/export with a dry-run preview, and history
with revert (issue 18)."""

import re

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from doctors.models import Doctor, Language
from doctors.resources import DoctorResource
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HEADERS = ["slug", "name", "specialty", "title", "years_experience", "qualifications", "city",
           "clinic", "phone", "languages", "video"]  # fmt: skip


@pytest.fixture
def seeded(db):
    call_command("loaddata", "doctors", verbosity=0)
    Language.objects.create(name="Hindi", slug="hindi")
    Language.objects.create(name="English", slug="english")


@pytest.fixture
def staff_client(client, db, settings):
    settings.STAFF_REQUIRE_2FA = False  # the second factor has its own tests
    client.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))
    return client


def specialty_name():
    return Doctor.objects.first().specialty.name


def csv_rows(*rows) -> str:
    data = tablib.Dataset(headers=HEADERS)
    for row in rows:
        data.append(row)
    return data.export("csv")


def good_row(slug="dr-imported", name="Dr Imported", phone="+91 20 1234 5678"):
    return [slug, name, specialty_name(), "Spine specialist", "12", "MBBS, MS", "Pune",
            "Spine Centre", phone, "Hindi|English", "1"]  # fmt: skip


def test_a_good_file_imports_and_a_second_run_changes_nothing(seeded):
    before = Doctor.objects.count()
    dataset = tablib.Dataset().load(csv_rows(good_row()), format="csv")
    result = DoctorResource().import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    doctor = Doctor.objects.get(slug="dr-imported")
    assert sorted(doctor.languages.values_list("name", flat=True)) == ["English", "Hindi"]
    assert doctor.video is True and doctor.history.exists()
    again = DoctorResource().import_data(tablib.Dataset().load(csv_rows(good_row()), format="csv"))
    assert [row.import_type for row in again.rows] == ["skip"]
    assert Doctor.objects.count() == before + 1


def test_bad_rows_are_reported_and_nothing_is_saved(seeded):
    before = set(Doctor.objects.values_list("slug", flat=True))
    rows = csv_rows(
        good_row("dr-fine", "Dr Fine"),
        good_row("dr-bad-phone", "Dr Bad Phone", phone="call me"),
        ["dr-no-specialty", "Dr X", "Astrology", "T", "3", "Q", "Pune", "C", "", "", "0"],
        ["dr-bad-years", "Dr Y", specialty_name(), "T", "many", "Q", "Pune", "C", "", "", "0"],
    )
    result = DoctorResource().import_data(tablib.Dataset().load(rows, format="csv"), dry_run=True)
    assert result.has_errors() or result.has_validation_errors()
    bad = {row.number for row in result.invalid_rows} | {n for n, _ in result.row_errors()}
    assert bad == {2, 3, 4}
    assert set(Doctor.objects.values_list("slug", flat=True)) == before


def test_the_admin_previews_an_import_with_row_errors_and_offers_no_confirm(staff_client, seeded):
    page = staff_client.get("/admin/doctors/doctor/import/")
    assert page.status_code == 200
    body = page.content.decode()
    formats = dict(re.findall(r'<option value="(\d+)"[^>]*>([a-z]+)</option>', body))
    csv_choice = next(k for k, v in formats.items() if v == "csv")
    upload = SimpleUploadedFile("doctors.csv", csv_rows(
        good_row("dr-fine", "Dr Fine"), good_row("dr-bad", "Dr Bad", phone="call me")
    ).encode())  # fmt: skip
    preview = staff_client.post(
        "/admin/doctors/doctor/import/",
        {"resource": "0", "format": csv_choice, "import_file": upload},
    )
    text = preview.content.decode()
    assert preview.status_code == 200
    assert "Enter a phone number" in text
    assert "process_import" not in text  # no confirm button while a row is bad
    assert not Doctor.objects.filter(slug__in=["dr-fine", "dr-bad"]).exists()


def test_each_bad_cell_is_named_with_its_spreadsheet_line_and_column(staff_client, seeded):
    page = staff_client.get("/admin/doctors/doctor/import/").content.decode()
    formats = dict(re.findall(r'<option value="(\d+)"[^>]*>([a-z]+)</option>', page))
    csv_choice = next(k for k, v in formats.items() if v == "csv")
    rows = csv_rows(
        good_row("dr-fine", "Dr Fine"),  # line 2 (the header is line 1)
        ["dr-astro", "Dr A", "Astrology", "T", "3", "Q", "Pune", "C", "", "Hindi", "0"],
        ["dr-klingon", "Dr K", specialty_name(), "T", "3", "Q", "Pune", "C", "", "Hindi|Klingon",
         "0"],
        ["dr-two", "Dr T", "Astrology", "T", "many", "Q", "Pune", "C", "call me", "Hindi", "0"],
    )  # fmt: skip
    preview = staff_client.post(
        "/admin/doctors/doctor/import/",
        {"resource": "0", "format": csv_choice,
         "import_file": SimpleUploadedFile("doctors.csv", rows.encode())},
    )  # fmt: skip
    text = preview.content.decode()
    cells = re.findall(r"<li>(Line \d+[^<]*)</li>", text)
    assert "Line 3, column “specialty”: No specialty is called “Astrology”. Add it under " \
        "Specialties first." in cells  # fmt: skip
    assert "Line 4, column “languages”: No language is called “Klingon”. Add it under " \
        "Languages first." in cells  # fmt: skip
    line_5 = [c for c in cells if c.startswith("Line 5, column")]
    assert {c.split("”")[0] for c in line_5} >= {
        "Line 5, column “specialty",
        "Line 5, column “years_experience",
    }
    assert not any(c.startswith("Line 2") for c in cells)
    assert "matching query does not exist" not in text and "process_import" not in text
    assert not Doctor.objects.filter(slug__in=["dr-fine", "dr-astro", "dr-klingon"]).exists()


def test_export_follows_the_current_filter_as_csv_and_xlsx(staff_client, seeded):
    page = staff_client.get("/admin/doctors/doctor/export/?city__exact=Kolkata")
    assert page.status_code == 200
    body = page.content.decode()
    formats = dict(re.findall(r'<option value="(\d+)"[^>]*>([a-z]+)</option>', body))
    assert set(formats.values()) >= {"csv", "xlsx"}
    csv_choice = next(k for k, v in formats.items() if v == "csv")
    names = [f.split("=")[0] for f in re.findall(r'name="(doctorresource_[a-z_]+)"', body)]
    data = {"resource": "0", "format": csv_choice, **dict.fromkeys(names, "on")}
    response = staff_client.post("/admin/doctors/doctor/export/?city__exact=Kolkata", data)
    assert response.status_code == 200
    rows = response.content.decode().strip().splitlines()
    assert len(rows) == 2 and "Kolkata" in rows[1]  # the header and the one doctor in Kolkata


def test_history_records_who_changed_what_and_can_revert(staff_client, seeded):
    doctor = Doctor.objects.first()
    old_city = doctor.city
    doctor.save()  # the listing as it was
    doctor.city = "Mumbai"
    doctor.save()
    history = staff_client.get(f"/admin/doctors/doctor/{doctor.pk}/history/")
    assert history.status_code == 200 and doctor.name in history.content.decode()
    first = doctor.history.earliest()
    assert first.city == old_city and doctor.history.latest().city == "Mumbai"
    revert = staff_client.get(f"/admin/doctors/doctor/{doctor.pk}/history/{first.history_id}/")
    assert revert.status_code == 200 and "Revert" in revert.content.decode()
    first.instance.save()  # what the admin's revert does
    doctor.refresh_from_db()
    assert doctor.city == old_city


def test_unlisting_from_the_admin_is_recorded_in_the_history(staff_client, seeded):
    doctor = Doctor.objects.first()
    staff_client.post("/admin/doctors/doctor/", {"action": "unlist_doctors",
                      "_selected_action": [doctor.pk]})  # fmt: skip
    latest = doctor.history.latest()
    assert latest.listed is False and latest.history_user.username == "admin"
