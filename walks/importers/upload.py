"""Reading walks from files that phones and watches export.

`read_upload(file, zone=..., today=...)` recognises the format from the
content (not the file name), reads the walks in it with the importer for that
format (gpx, tcx, apple_health, csv: file in, found walks out) and returns
them with the reasons any were left out. It never writes: the preview
(walks/views/imports.py) shows what it found, and only the patient's
confirmation saves, through `walks.services.entries.import_walks`.

XML goes through defusedxml, so entity declarations (billion laughs) and
external references are refused.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from walks import limits
from walks.importers import apple_health, common, csv, gpx, tcx
from walks.importers.common import (
    MAX_TEXT_FILE_BYTES,
    Found,
    FoundWalk,
    UnreadableFile,
    not_supported,
    too_big_text,
)
from walks.models import EARLIEST_DATE

Progress = Callable[[int], None]


def read_upload(upload, *, zone: ZoneInfo, today: date, progress: Progress | None = None) -> Found:
    """The walks in `upload` (a file object with size, seek and read).
    `progress`, when given, is called now and then while a large export is
    read, with the number of workouts found so far (the caller reads how far
    into the file it is from the file itself)."""
    size = getattr(upload, "size", None) or 0
    if size > common.MAX_UPLOAD_BYTES:
        raise UnreadableFile(too_large_message())
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    if head.startswith(b"PK\x03\x04"):
        found = apple_health.read_zip(upload, zone, progress)
    else:
        text_head = head.lstrip(b"\xef\xbb\xbf \t\r\n").decode("utf-8", "replace")
        if text_head.startswith("<"):
            if "<HealthData" in text_head or "<!DOCTYPE HealthData" in text_head:
                found = apple_health.read_xml(upload, zone, progress)
            elif size > MAX_TEXT_FILE_BYTES:
                raise too_big_text()
            elif "<gpx" in text_head:
                found = gpx.read_gpx(upload.read(), zone)
            elif "<TrainingCenterDatabase" in text_head:
                found = tcx.read_tcx(upload.read(), zone)
            else:
                raise UnreadableFile(not_supported())
        elif text_head.startswith("date,"):
            if size > MAX_TEXT_FILE_BYTES:
                raise too_big_text()
            found = csv.read_csv(upload.read())
        else:
            raise UnreadableFile(not_supported())
    for walk in found.walks:
        _check(walk, today)
    return found


def too_large_message() -> str:
    return _("The file is larger than %(mb)d MB, the most we can read.") % {
        "mb": common.MAX_UPLOAD_BYTES // (1024 * 1024)
    }


def _check(walk: FoundWalk, today: date) -> None:
    if walk.problem:
        return
    if walk.minutes > limits.MINUTES_MAX:
        walk.problem = _("Longer than %(max)d minutes: not imported.") % {"max": limits.MINUTES_MAX}
    elif walk.minutes < limits.MINUTES_MIN:
        walk.problem = _("Shorter than a minute: not imported.")
    elif walk.day > today:
        walk.problem = _("Dated in the future: not imported.")
    elif walk.day < EARLIEST_DATE:
        walk.problem = _("Dated before 2000: not imported.")


WalkKey = tuple  # (date, minutes, started_at or None)


def is_duplicate(walk: WalkKey, existing: Iterable[WalkKey]) -> bool:
    """Same date and a start within 10 minutes, or same date and the same
    minutes where either walk has no start time."""
    day, minutes, started = walk
    for other_day, other_minutes, other_started in existing:
        if other_day != day:
            continue
        if other_started is not None and started is not None:
            if abs(other_started - started) <= timedelta(minutes=10):
                return True
        elif other_minutes == minutes:
            return True
    return False
