"""/walks/import/: GPX, TCX, Apple Health and this app's CSV, with a preview
before anything is saved, duplicates left out, and bad files explained."""

import datetime
import re

import pytest

from accounts.models import Profile
from tests import import_samples as samples
from tests.imports import upload
from walks.importers import apple_health
from walks.importers.common import UnreadableFile
from walks.models import Walk

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
NOV_20_UTC = datetime.datetime(2026, 11, 20, 1, 30, tzinfo=UTC)  # 07:00 in India


@pytest.fixture
def india(patient):
    Profile.objects.create(user=patient, timezone="Asia/Kolkata")
    return patient


def payload(response) -> str:
    return re.search(r'name="payload" value="([^"]+)"', response.content.decode()).group(1)


def rows(response) -> list[str]:
    body = response.content.decode().split("<tbody>")[1].split("</tbody>")[0]
    body = re.sub(r'<label class="visually-hidden".*?</label>', "", body, flags=re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r)).strip()
            for r in body.split("</tr>")[:-1]]  # fmt: skip


def confirm(client, response, **fields):
    return client.post("/walks/import/", {"payload": payload(response), **fields})


def test_a_gpx_walk_is_previewed_then_saved_with_pain_source_start_and_distance(
    patient_client, india
):
    data = samples.gpx([
        ("Morning walk", None, NOV_20_UTC, 32, True),
        ("Evening run", "running", NOV_20_UTC + datetime.timedelta(hours=10), 25, True),
    ])  # fmt: skip
    preview = upload(patient_client, "walk.gpx", data)
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "GPX file: 1 new walk found." in text and "1 runs skipped" in text
    assert rows(preview) == ["Fri 20 Nov 2026 07:00 32 1.00 km"]
    assert Walk.objects.count() == 0  # nothing before the patient confirms
    done = confirm(patient_client, preview, include_0="1", pain_before_0="4", pain_after_0="3")
    assert done.status_code == 302 and done["Location"] == "/"
    walk = Walk.objects.get(user=india)
    assert (walk.date, walk.duration_minutes, walk.pain_before, walk.pain_after, walk.source) == (
        datetime.date(2026, 11, 20), 32, 4, 3, "gpx",
    )  # fmt: skip
    assert walk.started_at == NOV_20_UTC and str(walk.distance_km) == "1.00"
    dashboard = patient_client.get("/").content.decode()
    assert "1 walk imported." in dashboard
    edit = patient_client.get(f"/walks/{walk.pk}/edit/").content.decode()
    assert "Imported from GPX file · started at 07:00 · 1.00 km" in edit
    exported = patient_client.get("/walks/export.csv").content.decode().splitlines()
    assert exported[0].endswith(",notes,source,started_at,distance_km")
    assert exported[1].endswith(",gpx,2026-11-20 01:30:00+00:00,1.00")


def test_reimporting_the_same_file_finds_only_duplicates_and_saves_nothing(patient_client, india):
    data = samples.gpx([("Walk", None, NOV_20_UTC, 30, True)])
    first = upload(patient_client, "walk.gpx", data)
    confirm(patient_client, first, include_0="1", pain_before_all="3", pain_after_all="2")
    again = upload(patient_client, "walk.gpx", data)
    text = again.content.decode()
    assert "0 new walks found." in text and "1 is already in your diary and is not ticked." in text
    assert 'name="include_0" id="include_0" value="1" checked' not in text
    response = confirm(patient_client, again, pain_before_all="3", pain_after_all="2")
    assert "Tick at least one walk to import." in response.content.decode()
    # Pressing "import" twice on the first preview saves the walk once.
    confirm(patient_client, first, include_0="1", pain_before_all="3", pain_after_all="2")
    assert Walk.objects.count() == 1


def test_a_walk_already_logged_by_hand_with_the_same_minutes_is_a_duplicate(patient_client, india):
    patient_client.post("/walks/new/", {"date": "2026-11-20", "duration_minutes": "30",
                        "pain_before": "3", "pain_after": "2", "surface": "flat"})  # fmt: skip
    preview = upload(patient_client, "w.gpx", samples.gpx([("W", None, NOV_20_UTC, 30, True)]))
    assert "1 is already in your diary" in preview.content.decode()


