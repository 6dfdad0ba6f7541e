"""Uploading a file to /walks/import/ as a patient does, for the tests.

The upload answers at once with a redirect to the job's page; the task that
reads the file waits on the test backend (tests/settings.py) until
`run_queued_tasks` runs it, as a worker would."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks import task_backends
from django_tasks.base import TaskResultStatus


def run_queued_tasks() -> int:
    """Run what the test backend holds, in this thread; how many ran."""
    backend = task_backends["default"]
    waiting = [r for r in backend.results if r.status == TaskResultStatus.READY]
    backend.clear()
    for result in waiting:
        result.task.call(*result.args, **result.kwargs)
    return len(waiting)


def upload(client, name: str, data: bytes):
    """The page the patient ends on: the preview, or the upload form with the
    reason beside the field (at once when the upload itself is refused)."""
    response = client.post("/walks/import/", {"file": SimpleUploadedFile(name, data)})
    if response.status_code != 302:
        return response
    run_queued_tasks()
    return client.get(response["Location"])
