"""What every importer returns, and the pieces they share: the found walk,
the reasons a file or a row cannot be read, times and distances checked for
values that are not real (infinite, not a number, beyond the calendar)."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

MAX_UPLOAD_BYTES = 500 * 1024 * 1024  # an Apple Health zip of several years
MAX_TEXT_FILE_BYTES = 20 * 1024 * 1024  # GPX, TCX and CSV are read whole
UTC = ZoneInfo("UTC")


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


def activity_kind(name: str) -> str:
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


def not_supported() -> str:
    return _(
        "This is not a file we can read. Upload a GPX or TCX file, an Apple Health "
        "export (export.zip or export.xml), or a CSV file exported from this app."
    )


def too_big_text() -> UnreadableFile:
    return UnreadableFile(
        _("GPX, TCX and CSV files can be at most %(mb)d MB.")
        % {"mb": MAX_TEXT_FILE_BYTES // (1024 * 1024)}
    )


def entities() -> UnreadableFile:
    return UnreadableFile(
        _("The file declares XML entities, which we do not read. Nothing was imported.")
    )


def broken_xml() -> UnreadableFile:
    return UnreadableFile(_("The file is damaged: its XML cannot be read. Nothing was imported."))


def unreadable(source: str, problem: str, notes: str = "") -> FoundWalk:
    return FoundWalk(day=date.min, minutes=0, source=source, notes=notes, problem=problem)


def walk_at(start: datetime, seconds: float, zone: ZoneInfo, source: str, **extra) -> FoundWalk:
    """A walk from its start and length; one whose numbers are not real times
    (infinite, not a number, a start at the very ends of the calendar) is
    listed with the reason instead."""
    if not math.isfinite(seconds) or seconds < 0:
        return unreadable(source, _("The length of this walk cannot be read: not imported."))
    try:
        local = start.astimezone(zone)
        start.astimezone(UTC)  # how the database stores it
    except (OverflowError, ValueError):
        return unreadable(source, _("The start time of this walk cannot be read: not imported."))
    return FoundWalk(
        day=local.date(),
        minutes=round(seconds / 60),
        source=source,
        started_at=start,
        **extra,
    )


def km(metres) -> Decimal | None:
    """Kilometres to two places, or None for a distance that is missing, not
    a number, or beyond what a walk covers."""
    try:
        metres = float(metres)
    except (TypeError, ValueError, OverflowError):
        return None
    if not math.isfinite(metres) or not 0 <= metres < 10_000_000:
        return None
    return Decimal(str(metres / 1000)).quantize(Decimal("0.01"))


def refuse_entities(data: bytes) -> None:
    try:
        SafeET.fromstring(data)
    except DefusedXmlException:
        raise entities() from None
    except SafeET.ParseError:
        raise broken_xml() from None


def parse_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
        value = value if value.tzinfo else value.replace(tzinfo=UTC)
        value.astimezone(UTC)  # a time at the calendar's very ends has no UTC form
    except (ValueError, OverflowError):
        return None
    return value


def text(value: str) -> str:
    """Text from a file as the forms keep it: surrounding spaces trimmed."""
    return value.strip()
