"""Imports read in the background (issue 31): the upload answers before the
file is read, a progress page follows the task, and the file is kept only
until it has been read (a day at the latest). The tests run the queued task
themselves (tests/imports.py), except the last ones, which go through the
database queue's own worker and, in CI, RQ on a real Redis."""

import datetime
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.template.defaultfilters import filesizeformat
from django.test import override_settings
from django.utils import timezone

from accounts.models import Profile
from tests import import_samples as samples
from tests.imports import run_queued_tasks, upload
from walks.models import ImportJob, Walk
from walks.services import imports

MB = 1024 * 1024


def big_export(workouts: int = 20) -> bytes:
    """An Apple Health export of about 4 MB: one walk per 250 KB of records."""
    start = datetime.date(2026, 10, 1)
    blocks = []
    for i in range(workouts):
        day = (start + datetime.timedelta(days=i)).isoformat()
        blocks.append("".join(samples.RECORD.format(n=n) for n in range(1000)))
        blocks.append(samples.workout("Walking", f"{day} 08:00:00 +0530", "20"))
    return (samples.APPLE_HEAD + "".join(blocks) + "</HealthData>\n").encode()


def stored_files() -> list[str]:
    storage = imports.storage()
    names = []
    if not storage.exists(""):
        return names
    for folder in storage.listdir("")[0]:
        names += [f"{folder}/{name}" for name in storage.listdir(folder)[1]]
    return names


def post(client, name: str, data: bytes):
    return client.post("/walks/import/", {"file": SimpleUploadedFile(name, data)})


def test_the_upload_answers_before_the_file_is_read(patient_client, patient, monkeypatch):
    def not_now(*args, **kwargs):
        raise AssertionError("the file was read inside the upload request")

    monkeypatch.setattr("walks.importers.upload.read_upload", not_now)
    response = post(patient_client, "export.xml", big_export())
    job = ImportJob.objects.get(user=patient)
    assert response.status_code == 302
    assert response["Location"] == f"/walks/import/{job.pk}/"
    assert job.state == ImportJob.State.WAITING
    assert job.bytes_total == len(big_export())
    assert stored_files() == [job.stored_name]  # kept privately until the task reads it
    page = patient_client.get(response["Location"])
    text = page.content.decode()
    assert page.status_code == 200
    assert 'id="import-progress-bar" max="100" value="0"' in text
    assert f"Waiting to start reading {filesizeformat(job.bytes_total)}." in text
    assert f'href="/walks/import/{job.pk}/">Check again</a>' in text  # without scripts
    assert page["Cache-Control"].startswith("max-age=0")


def test_progress_moves_while_reading_and_ends_at_the_preview(patient_client, monkeypatch):
    monkeypatch.setattr(imports, "PROGRESS_EVERY", 0)  # every chunk of the file
    seen = []
    save = imports.save_progress

    def save_and_look(job, **kwargs):
        save(job, **kwargs)
        # what the progress bar's script reads at this moment
        seen.append(patient_client.get(f"/walks/import/{job.pk}/progress.json").json())

    monkeypatch.setattr(imports, "save_progress", save_and_look)
    response = post(patient_client, "export.xml", big_export())
    assert run_queued_tasks() == 1
    assert len(seen) >= 4
    assert [s["state"] for s in seen] == ["reading"] * len(seen)
    percents = [s["percent"] for s in seen]
    found = [s["walks_found"] for s in seen]
    assert percents == sorted(percents) and 0 < percents[0] < percents[-1] < 100
    assert found == sorted(found) and 0 < found[0] < found[-1] <= 20
    total = filesizeformat(len(big_export()))
    assert re.fullmatch(
        rf"[\d.]+\xa0MB of {total} read, \d+ walks found so far\.", seen[-1]["text"]
    )
    done = patient_client.get(response["Location"].rstrip("/") + "/progress.json").json()
    assert done["finished"] and done["percent"] == 100 and done["state"] == "ready"
    preview = patient_client.get(response["Location"])
    text = preview.content.decode()
    assert 'name="payload"' in text and "20 new walks found" in text
    assert stored_files() == []  # read, so deleted


def test_the_preview_confirms_once_and_the_job_is_gone(patient_client, patient):
    preview = upload(patient_client, "export.xml", big_export(3))
    payload = re.search(r'name="payload" value="([^"]+)"', preview.content.decode()).group(1)
    form = {"payload": payload, "include_0": "1", "include_1": "1", "include_2": "1",
            "pain_before_all": "4", "pain_after_all": "3"}  # fmt: skip
    assert patient_client.post("/walks/import/", form).status_code == 302
    assert Walk.objects.filter(user=patient).count() == 3
    assert not ImportJob.objects.exists()  # the walks found are not kept once saved
    again = patient_client.post("/walks/import/", form, follow=True)
    assert "already imported" in again.content.decode()
    assert Walk.objects.filter(user=patient).count() == 3


