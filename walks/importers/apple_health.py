"""Apple Health's export.zip or export.xml, streamed: real exports are
hundreds of MB. The zip is checked for size and compression ratio before and
while it is read; the XML parser keeps no tree (memory stays flat)."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from zoneinfo import ZoneInfo

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET
from django.utils.translation import gettext as _

from walks.importers.common import (
    Found,
    UnreadableFile,
    activity_kind,
    broken_xml,
    entities,
    km,
    not_supported,
    unreadable,
    walk_at,
)
from walks.models import WalkSource

MAX_INFLATED_BYTES = 2 * 1024 * 1024 * 1024
MAX_ZIP_RATIO = 100  # Apple's XML compresses about 10-30 times
CHUNK = 1024 * 1024
APPLE_WALKS = {"HKWorkoutActivityTypeWalking": "walk", "HKWorkoutActivityTypeHiking": "walk"}
APPLE_UNITS = {"min": 60, "s": 1, "sec": 1, "hr": 3600, "h": 3600}
APPLE_DISTANCE = {"km": 1000, "m": 1, "mi": 1609.344}


class _Capped(io.RawIOBase):
    """A stream that stops with an error once more than `limit` bytes came out
    (a zip member inflating past what its header said, or past our cap)."""

    def __init__(self, raw, limit: int):
        self.raw, self.limit, self.count = raw, limit, 0

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self.raw.read(len(buffer))
        self.count += len(data)
        if self.count > self.limit:
            raise UnreadableFile(_zip_bomb())
        buffer[: len(data)] = data
        return len(data)


def _zip_bomb() -> str:
    return _("The zip file unpacks to far more than an Apple Health export would. Not imported.")


def read_zip(upload, zone: ZoneInfo, progress=None) -> Found:
    try:
        archive = zipfile.ZipFile(upload)
    except zipfile.BadZipFile:
        raise UnreadableFile(_("The zip file is damaged and cannot be opened.")) from None
    with archive:
        members = [m for m in archive.infolist() if m.filename.rsplit("/", 1)[-1] == "export.xml"]
        if not members:
            raise UnreadableFile(
                _(
                    "This zip has no export.xml in it. Upload the export.zip that the "
                    "Health app makes (Profile, Export All Health Data)."
                )
            )
        member = members[0]
        total = sum(m.file_size for m in archive.infolist())
        if total > MAX_INFLATED_BYTES or member.file_size > MAX_ZIP_RATIO * max(
            member.compress_size, 1
        ):
            raise UnreadableFile(_zip_bomb())
        limit = min(member.file_size, MAX_INFLATED_BYTES)
        with archive.open(member) as raw:
            stream = io.BufferedReader(_Capped(raw, limit), buffer_size=CHUNK)
            return read_xml(stream, zone, progress)


class _AppleTarget:
    """Parser target that keeps no tree: the parser hands it each start and
    end tag, and it keeps only the workout being read (its attributes and its
    statistics). Text is never collected (no `data` method), so memory stays
    flat whatever the file holds: millions of unknown elements, deep nesting
    or long text."""

    def __init__(self, zone: ZoneInfo, found: Found):
        self.zone, self.found = zone, found
        self.depth = 0
        self.workout: dict | None = None
        self.stats: list[dict] = []

    def start(self, tag, attrib):
        self.depth += 1
        if self.depth == 1 and tag != "HealthData":
            raise UnreadableFile(not_supported())
        if self.depth == 2 and tag == "Workout":
            self.workout, self.stats = dict(attrib), []
        elif self.depth == 3 and self.workout is not None and tag == "WorkoutStatistics":
            self.stats.append(dict(attrib)) if len(self.stats) < 20 else None

    def end(self, tag):
        if self.depth == 2 and self.workout is not None:
            _apple_workout(self.workout, self.stats, self.zone, self.found)
            self.workout = None
        self.depth -= 1

    def close(self):
        return None


MAX_TAG_BYTES = 1024 * 1024  # a start tag longer than this is not an export's


def read_xml(stream, zone: ZoneInfo, progress=None) -> Found:
    found = Found(source=WalkSource.APPLE_HEALTH)
    target = _AppleTarget(zone, found)
    parser = SafeET.XMLParser(target=target)
    since_tag_end = 0  # bytes since the last ">": the parser holds a whole tag
    try:
        while chunk := stream.read(CHUNK):
            last = chunk.rfind(b">")
            since_tag_end = len(chunk) - last - 1 if last >= 0 else since_tag_end + len(chunk)
            if since_tag_end > MAX_TAG_BYTES:
                raise broken_xml()
            parser.feed(chunk)
            if progress is not None:
                progress(len(found.walks))
        parser.close()
    except DefusedXmlException:
        raise entities() from None
    except SafeET.ParseError:
        raise broken_xml() from None
    except zipfile.BadZipFile:
        raise UnreadableFile(_("The zip file is damaged and cannot be opened.")) from None
    if target.depth != 0:
        raise broken_xml()
    return found


def _apple_workout(attrib: dict, stats: list[dict], zone: ZoneInfo, found: Found) -> None:
    kind = APPLE_WALKS.get(attrib.get("workoutActivityType", ""))
    if kind is None:
        found.skipped[activity_kind(attrib.get("workoutActivityType", "")[21:])] += 1
        return
    start = _apple_time(attrib.get("startDate"))
    try:
        seconds = float(attrib.get("duration")) * APPLE_UNITS[attrib.get("durationUnit", "min")]
    except (TypeError, ValueError, KeyError):
        seconds = None
    if start is None or seconds is None:
        found.walks.append(
            unreadable(
                WalkSource.APPLE_HEALTH,
                _("This workout has no start time or duration: not imported."),
            )
        )
        return
    metres = _apple_metres(attrib.get("totalDistance"), attrib.get("totalDistanceUnit"))
    for stat in stats:  # newer exports put distance here
        if metres is None and "Distance" in stat.get("type", ""):
            metres = _apple_metres(stat.get("sum"), stat.get("unit"))
    found.walks.append(
        walk_at(start, seconds, zone, WalkSource.APPLE_HEALTH, distance_km=km(metres))
    )


def _apple_time(text: str | None) -> datetime | None:
    """Apple writes '2026-11-20 07:12:03 +0530'."""
    if not text:
        return None
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d %H:%M:%S %z")
    except ValueError:
        return None


def _apple_metres(value, unit) -> float | None:
    try:
        return float(value) * APPLE_DISTANCE[unit or "km"]
    except (TypeError, ValueError, KeyError):
        return None
