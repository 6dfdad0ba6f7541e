"""Import uploads, read in the background.

`start` stores the uploaded file privately (the "imports" storage in
settings.STORAGES: a local folder, or object storage) and enqueues
`read_import` through the Django tasks API; the upload request answers at
once with a progress page (walks/views/imports.py). The task reads the file
with walks/importers/, writes how far it has got into the job now and then,
and ends with the preview's content in `job.result` (READY) or the reason in
plain words (FAILED). Either way the file is deleted. Nothing reaches the
diary here: only the patient's confirmation of the preview saves, through
`walks.services.entries.import_walks`.

The tasks run on the database queue (`manage.py db_worker`) by default, or on
RQ workers when TASKS_REDIS_URL is set (settings.py).
"""

from __future__ import annotations

import logging
import secrets
import time
from datetime import date, timedelta

from django.core.files.storage import storages
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from accounts.profiles import profile_for
from walks.clock import patient_today
from walks.importers import upload as importer
from walks.importers.common import Found, FoundWalk, UnreadableFile
from walks.models import ImportJob, Walk

logger = logging.getLogger(__name__)

JOB_LIFETIME = timedelta(hours=24)  # a job and its file, at the latest
MAX_ROWS = 200  # the newest walks first; importing the file again brings the rest
PROGRESS_EVERY = 0.5  # seconds between two progress writes


def storage():
    return storages["imports"]


def start(*, user, upload, language: str) -> ImportJob:
    """Store the upload and queue the task that reads it; returns at once."""
    discard_expired()
    job = ImportJob(user=user, language=language, bytes_total=upload.size or 0)
    job.stored_name = storage().save(f"{user.pk}/{job.pk}", upload)
    job.save()
    read_import.enqueue(str(job.pk))
    return job


def no_walks_message() -> str:
    return _("No walks were found in this file.")


def failed_message() -> str:
    return _(
        "Something went wrong while reading this file. Nothing was imported; please try again."
    )


@task()
def read_import(job_id: str) -> None:
    """The task: read one job's file (see `run`)."""
    run(job_id)


def run(job_id: str) -> None:
    """Read the job's file into its preview; a job already finished or
    discarded is left alone (a task delivered twice does nothing new)."""
    job = ImportJob.objects.filter(pk=job_id).select_related("user").first()
    if job is None or job.finished:
        return
    with translation.override(job.language or None):
        try:
            job.state = ImportJob.State.READING
            job.save(update_fields=["state"])
            result = _read(job)
        except UnreadableFile as problem:
            _finish(job, error=str(problem))
        except Exception:
            _finish(job, error=failed_message())
            raise  # the worker logs it with its traceback
        else:
            if result is None:
                _finish(job, error=no_walks_message())
            else:
                _finish(job, result=result)


def _read(job: ImportJob) -> dict | None:
    user = job.user
    zone = profile_for(user).zone
    today = patient_today(user)
    with storage().open(job.stored_name, "rb") as stored:
        stored.size = job.bytes_total
        last = time.monotonic()

        def progress(walks_found: int) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last >= PROGRESS_EVERY:
                last = now
                save_progress(job, bytes_read=stored.tell(), walks_found=walks_found)

        found = importer.read_upload(stored, zone=zone, today=today, progress=progress)
    rows, problems, later = preview_rows(user, found)
    if not rows and not problems:
        return None
    return {
        "u": user.pk,
        "j": str(job.pk),  # deleted once the walks are saved
        "k": secrets.token_hex(16),  # one-time: claimed when confirmed
        "source": found.source,
        "rows": rows,
        "problems": [
            {"d": w.day.isoformat() if w.day != date.min else "", "m": w.minutes, "why": w.problem}
            for w in problems
        ],
        "skipped": found.skipped_text(),
        "later": later,
    }


def save_progress(job: ImportJob, *, bytes_read: int, walks_found: int) -> None:
    """How far the task has got, for the progress page."""
    job.bytes_read = min(bytes_read, job.bytes_total)
    job.walks_found = walks_found
    ImportJob.objects.filter(pk=job.pk).update(bytes_read=job.bytes_read, walks_found=walks_found)


def _finish(job: ImportJob, *, result: dict | None = None, error: str = "") -> None:
    _delete_file(job)
    job.state = ImportJob.State.FAILED if error else ImportJob.State.READY
    job.error, job.result = error, result
    if not error:
        job.bytes_read = job.bytes_total
    job.save(update_fields=["state", "error", "result", "bytes_read", "stored_name"])


def _delete_file(job: ImportJob) -> None:
    if job.stored_name:
        try:
            storage().delete(job.stored_name)
        except OSError:
            logger.exception("could not delete import upload %s", job.stored_name)
            return
        job.stored_name = ""


def delete_stored_file(sender, instance: ImportJob, **kwargs) -> None:
    _delete_file(instance)


def discard_expired(now=None) -> int:
    """Delete jobs older than JOB_LIFETIME and the files they still hold
    (a task that never ran, a worker that died mid-read)."""
    old = (now or timezone.now()) - JOB_LIFETIME
    deleted, _ = ImportJob.objects.filter(created_at__lt=old).delete()  # files: apps.py
    return deleted


def _row(walk: FoundWalk, duplicate: bool) -> dict:
    return {
        "d": walk.day.isoformat(),
        "m": walk.minutes,
        "s": walk.source,
        "t": walk.started_at.isoformat() if walk.started_at else "",
        "k": str(walk.distance_km) if walk.distance_km is not None else "",
        "pb": walk.pain_before,
        "pa": walk.pain_after,
        "sf": walk.surface,
        "n": walk.notes,
        "dup": duplicate,
    }


def diary_walks(user, days: set[date]) -> list[importer.WalkKey]:
    """The diary's walks on those days, as duplicate detection compares them."""
    return list(
        Walk.objects.filter(user=user, date__in=days).values_list(
            "date", "duration_minutes", "started_at"
        )
    )


def preview_rows(user, found: Found) -> tuple[list[dict], list, int]:
    """(rows to offer, newest first; walks that cannot be imported; rows left
    for a later import)."""
    good = sorted(
        (w for w in found.walks if not w.problem),
        key=lambda w: (w.day, w.started_at.timestamp() if w.started_at else 0),
        reverse=True,
    )
    existing = diary_walks(user, {w.day for w in good})
    rows, seen = [], []
    for walk in good:
        key = (walk.day, walk.minutes, walk.started_at)
        duplicate = importer.is_duplicate(key, existing)
        if not duplicate and importer.is_duplicate(key, seen):
            continue  # the same walk twice in one file
        seen.append(key)
        rows.append(_row(walk, duplicate))
    new = [r for r in rows if not r["dup"]]
    later = max(0, len(new) - MAX_ROWS)
    if later:
        keep = {id(r) for r in new[:MAX_ROWS]}
        rows = [r for r in rows if r["dup"] or id(r) in keep]
    problems = [w for w in found.walks if w.problem]
    return rows[: MAX_ROWS * 2], problems, later