def test_each_walk_needs_pain_and_same_for_all_fills_the_gaps(patient_client, india):
    next_day = NOV_20_UTC + datetime.timedelta(days=1)
    data = samples.gpx([("A", None, NOV_20_UTC, 20, True), ("B", None, next_day, 25, True)])
    preview = upload(patient_client, "w.gpx", data)
    missing = confirm(patient_client, preview, include_0="1", include_1="1", pain_before_0="11")
    text = missing.content.decode()
    assert missing.status_code == 200 and Walk.objects.count() == 0
    assert "Enter a whole number from 0 to 10." in text  # beside pain_before_0
    assert "Enter your pain (0-10), or fill in “same for all” above." in text
    assert 'id="pain_before_0" value="11"' in text  # what was typed is kept
    saved = confirm(patient_client, preview, include_0="1", include_1="1",
                    pain_before_0="5", pain_before_all="2", pain_after_all="1")  # fmt: skip
    assert saved.status_code == 302
    assert sorted(Walk.objects.values_list("duration_minutes", "pain_before", "pain_after")) == [
        (20, 2, 1), (25, 5, 1),
    ]  # fmt: skip


def test_tcx_laps_are_added_up_and_other_sports_skipped(patient_client, india):
    data = samples.tcx([
        ("Walking", NOV_20_UTC, [600, 900], 800),  # Google Fit's walking
        ("Other", NOV_20_UTC + datetime.timedelta(days=1), [1200], 1500),  # Garmin's
        ("Running", NOV_20_UTC + datetime.timedelta(days=2), [1500], 4000),
        ("Biking", NOV_20_UTC + datetime.timedelta(days=3), [3600], 20000),
    ])  # fmt: skip
    preview = upload(patient_client, "fit.tcx", data)
    text = preview.content.decode()
    assert "TCX file: 2 new walks found." in text
    assert "1 bike rides skipped" in text and "1 runs skipped" in text
    assert rows(preview) == ["Sat 21 Nov 2026 07:00 20 1.50 km", "Fri 20 Nov 2026 07:00 25 1.60 km"]


def apple_workouts():
    return [
        samples.workout("Walking", "2026-11-20 07:05:00 +0530", "31.5", distance="2.4"),
        samples.workout("Hiking", "2026-11-21 23:50:00 +0530", "1.25", unit="hr", stats="5.1"),
        samples.workout("Running", "2026-11-22 06:00:00 +0530", "20"),
        samples.workout("Running", "2026-11-23 06:00:00 +0530", "20"),
        samples.workout("Yoga", "2026-11-23 18:00:00 +0530", "30"),
    ]


@pytest.mark.parametrize("packed", [True, False], ids=["export.zip", "export.xml"])
def test_apple_health_walking_and_hiking_workouts_are_read(patient_client, india, packed):
    xml = samples.apple_xml(apple_workouts(), records=500)
    files = {"apple_health_export/export.xml": xml, "apple_health_export/export_cda.xml": b"<x/>"}
    data = samples.zipped(files) if packed else xml
    preview = upload(patient_client, "export.zip" if packed else "export.xml", data)
    text = preview.content.decode()
    assert "Apple Health: 2 new walks found." in text
    assert "1 other activities skipped" in text and "2 runs skipped" in text
    assert rows(preview) == ["Sat 21 Nov 2026 23:50 75 5.10 km", "Fri 20 Nov 2026 07:05 32 2.40 km"]


def test_apple_dates_follow_the_patients_time_zone(patient_client, patient):
    Profile.objects.create(user=patient, timezone="Europe/London")
    data = samples.apple_xml(
        [samples.workout("Walking", "2026-11-21 01:00:00 +0530", "30")]
    )  # 19:30 on the 20th in London
    assert rows(upload(patient_client, "export.xml", data)) == ["Fri 20 Nov 2026 19:30 30 –"]


def test_the_apps_own_csv_comes_back_in_a_round_trip(patient_client, india):
    for day, minutes in (("2026-11-18", 15), ("2026-11-19", 20)):
        patient_client.post("/walks/new/", {"date": day, "duration_minutes": minutes,
                            "pain_before": "4", "pain_after": "3", "surface": "uneven",
                            "notes": "=park loop"})  # fmt: skip
    exported = patient_client.get("/walks/export.csv").content
    Walk.objects.all().delete()
    preview = upload(patient_client, "my-walks.csv", exported)
    assert "CSV file: 2 new walks found." in preview.content.decode()
    assert 'id="pain_before_0" value="4"' in preview.content.decode()  # pain from the file
    confirm(patient_client, preview, include_0="1", include_1="1")
    assert sorted(Walk.objects.values_list("date", "duration_minutes", "pain_before",
                                           "pain_after", "surface", "notes", "source")) == [
        (datetime.date(2026, 11, 18), 15, 4, 3, "uneven", "=park loop", "csv"),
        (datetime.date(2026, 11, 19), 20, 4, 3, "uneven", "=park loop", "csv"),
    ]  # fmt: skip
    again = upload(patient_client, "my-walks.csv", exported)
    assert "0 new walks found." in again.content.decode()


