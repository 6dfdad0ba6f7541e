"""TCX activities (Garmin, Google Fit Takeout)."""

from __future__ import annotations

import math
from zoneinfo import ZoneInfo

from defusedxml import ElementTree as SafeET
from django.utils.translation import gettext as _

from walks.importers.common import (
    Found,
    activity_kind,
    km,
    parse_time,
    refuse_entities,
    unreadable,
    walk_at,
)
from walks.models import WalkSource

TCX = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"


def read_tcx(data: bytes, zone: ZoneInfo) -> Found:
    refuse_entities(data)
    root = SafeET.fromstring(data)
    found = Found(source=WalkSource.TCX)
    for activity in root.iter(f"{TCX}Activity"):
        kind = activity_kind(activity.get("Sport", ""))
        # TCX's own sports are Running, Biking and Other; Google Fit writes
        # walks as "Walking", Garmin as "Other".
        if kind == "other" and activity.get("Sport", "").lower() == "other":
            kind = "walk"
        if kind != "walk":
            found.skipped[kind] += 1
            continue
        laps = activity.findall(f"{TCX}Lap")
        start = parse_time(activity.findtext(f"{TCX}Id")) or (
            parse_time(laps[0].get("StartTime")) if laps else None
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
                unreadable(
                    WalkSource.TCX, _("This activity has no start time or duration: not imported.")
                )
            )
            continue
        found.walks.append(
            walk_at(start, seconds, zone, WalkSource.TCX, distance_km=km(metres or None))
        )
    return found
