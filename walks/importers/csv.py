"""This app's own CSV export, read back."""

from __future__ import annotations

import csv
import io
from datetime import date

from django.utils.translation import gettext as _

from walks import limits
from walks.importers.common import Found, FoundWalk, UnreadableFile, km, parse_time, text
from walks.models import Surface, WalkSource


def read_csv(data: bytes) -> Found:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile(_("The CSV file is not UTF-8 text.")) from None
    reader = csv.DictReader(io.StringIO(text))
    needed = {"date", "duration_minutes", "pain_before", "pain_after"}
    if not needed <= set(reader.fieldnames or ()):
        raise UnreadableFile(
            _("This CSV file lacks the columns date, duration_minutes, pain_before and pain_after.")
        )
    found = Found(source=WalkSource.CSV)
    try:
        for row in reader:
            found.walks.append(_csv_walk(row))
    except csv.Error:  # a field longer than the csv module reads, a broken quote
        raise UnreadableFile(
            _("A field in this CSV file is damaged or far too long. Nothing was imported.")
        ) from None
    return found


def _csv_walk(row: dict) -> FoundWalk:
    walk = FoundWalk(day=date.min, minutes=0, source=WalkSource.CSV)
    try:
        walk.day = date.fromisoformat(row["date"].strip())
        walk.minutes = int(row["duration_minutes"])
        walk.pain_before = _pain(row["pain_before"])
        walk.pain_after = _pain(row["pain_after"])
    except (ValueError, TypeError, AttributeError):
        walk.problem = _("A value in this row cannot be read: not imported.")
    walk.surface = (row.get("surface") or "flat").strip()
    if walk.surface not in Surface.values:
        walk.surface = "flat"
    walk.notes = text((row.get("notes") or "").lstrip("'"))
    if len(walk.notes) > limits.NOTES_MAX or "\x00" in walk.notes:
        walk.problem = walk.problem or _(
            "The notes are longer than %(max)d characters or hold characters that "
            "cannot be stored: not imported."
        ) % {"max": limits.NOTES_MAX}
    started = (row.get("started_at") or "").strip()
    walk.started_at = parse_time(started)
    if started and walk.started_at is None:
        walk.problem = walk.problem or _(
            "The start time of this walk cannot be read: not imported."
        )
    try:
        walk.distance_km = km(float(row["distance_km"]) * 1000) if row.get("distance_km") else None
    except (ValueError, OverflowError):
        walk.distance_km = None
    return walk


def _pain(value) -> int:
    pain = int(value)
    if not limits.pain_in_range(pain):
        raise ValueError(pain)
    return pain
