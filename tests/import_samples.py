"""Realistic files to import, made here: GPX, TCX, Apple Health, zips."""

import datetime
import io
import zipfile


def gpx(tracks) -> bytes:
    """tracks: (name, type or None, start UTC datetime, minutes, points or None)."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<gpx version="1.1" creator="Test Watch" xmlns="http://www.topografix.com/GPX/1/1">',
    ]
    for name, kind, start, minutes, with_times in tracks:
        out.append(f"<trk><name>{name}</name>" + (f"<type>{kind}</type>" if kind else ""))
        out.append("<trkseg>")
        for i in range(11):
            t = start + datetime.timedelta(minutes=minutes * i / 10)
            time = f"<time>{t.strftime('%Y-%m-%dT%H:%M:%SZ')}</time>" if with_times else ""
            # about 100 m north per step
            out.append(
                f'<trkpt lat="{28.6 + i * 0.0009:.6f}" lon="77.2"><ele>216</ele>{time}</trkpt>'
            )
        out.append("</trkseg></trk>")
    out.append("</gpx>")
    return "\n".join(out).encode()


def tcx(activities) -> bytes:
    """activities: (sport, start UTC datetime, [lap seconds], metres per lap)."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">',
           "<Activities>"]  # fmt: skip
    for sport, start, laps, metres in activities:
        stamp = start.strftime("%Y-%m-%dT%H:%M:%S.000Z")
        out.append(f'<Activity Sport="{sport}"><Id>{stamp}</Id>')
        for seconds in laps:
            out.append(
                f'<Lap StartTime="{stamp}"><TotalTimeSeconds>{seconds}</TotalTimeSeconds>'
                f"<DistanceMeters>{metres}</DistanceMeters><Calories>40</Calories></Lap>"
            )
        out.append("</Activity>")
    out.append("</Activities></TrainingCenterDatabase>")
    return "\n".join(out).encode()


APPLE_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary)*)>
<!ATTLIST HealthData locale CDATA #REQUIRED>
<!ELEMENT Workout (MetadataEntry|WorkoutEvent|WorkoutStatistics)*>
<!ATTLIST Workout workoutActivityType CDATA #REQUIRED duration CDATA #IMPLIED>
]>
<HealthData locale="en_IN">
 <ExportDate value="2026-11-28 10:00:00 +0530"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth="1970-01-01"/>
"""

RECORD = (
    ' <Record type="HKQuantityTypeIdentifierStepCount" sourceName="Phone" unit="count" '
    'creationDate="2026-11-20 08:00:00 +0530" startDate="2026-11-20 07:50:00 +0530" '
    'endDate="2026-11-20 08:00:00 +0530" value="{n}"/>\n'
)


def workout(kind, start: str, duration: str, unit="min", distance=None, stats=None) -> str:
    extra = f' totalDistance="{distance}" totalDistanceUnit="km"' if distance else ""
    inner = (
        f'  <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" '
        f'startDate="{start}" endDate="{start}" sum="{stats}" unit="km"/>\n'
        if stats
        else ""
    )
    return (
        f' <Workout workoutActivityType="HKWorkoutActivityType{kind}" duration="{duration}" '
        f'durationUnit="{unit}"{extra} sourceName="Watch" startDate="{start}" '
        f'endDate="{start}">\n{inner} </Workout>\n'
    )


def apple_xml(workouts: list[str], records: int = 10) -> bytes:
    body = "".join(RECORD.format(n=i) for i in range(records))
    return (APPLE_HEAD + body + "".join(workouts) + "</HealthData>\n").encode()


def write_apple_xml(path, workouts: list[str], records: int) -> None:
    """A large export on disk, written in pieces (records between workouts)."""
    with open(path, "w", encoding="utf-8") as out:
        out.write(APPLE_HEAD)
        block = "".join(RECORD.format(n=i) for i in range(1000))
        for i in range(records // 1000):
            out.write(block)
            if i < len(workouts):
                out.write(workouts[i])
        out.write("</HealthData>\n")


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()
