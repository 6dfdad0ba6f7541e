"""/healthz: a status per part for load balancers, 503 when one is down,
and nothing about any patient."""

import asyncio
import datetime
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import OperationalError, connections
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_part_is_reported_and_up(client):
    UserFactory(username="alice")
    response = client.get("/healthz")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok"
    assert set(data["checks"]) == {"database", "cache", "storage", "import_storage", "tasks"}
    assert all(part["status"] == "ok" for part in data["checks"].values())
    assert data["checks"]["tasks"]["oldest_waiting_seconds"] == 0
    assert "alice" not in response.content.decode()
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_an_unreachable_database_is_a_503(client, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    monkeypatch.setattr(type(connections["default"]), "temporary_connection", unreachable)
    response = client.get("/healthz", HTTP_ACCEPT="text/html")
    assert response.status_code == 503
    data = response.json()
    assert data["status"] == "down"
    assert data["checks"]["database"]["status"] == "down"
    assert data["checks"]["cache"]["status"] == "ok"
    assert "Connection refused" not in response.content.decode()


def test_an_unwritable_import_folder_is_a_503(client, settings, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the folder should be")
    imports = settings.STORAGES["imports"]
    settings.STORAGES = {
        **settings.STORAGES,
        "imports": {**imports, "OPTIONS": {**imports["OPTIONS"], "location": str(blocked)}},
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["import_storage"]["status"] == "down" and checks["storage"]["status"] == "ok"


def test_a_task_waiting_too_long_marks_the_queue_down(client, settings):
    settings.TASK_MAX_WAIT_SECONDS = 60
    DBTaskResult.objects.create(
        task_path="reminders.tasks.nothing", args_kwargs={"args": [], "kwargs": {}},
        queue_name="default", backend_name="default", priority=0,
        run_after=timezone.now() - datetime.timedelta(minutes=5),
    )  # fmt: skip
    DBTaskResult.objects.update(enqueued_at=timezone.now() - datetime.timedelta(minutes=5))
    response = client.get("/healthz")
    assert response.status_code == 503
    tasks = response.json()["checks"]["tasks"]
    assert tasks["status"] == "down" and tasks["oldest_waiting_seconds"] >= 299


def test_healthz_works_while_the_calling_thread_runs_an_event_loop():
    async def probe():
        return Client().get("/healthz")  # the sync test client, inside a running loop

    # In a thread of its own, whatever loop this one may already run.
    with ThreadPoolExecutor(max_workers=1) as pool:
        response = pool.submit(asyncio.run, probe()).result()
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
