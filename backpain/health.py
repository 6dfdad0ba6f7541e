"""/healthz: is each part this server depends on working?

For load balancers and monitors: JSON with a status per part (database,
cache, storage, task queue), 200 when all are up and 503 when any is down.
It names no patient and no server detail (reasons go to the log). The checks
are django-health-check's; the task queue's (how long the oldest waiting
task has waited) is ours, since that package has none for Django's tasks.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime
import functools
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.db import connections
from django.http import JsonResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views import View
from health_check.base import HealthCheck
from health_check.checks import Cache, Database, Storage
from health_check.exceptions import ServiceUnavailable


def oldest_waiting_seconds() -> float:
    """Seconds the oldest task ready to run has waited (0 when none waits)."""
    from django_tasks import default_task_backend

    if type(default_task_backend).__name__ == "RQBackend":
        import django_rq

        oldest = None
        for name in default_task_backend.queues:
            queue = django_rq.get_queue(name)
            job_ids = queue.get_job_ids(0, 0)
            if job_ids:
                job = queue.fetch_job(job_ids[0])
                if job is not None and job.enqueued_at is not None:
                    enqueued = job.enqueued_at.replace(tzinfo=datetime.UTC)
                    oldest = enqueued if oldest is None else min(oldest, enqueued)
    else:
        from django_tasks_db.models import DBTaskResult

        oldest = (
            DBTaskResult.objects.ready()
            .order_by("enqueued_at")
            .values_list("enqueued_at", flat=True)
            .first()
        )
    if oldest is None:
        return 0.0
    return max(0.0, (timezone.now() - oldest).total_seconds())


@dataclasses.dataclass
class TaskQueue(HealthCheck):
    """The queue answers, and no task has waited longer than allowed (no
    worker running, or too few for the work)."""

    def run(self):
        try:
            waited = oldest_waiting_seconds()
        except Exception as error:  # any backend's own errors: the queue is unreachable
            raise ServiceUnavailable("queue unreachable") from error
        finally:
            connections.close_all()  # this helper thread's own connection, not kept
        self.waited = waited
        if waited > settings.TASK_MAX_WAIT_SECONDS:
            raise ServiceUnavailable("tasks are waiting too long")


# Each part's name in the answer, and its check: the media files, and the
# private folder (or bucket) where import uploads wait for their task.
PARTS = {
    "database": Database,
    "cache": Cache,
    "storage": Storage,
    "import_storage": functools.partial(Storage, alias="imports"),
    "tasks": TaskQueue,
}


class HealthView(View):
    """A plain (sync) view: the checks run through django-health-check's own
    `get_result` (time limits, errors caught and logged) on an event loop of
    their own in a helper thread, so the view works the same under any
    server or test client, whether or not the calling thread has a loop."""

    def get(self, request):
        names = list(PARTS)
        checks = [PARTS[name]() for name in names]

        async def run_all():
            return await asyncio.gather(*(check.get_result() for check in checks))

        with ThreadPoolExecutor(max_workers=1) as pool:
            results = pool.submit(asyncio.run, run_all()).result()
        parts = {}
        for name, result in zip(names, results, strict=True):
            part = {"status": "down" if result.error else "ok",
                    "seconds": round(result.time_taken, 3)}  # fmt: skip
            if isinstance(result.check, TaskQueue):
                waited = getattr(result.check, "waited", None)
                part["oldest_waiting_seconds"] = None if waited is None else round(waited, 1)
            parts[name] = part
        down = any(part["status"] == "down" for part in parts.values())
        response = JsonResponse(
            {"status": "down" if down else "ok", "checks": parts}, status=503 if down else 200
        )
        add_never_cache_headers(response)
        return response