# --- Bad files: a clear message, nothing saved --------------------------------


def assert_refused(response, message):
    text = response.content.decode()
    assert response.status_code == 200
    assert message in text, text[:3000]
    assert 'name="payload"' not in text
    assert Walk.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.txt", b"just some text", "This is not a file we can read."),
        ("image.png", b"\x89PNG\r\n\x1a\n" + bytes(100), "This is not a file we can read."),
        ("walk.gpx", b'<?xml version="1.0"?><gpx version="1.1"><trk><trkseg>',
         "The file is damaged: its XML cannot be read."),
        ("export.xml", samples.APPLE_HEAD.encode() + b"<Workout ", "its XML cannot be read"),
        ("bomb.gpx", b'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa">'
         b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><gpx version="1.1">&b;</gpx>',
         "The file declares XML entities, which we do not read."),
        ("export.xml", b'<?xml version="1.0"?><!DOCTYPE HealthData [<!ENTITY x SYSTEM '
         b'"file:///etc/passwd">]><HealthData>&x;</HealthData>', "declares XML entities"),
        ("other.zip", samples.zipped({"readme.txt": b"hi"}), "This zip has no export.xml in it."),
        ("broken.zip", b"PK\x03\x04" + bytes(50), "The zip file is damaged"),
        ("walks.csv", b"date,minutes\n2026-11-20,30\n", "This CSV file lacks the columns"),
        ("empty.gpx", samples.gpx([]), "No walks were found in this file."),
    ],
)  # fmt: skip
def test_bad_files_are_explained_and_change_nothing(patient_client, india, name, data, message):
    assert_refused(upload(patient_client, name, data), message)


def test_no_file_at_all(patient_client, india):
    assert_refused(patient_client.post("/walks/import/", {}), "Choose a file to import.")


def test_a_zip_bomb_is_stopped(patient_client, india):
    huge = samples.zipped({"export.xml": samples.APPLE_HEAD.encode() + b" " * 50_000_000})
    assert len(huge) < 200_000  # 50 MB of spaces squeeze into very little
    assert_refused(upload(patient_client, "export.zip", huge), "unpacks to far more")


def test_a_zip_that_inflates_past_its_header_is_stopped():
    stream = apple_health._Capped(__import__("io").BytesIO(b"x" * 5000), limit=1000)
    with pytest.raises(UnreadableFile, match="unpacks to far more"):
        stream.read()


def test_a_file_over_the_size_limit_says_the_limit(patient_client, india, monkeypatch):
    monkeypatch.setattr("walks.importers.common.MAX_UPLOAD_BYTES", 1024 * 1024)
    big = samples.apple_xml([], records=15_000)
    assert len(big) > 1024 * 1024
    assert_refused(upload(patient_client, "export.xml", big), "larger than 1 MB")


def test_rows_that_cannot_be_imported_are_listed_with_the_reason(patient_client, india, today):
    future = datetime.datetime.combine(today + datetime.timedelta(days=3), datetime.time(6),
                                       tzinfo=UTC)  # fmt: skip
    data = samples.gpx([
        ("ok", None, NOV_20_UTC, 30, True),
        ("marathon day", None, NOV_20_UTC - datetime.timedelta(days=1), 320, True),
        ("tomorrow", None, future, 30, True),
        ("no clock", None, NOV_20_UTC, 30, False),
    ])  # fmt: skip
    preview = upload(patient_client, "w.gpx", data)
    problems = preview.content.decode().split('id="import-problems"')[1]
    assert "Longer than 300 minutes: not imported." in problems
    assert "Dated in the future: not imported." in problems
    assert "This track has no times: not imported." in problems
    assert len(rows(preview)) == 1
    confirm(patient_client, preview, include_0="1", pain_before_all="2", pain_after_all="2")
    assert Walk.objects.count() == 1


def test_a_tampered_or_foreign_preview_saves_nothing(patient_client, india, other_patient, client):
    preview = upload(patient_client, "w.gpx", samples.gpx([("W", None, NOV_20_UTC, 30, True)]))
    token = payload(preview)
    bad = patient_client.post("/walks/import/", {"payload": token[:-2] + "xx", "include_0": "1",
                              "pain_before_all": "1", "pain_after_all": "1"})  # fmt: skip
    assert bad.status_code == 302 and Walk.objects.count() == 0
    client.force_login(other_patient)
    client.post("/walks/import/", {"payload": token, "include_0": "1", "pain_before_all": "1",
                "pain_after_all": "1"})  # fmt: skip
    assert Walk.objects.count() == 0


def test_import_needs_login(client):
    assert client.get("/walks/import/").status_code == 302
