"""The scale path: the same import through RQ on a real Redis server.

Runs when TASKS_REDIS_URL names one (settings.py switches the task backend
to django-tasks-rq): `.ci/run` starts Debian's redis-server on a free port
and runs `make test-redis`. `make test` leaves this file out (marker
`redis`), since the backend is chosen when settings load."""

import re

import django_rq
import pytest
from django.conf import settings
from django_tasks_rq.backend import Job
from rq import SimpleWorker

from tests.walks.test_import_tasks import big_export, post, stored_files
from walks.models import ImportJob, Walk

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def test_an_import_is_read_by_an_rq_worker_from_redis(patient_client, patient):
    assert settings.TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend"
    queue = django_rq.get_queue("default", job_class=Job)
    queue.empty()
    response = post(patient_client, "export.xml", big_export(3))
    assert response.status_code == 302
    assert queue.count == 1  # waiting in Redis, not read yet
    assert "Waiting to start" in patient_client.get(response["Location"]).content.decode()
    worker = SimpleWorker([queue], connection=queue.connection, job_class=Job)
    assert worker.work(burst=True)
    assert queue.count == 0
    job = ImportJob.objects.get(user=patient)
    assert job.state == ImportJob.State.READY and stored_files() == []
    page = patient_client.get(response["Location"]).content.decode()
    assert "3 new walks found" in page
    payload = re.search(r'name="payload" value="([^"]+)"', page).group(1)
    form = {"payload": payload, "include_0": "1", "include_1": "1", "include_2": "1",
            "pain_before_all": "4", "pain_after_all": "3"}  # fmt: skip
    assert patient_client.post("/walks/import/", form).status_code == 302
    assert Walk.objects.filter(user=patient).count() == 3
