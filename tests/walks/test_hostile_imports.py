"""Files made to break the importer: numbers that are not numbers, dates at
the ends of the calendar, huge fields, NUL characters. Each gets a reason on
its row or beside the file field, and nothing is saved; never a 500
(issue 24)."""

import datetime
import re

import pytest

from tests import import_samples as samples
from tests.imports import upload
from walks.models import Walk

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 11, 20, 1, 30, tzinfo=datetime.UTC)
CSV_HEAD = (
    "date,duration_minutes,pain_before,pain_after,surface,notes,source,started_at,distance_km\n"
)


def gpx_with(lat: str) -> bytes:
    good = samples.gpx([("Walk", None, START, 30, True)]).decode()
    return good.replace('lat="28.600900"', f'lat="{lat}"', 1).encode()


def tcx_with(seconds="1800", metres="1500") -> bytes:
    return samples.tcx([("Walking", START, [seconds], metres)])


def apple_with(duration="30", distance=None, unit="min") -> bytes:
    start = "2026-11-20 07:00:00 +0530"
    return samples.apple_xml([samples.workout("Walking", start, duration, unit, distance)])


def csv_with(**fields) -> bytes:
    row = {"date": "2026-11-20", "duration_minutes": "30", "pain_before": "3",
           "pain_after": "2", "surface": "flat", "notes": "", "source": "csv",
           "started_at": "", "distance_km": "", **fields}  # fmt: skip
    return (CSV_HEAD + ",".join(row.values()) + "\n").encode()


HOSTILE = {
    "gpx lat nan": ("w.gpx", gpx_with("nan")),
    "gpx lat 1e400": ("w.gpx", gpx_with("1e400")),
    "tcx distance nan": ("w.tcx", tcx_with(metres="nan")),
    "tcx distance 1e400": ("w.tcx", tcx_with(metres="1e400")),
    "tcx time inf": ("w.tcx", tcx_with(seconds="inf")),
    "apple duration inf": ("export.xml", apple_with(duration="inf")),
    "apple duration nan": ("export.xml", apple_with(duration="nan")),
    "apple distance nan": ("export.xml", apple_with(distance="nan")),
    "apple distance 1e400": ("export.xml", apple_with(distance="1e400")),
    "apple zipped inf": (
        "export.zip",
        samples.zipped({"apple_health_export/export.xml": apple_with(duration="inf")}),
    ),
    "csv start year 1": ("w.csv", csv_with(started_at="0001-01-01T00:00:00+14:00")),
    "csv start year 9999": ("w.csv", csv_with(started_at="9999-12-31T23:59:59-12:00")),
    "csv distance nan": ("w.csv", csv_with(distance_km="nan")),
    "csv huge field": ("w.csv", csv_with(notes="x" * 140_000)),
    "csv NUL in notes": ("w.csv", csv_with(notes="a\x00b")),
}


def preview(client, name, data):
    return upload(client, name, data)


@pytest.mark.parametrize("name,data", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_file_is_explained_and_saves_nothing(patient_client, name, data):
    response = preview(patient_client, name, data)
    assert response.status_code == 200
    text = response.content.decode()
    payload = re.search(r'name="payload" value="([^"]+)"', text)
    if payload:  # a preview: every walk it offers can be saved as shown
        done = patient_client.post(
            "/walks/import/", {"payload": payload.group(1), "include_0": "1",
                               "pain_before_all": "3", "pain_after_all": "2"},
        )  # fmt: skip
        assert done.status_code in (200, 302)
        for walk in Walk.objects.all():
            assert "\x00" not in walk.notes
            assert walk.distance_km is None or walk.distance_km < 10000
    else:
        assert 'class="invalid-feedback' in text or "is-invalid" in text


@pytest.mark.parametrize("key", ["csv NUL in notes", "csv start year 1", "csv huge field",
                                 "tcx time inf", "apple duration nan"])  # fmt: skip
def test_what_cannot_be_stored_is_not_offered(patient_client, key):
    name, data = HOSTILE[key]
    text = preview(patient_client, name, data).content.decode()
    assert 'name="include_0"' not in text
    assert Walk.objects.count() == 0


def test_a_distance_that_is_not_a_number_is_left_out_and_the_walk_kept(patient_client):
    name, data = HOSTILE["tcx distance nan"]
    text = preview(patient_client, name, data).content.decode()
    assert 'name="include_0"' in text and " km" not in text.split("<tbody>")[1]


def confirm_form(client) -> dict:
    data = samples.gpx([("Walk", None, START, 30, True), ("Two", None, START
                        + datetime.timedelta(days=1), 20, True)])  # fmt: skip
    text = preview(client, "w.gpx", data).content.decode()
    payload = re.search(r'name="payload" value="([^"]+)"', text).group(1)
    return {"payload": payload, "include_0": "1", "include_1": "1",
            "pain_before_all": "3", "pain_after_all": "2"}  # fmt: skip


def test_confirming_one_preview_again_saves_nothing_more(patient_client, patient):
    form = confirm_form(patient_client)
    assert patient_client.post("/walks/import/", form).status_code == 302
    again = patient_client.post("/walks/import/", form, follow=True)
    assert "already imported" in again.content.decode()
    # even a row shown as "already in diary" and ticked anyway
    assert Walk.objects.filter(user=patient).count() == 2
