"""An upload past the largest file the app reads is stopped as it arrives,
never written whole to disk (issue 24)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler

from tests.imports import upload
from walks.models import Walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored(monkeypatch):
    """Bytes that reached the handlers that keep files (memory or disk)."""
    seen = []
    original = TemporaryFileUploadHandler.receive_data_chunk

    def record(self, raw_data, start):
        seen.append(len(raw_data))
        return original(self, raw_data, start)

    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", record)
    monkeypatch.setattr("django.conf.settings.FILE_UPLOAD_MAX_MEMORY_SIZE", 0)
    return seen


def test_a_file_over_the_limit_is_stopped_and_explained(patient_client, monkeypatch, stored):
    monkeypatch.setattr("walks.importers.common.MAX_UPLOAD_BYTES", 100 * 1024)
    big = SimpleUploadedFile("export.xml", b"<HealthData>" + b" " * (2 * 1024 * 1024))
    response = patient_client.post("/walks/import/", {"file": big})
    assert response.status_code == 200
    assert "The file is larger than 0 MB, the most we can read." in response.content.decode()
    assert sum(stored) == 0  # nothing of it was kept
    assert Walk.objects.count() == 0


def test_a_file_under_the_limit_goes_through(patient_client, stored):
    response = upload(patient_client, "w.csv", b"date,duration_minutes\n")
    assert "lacks the columns" in response.content.decode()
    assert sum(stored) > 0
