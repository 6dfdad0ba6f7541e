"""Reading walks from files that phones and watches export.

`read_upload(file, zone=...)` recognises the format from the content (not the
file name), reads the walks in it and returns them with the reasons any were
left out. It never writes: the preview (walks/views/imports.py) shows what it
found, and only the patient's confirmation saves, through
`walks.services.entries.import_walks`.

Formats: GPX tracks (gpxpy), TCX activities (Garmin, Google Fit Takeout),
Apple Health `export.zip` / `export.xml` (streamed: real exports are hundreds
of MB), and this app's own CSV export. XML goes through defusedxml, so entity
declarations (billion laughs) and external references are refused; zip
archives are checked for size and compression ratio before and while reading.
"""

from __future__ import annotations

import csv
import io
import math
import zipfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import gpxpy
import gpxpy.gpx
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from walks.models import EARLIEST_DATE, WalkSource

MAX_UPLOAD_BYTES = 500 * 1024 * 1024  # an Apple Health zip of several years
MAX_TEXT_FILE_BYTES = 20 * 1024 * 1024  # GPX, TCX and CSV are read whole
MAX_INFLATED_BYTES = 2 * 1024 * 1024 * 1024
MAX_ZIP_RATIO = 100  # Apple's XML compresses about 10-30 times
MAX_MINUTES = 300
MAX_NOTES = 1000
UTC = ZoneInfo("UTC")
CHUNK = 1024 * 1024


class UnreadableFile(Exception):
    """The file as a whole cannot be read; the message says why."""


@dataclass
class FoundWalk:
    day: date
    minutes: int
    source: str
    started_at: datetime | None = None
    distance_km: Decimal | None = None
    pain_before: int | None = None
    pain_after: int | None = None
    surface: str = "flat"
    notes: str = ""
    problem: str = ""  # why it cannot be imported, shown on its row


@dataclass
class Found:
    source: str
    walks: list[FoundWalk] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)  # other activities, by kind

    def skipped_text(self) -> list[str]:
        return [
            ngettext("%(count)d %(kind)s skipped", "%(count)d %(kind)s skipped", n)
            % {"count": n, "kind": str(OTHER_KINDS.get(kind, kind))}
            for kind, n in sorted(self.skipped.items())
        ]


OTHER_KINDS = {
    "run": gettext_lazy("runs"),
    "ride": gettext_lazy("bike rides"),
    "swim": gettext_lazy("swims"),
    "other": gettext_lazy("other activities"),
}


def _kind(name: str) -> str:
    """'walk' or one of OTHER_KINDS, from an app's own activity name."""
    name = name.lower()
    if not name or any(w in name for w in ("walk", "hik", "trek", "stroll")):
        return "walk"
    if "run" in name or "jog" in name:
        return "run"
    if any(w in name for w in ("bik", "cycl", "ride", "biking")):
        return "ride"
    if "swim" in name:
        return "swim"
    return "other"


# --- Entry point -------------------------------------------------------------


def read_upload(upload, *, zone: ZoneInfo, today: date) -> Found:
    size = getattr(upload, "size", None) or 0
    if size > MAX_UPLOAD_BYTES:
        raise UnreadableFile(too_large_message())
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    if head.startswith(b"PK\x03\x04"):
        found = _read_apple_zip(upload, zone)
    else:
        text_head = head.lstrip(b"\xef\xbb\xbf \t\r\n").decode("utf-8", "replace")
        if text_head.startswith("<"):
            if "<HealthData" in text_head or "<!DOCTYPE HealthData" in text_head:
                found = _read_apple_xml(upload, zone)
            elif size > MAX_TEXT_FILE_BYTES:
                raise _too_big_text()
            elif "<gpx" in text_head:
                found = _read_gpx(upload.read(), zone)
            elif "<TrainingCenterDatabase" in text_head:
                found = _read_tcx(upload.read(), zone)
            else:
                raise UnreadableFile(_not_supported())
        elif text_head.startswith("date,"):
            if size > MAX_TEXT_FILE_BYTES:
                raise _too_big_text()
            found = _read_csv(upload.read())
        else:
            raise UnreadableFile(_not_supported())
    for walk in found.walks:
        _check(walk, today)
    return found


def too_large_message() -> str:
    return _("The file is larger than %(mb)d MB, the most we can read.") % {
        "mb": MAX_UPLOAD_BYTES // (1024 * 1024)
    }


def _not_supported() -> str:
    return _(
        "This is not a file we can read. Upload a GPX or TCX file, an Apple Health "
        "export (export.zip or export.xml), or a CSV file exported from this app."
    )


