"""GPX tracks (gpxpy): one walk per track whose type is a walk (or none)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from walks.importers.common import (
    UTC,
    Found,
    activity_kind,
    broken_xml,
    km,
    refuse_entities,
    text,
    unreadable,
    walk_at,
)
from walks.models import WalkSource


def read_gpx(data: bytes, zone: ZoneInfo) -> Found:
    # Imported here: only the task workers read files now (walks/services/
    # imports.py), and gpxpy costs every web worker about 10 MB.
    import gpxpy
    import gpxpy.gpx

    refuse_entities(data)
    try:
        gpx = gpxpy.parse(data.decode("utf-8", "replace"))
    except gpxpy.gpx.GPXException:
        raise broken_xml() from None
    found = Found(source=WalkSource.GPX)
    for track in gpx.tracks:
        kind = activity_kind(track.type or "")
        if kind != "walk":
            found.skipped[kind] += 1
            continue
        times = [p.time for seg in track.segments for p in seg.points if p.time is not None]
        if not times:
            found.walks.append(
                unreadable(
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
            walk_at(
                start,
                (end - start).total_seconds(),
                zone,
                WalkSource.GPX,
                distance_km=km(metres),
                notes=text((track.name or "")[:200]),
            )
        )
    return found