def test_a_file_that_cannot_be_read_ends_with_its_reason_and_no_stored_file(
    patient_client, patient
):
    response = post(patient_client, "notes.txt", b"just some words\n")
    assert response.status_code == 302
    run_queued_tasks()
    page = patient_client.get(response["Location"])
    text = page.content.decode()
    assert page.status_code == 200
    assert "This is not a file we can read." in text
    assert 'id="id_file"' in text  # the upload form again, the reason beside the field
    assert stored_files() == [] and Walk.objects.count() == 0
    assert ImportJob.objects.get(user=patient).state == ImportJob.State.FAILED


def test_a_file_with_no_walks_says_so(patient_client):
    page = upload(patient_client, "export.xml", samples.apple_xml([], records=3))
    assert "No walks were found in this file." in page.content.decode()
    assert stored_files() == []


def test_a_task_that_breaks_says_so_plainly_and_keeps_nothing(patient_client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("walks.importers.upload.read_upload", broken)
    response = post(patient_client, "export.xml", big_export(2))
    with pytest.raises(RuntimeError):  # the worker logs it with its traceback
        run_queued_tasks()
    text = patient_client.get(response["Location"]).content.decode()
    assert "Something went wrong while reading this file. Nothing was imported" in text
    assert "disk on fire" not in text
    assert stored_files() == [] and Walk.objects.count() == 0


def test_the_reason_is_in_the_patients_language(client, patient):
    Profile.objects.create(user=patient, language="hi")
    client.force_login(patient)
    page = upload(client, "export.xml", samples.apple_xml([], records=3))
    assert "इस फ़ाइल में कोई चलना नहीं मिला।" in page.content.decode()


def test_another_patients_job_is_not_found(patient_client, other_patient, client):
    response = post(patient_client, "export.xml", big_export(2))
    job = response["Location"]
    client.force_login(other_patient)
    assert client.get(job).status_code == 404
    assert client.get(job + "progress.json").status_code == 404
    run_queued_tasks()
    assert client.get(job).status_code == 404  # nor its preview
    client.logout()
    assert client.get(job + "progress.json").status_code == 302  # to the login page


def test_jobs_and_their_files_are_discarded_after_a_day(patient_client, patient):
    post(patient_client, "export.xml", big_export(2))  # never read: no worker ran
    old = ImportJob.objects.get()
    assert stored_files() == [old.stored_name]
    ImportJob.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=24, minutes=1)
    )
    call_command("discard_expired_imports")
    assert not ImportJob.objects.exists() and stored_files() == []
    assert patient_client.get(f"/walks/import/{old.pk}/").status_code == 404


def test_an_upload_sweeps_away_expired_jobs(patient_client, patient):
    post(patient_client, "export.xml", big_export(2))
    ImportJob.objects.update(created_at=timezone.now() - datetime.timedelta(days=2))
    post(patient_client, "export.xml", big_export(2))
    assert ImportJob.objects.count() == 1 and len(stored_files()) == 1


def test_a_task_delivered_twice_reads_once(patient_client, patient):
    response = post(patient_client, "export.xml", big_export(2))
    job = ImportJob.objects.get()
    run_queued_tasks()
    result = ImportJob.objects.get().result
    imports.run(str(job.pk))  # the queue delivers it again
    assert ImportJob.objects.get().result == result
    assert "2 new walks found" in patient_client.get(response["Location"]).content.decode()


DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_QUEUE)
def test_the_database_queues_worker_reads_the_upload(patient_client):
    response = post(patient_client, "export.xml", big_export(3))
    assert "Waiting to start" in patient_client.get(response["Location"]).content.decode()
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    page = patient_client.get(response["Location"]).content.decode()
    assert "3 new walks found" in page and stored_files() == []
    progress = patient_client.get(response["Location"] + "progress.json")
    assert json.loads(progress.content)["state"] == "ready"


def test_an_account_deleted_before_its_file_was_read_takes_the_file_with_it(
    patient_client, patient
):
    post(patient_client, "export.xml", big_export(2))  # no worker has read it yet
    assert len(stored_files()) == 1
    patient.delete()
    assert stored_files() == [] and not ImportJob.objects.exists()