def _too_big_text() -> UnreadableFile:
    return UnreadableFile(
        _("GPX, TCX and CSV files can be at most %(mb)d MB.")
        % {"mb": MAX_TEXT_FILE_BYTES // (1024 * 1024)}
    )


def _entities() -> UnreadableFile:
    return UnreadableFile(
        _("The file declares XML entities, which we do not read. Nothing was imported.")
    )


def _broken_xml() -> UnreadableFile:
    return UnreadableFile(_("The file is damaged: its XML cannot be read. Nothing was imported."))


def _check(walk: FoundWalk, today: date) -> None:
    if walk.problem:
        return
    if walk.minutes > MAX_MINUTES:
        walk.problem = _("Longer than %(max)d minutes: not imported.") % {"max": MAX_MINUTES}
    elif walk.minutes < 1:
        walk.problem = _("Shorter than a minute: not imported.")
    elif walk.day > today:
        walk.problem = _("Dated in the future: not imported.")
    elif walk.day < EARLIEST_DATE:
        walk.problem = _("Dated before 2000: not imported.")


def _unreadable(source: str, problem: str, notes: str = "") -> FoundWalk:
    return FoundWalk(day=date.min, minutes=0, source=source, notes=notes, problem=problem)


def _walk_at(start: datetime, seconds: float, zone: ZoneInfo, source: str, **extra) -> FoundWalk:
    """A walk from its start and length; one whose numbers are not real times
    (infinite, not a number, a start at the very ends of the calendar) is
    listed with the reason instead."""
    if not math.isfinite(seconds) or seconds < 0:
        return _unreadable(source, _("The length of this walk cannot be read: not imported."))
    try:
        local = start.astimezone(zone)
        start.astimezone(UTC)  # how the database stores it
    except (OverflowError, ValueError):
        return _unreadable(source, _("The start time of this walk cannot be read: not imported."))
    return FoundWalk(
        day=local.date(),
        minutes=round(seconds / 60),
        source=source,
        started_at=start,
        **extra,
    )


def _km(metres) -> Decimal | None:
    """Kilometres to two places, or None for a distance that is missing, not
    a number, or beyond what a walk covers."""
    try:
        metres = float(metres)
    except (TypeError, ValueError, OverflowError):
        return None
    if not math.isfinite(metres) or not 0 <= metres < 10_000_000:
        return None
    return Decimal(str(metres / 1000)).quantize(Decimal("0.01"))


# --- GPX ---------------------------------------------------------------------


def _refuse_entities(data: bytes) -> None:
    try:
        SafeET.fromstring(data)
    except DefusedXmlException:
        raise _entities() from None
    except SafeET.ParseError:
        raise _broken_xml() from None


def _read_gpx(data: bytes, zone: ZoneInfo) -> Found:
    _refuse_entities(data)
    try:
        gpx = gpxpy.parse(data.decode("utf-8", "replace"))
    except gpxpy.gpx.GPXException:
        raise _broken_xml() from None
    found = Found(source=WalkSource.GPX)
    for track in gpx.tracks:
        kind = _kind(track.type or "")
        if kind != "walk":
            found.skipped[kind] += 1
            continue
        times = [p.time for seg in track.segments for p in seg.points if p.time is not None]
        if not times:
            found.walks.append(
                _unreadable(
                    WalkSource.GPX,
                    _("This track has no times: not imported."),
                    notes=track.name or "",
                )
            )
            continue
        start, end = min(times), max(times)
        if start.tzinfo is None:  # GPX times are UTC by the standard
            start, end = (t.replace(tzinfo=UTC) for t in (start, end))
        try:
            metres = track.length_2d()
        except (ValueError, OverflowError, ArithmeticError):  # points off the globe
            metres = None
        found.walks.append(
            _walk_at(
                start,
                (end - start).total_seconds(),
                zone,
                WalkSource.GPX,
                distance_km=_km(metres),
                notes=_text((track.name or "")[:200]),
            )
        )
    return found


# --- TCX ---------------------------------------------------------------------

TCX = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"


def _parse_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
        value = value if value.tzinfo else value.replace(tzinfo=UTC)
        value.astimezone(UTC)  # a time at the calendar's very ends has no UTC form
    except (ValueError, OverflowError):
        return None
    return value


def _read_tcx(data: bytes, zone: ZoneInfo) -> Found:
    _refuse_entities(data)
    root = SafeET.fromstring(data)
    found = Found(source=WalkSource.TCX)
    for activity in root.iter(f"{TCX}Activity"):
        kind = _kind(activity.get("Sport", ""))
        # TCX's own sports are Running, Biking and Other; Google Fit writes
        # walks as "Walking", Garmin as "Other".
        if kind == "other" and activity.get("Sport", "").lower() == "other":
            kind = "walk"
        if kind != "walk":
            found.skipped[kind] += 1
            continue
        laps = activity.findall(f"{TCX}Lap")
        start = _parse_time(activity.findtext(f"{TCX}Id")) or (
            _parse_time(laps[0].get("StartTime")) if laps else None
        )
        try:
            seconds = sum(float(lap.findtext(f"{TCX}TotalTimeSeconds") or "nan") for lap in laps)
        except ValueError:
            seconds = float("nan")
        try:
            metres = sum(float(lap.findtext(f"{TCX}DistanceMeters") or 0) for lap in laps)
        except ValueError:
            metres = 0
        if start is None or not laps or math.isnan(seconds):  # NaN: a lap without a time
            found.walks.append(
                _unreadable(
                    WalkSource.TCX, _("This activity has no start time or duration: not imported.")
                )
            )
            continue
        found.walks.append(
            _walk_at(start, seconds, zone, WalkSource.TCX, distance_km=_km(metres or None))
        )
    return found


# --- Apple Health ------------------------------------------------------------

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


def _read_apple_zip(upload, zone: ZoneInfo) -> Found:
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
            return _read_apple_xml(stream, zone)


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
            raise UnreadableFile(_not_supported())
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


def _read_apple_xml(stream, zone: ZoneInfo) -> Found:
    found = Found(source=WalkSource.APPLE_HEALTH)
    target = _AppleTarget(zone, found)
    parser = SafeET.XMLParser(target=target)
    since_tag_end = 0  # bytes since the last ">": the parser holds a whole tag
    try:
        while chunk := stream.read(CHUNK):
            last = chunk.rfind(b">")
            since_tag_end = len(chunk) - last - 1 if last >= 0 else since_tag_end + len(chunk)
            if since_tag_end > MAX_TAG_BYTES:
                raise _broken_xml()
            parser.feed(chunk)
        parser.close()
    except DefusedXmlException:
        raise _entities() from None
    except SafeET.ParseError:
        raise _broken_xml() from None
    except zipfile.BadZipFile:
        raise UnreadableFile(_("The zip file is damaged and cannot be opened.")) from None
    if target.depth != 0:
        raise _broken_xml()
    return found


def _apple_workout(attrib: dict, stats: list[dict], zone: ZoneInfo, found: Found) -> None:
    kind = APPLE_WALKS.get(attrib.get("workoutActivityType", ""))
    if kind is None:
        found.skipped[_kind(attrib.get("workoutActivityType", "")[21:])] += 1
        return
    start = _apple_time(attrib.get("startDate"))
    try:
        seconds = float(attrib.get("duration")) * APPLE_UNITS[attrib.get("durationUnit", "min")]
    except (TypeError, ValueError, KeyError):
        seconds = None
    if start is None or seconds is None:
        found.walks.append(
            _unreadable(
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
        _walk_at(start, seconds, zone, WalkSource.APPLE_HEALTH, distance_km=_km(metres))
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


# --- This app's CSV ----------------------------------------------------------


def _read_csv(data: bytes) -> Found:
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
    if walk.surface not in ("flat", "treadmill", "uneven"):
        walk.surface = "flat"
    walk.notes = _text((row.get("notes") or "").lstrip("'"))
    if len(walk.notes) > MAX_NOTES or "\x00" in walk.notes:
        walk.problem = walk.problem or _(
            "The notes are longer than %(max)d characters or hold characters that "
            "cannot be stored: not imported."
        ) % {"max": MAX_NOTES}
    started = (row.get("started_at") or "").strip()
    walk.started_at = _parse_time(started)
    if started and walk.started_at is None:
        walk.problem = walk.problem or _(
            "The start time of this walk cannot be read: not imported."
        )
    try:
        walk.distance_km = _km(float(row["distance_km"]) * 1000) if row.get("distance_km") else None
    except (ValueError, OverflowError):
        walk.distance_km = None
    return walk


def _text(value: str) -> str:
    """Text from a file as the forms keep it: surrounding spaces trimmed."""
    return value.strip()


def _pain(value) -> int:
    pain = int(value)
    if not 0 <= pain <= 10:
        raise ValueError(pain)
    return pain


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
