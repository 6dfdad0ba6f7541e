"""Memory and time to read a large Apple Health export.

    python bench/import_memory.py SIZE_MB [--zip] [--junk]

writes a generated export of about SIZE_MB (step counts, with a walking
workout every 1,000 records, and the internal DTD real exports have), then
reads it in a fresh process as /walks/import/ does and prints JSON: the extra
peak memory (ru_maxrss after reading minus before), the seconds, and the walks
found. `--junk` writes a hostile file instead: a <HealthData> of nothing but
unknown elements, half of them top-level and half inside one element with
millions of children. Used by `make bench` (300 MB export, 500 MB junk) and
tests/walks/test_import_memory.py.
"""

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary)*)>
<!ATTLIST HealthData locale CDATA #REQUIRED>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
<!ATTLIST Record type CDATA #REQUIRED unit CDATA #IMPLIED value CDATA #IMPLIED>
]>
<HealthData locale="en_IN">
 <ExportDate value="2026-11-28 10:00:00 +0530"/>
"""
RECORD = (
    ' <Record type="HKQuantityTypeIdentifierStepCount" sourceName="Phone" sourceVersion="17.1" '
    'unit="count" creationDate="2026-11-20 08:00:00 +0530" startDate="2026-11-20 07:50:00 +0530" '
    'endDate="2026-11-20 08:00:00 +0530" value="{n}"/>\n'
)
WORKOUT = (
    ' <Workout workoutActivityType="HKWorkoutActivityTypeWalking" duration="{minutes}" '
    'durationUnit="min" sourceName="Watch" startDate="{day} 07:00:00 +0530" '
    'endDate="{day} 07:30:00 +0530">\n'
    '  <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" '
    'sum="2.1" unit="km"/>\n'
    " </Workout>\n"
)


def write_export(path: Path, size_mb: int) -> int:
    """Returns the number of walking workouts written (one per 1,000 records)."""
    import datetime

    block = "".join(RECORD.format(n=i) for i in range(1000))
    blocks = max(1, size_mb * 1024 * 1024 // len(block))
    start = datetime.date(2020, 1, 1)
    with open(path, "w", encoding="utf-8") as out:
        out.write(HEAD)
        for i in range(blocks):
            out.write(block)
            day = start + datetime.timedelta(days=i % 2000)
            out.write(WORKOUT.format(minutes=20 + i % 15, day=day.isoformat()))
        out.write("</HealthData>\n")
    return blocks


def write_junk(path: Path, size_mb: int) -> int:
    """Unknown elements only; returns 0 (no workouts)."""
    block = "".join(f'<Junk n="{i}"><Deeper k="v">text {i}</Deeper></Junk>\n' for i in range(1000))
    blocks = max(2, size_mb * 1024 * 1024 // len(block))
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<HealthData locale="en">\n')
        for _ in range(blocks // 2):
            out.write(block)
        out.write("<Container>\n")  # one element with millions of children
        for _ in range(blocks - blocks // 2):
            out.write(block)
        out.write("</Container>\n</HealthData>\n")
    return 0


def measure(path: Path) -> dict:
    """Run in a fresh process: read the file as the import view does."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backpain.settings")
    os.environ.setdefault("DEBUG", "1")
    import datetime
    from zoneinfo import ZoneInfo

    import django

    django.setup()
    from django.core.files.uploadedfile import TemporaryUploadedFile

    from walks.importers import upload as importer

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    with open(path, "rb") as raw:
        upload = TemporaryUploadedFile(
            path.name, "application/octet-stream", path.stat().st_size, None
        )
        upload.file = raw
        upload.size = path.stat().st_size
        found = importer.read_upload(
            upload, zone=ZoneInfo("Asia/Kolkata"), today=datetime.date(2026, 11, 28)
        )
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "file_mb": round(path.stat().st_size / 1024 / 1024, 1),
        "extra_rss_mb": round((after - before) / 1024, 1),
        "seconds": round(seconds, 2),
        "walks_found": len(found.walks),
    }


def run(size_mb: int, *, zipped: bool = False, junk: bool = False) -> dict:
    with tempfile.TemporaryDirectory(prefix="walks-import-") as tmp:
        xml = Path(tmp) / "export.xml"
        workouts = (write_junk if junk else write_export)(xml, size_mb)
        path = xml
        if zipped:
            path = Path(tmp) / "export.zip"
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
                archive.write(xml, "apple_health_export/export.xml")
            xml.unlink()
        out = subprocess.run(
            [sys.executable, __file__, "--measure", str(path)],
            capture_output=True, text=True, check=True, cwd=ROOT,
        )  # fmt: skip
        result = json.loads(out.stdout)
        result["workouts_written"] = workouts
        result["zipped"] = zipped
        result["junk"] = junk
        return result


if __name__ == "__main__":
    if sys.argv[1] == "--measure":
        print(json.dumps(measure(Path(sys.argv[2]))))
    else:
        options = {"zipped": "--zip" in sys.argv, "junk": "--junk" in sys.argv}
        print(json.dumps(run(int(sys.argv[1]), **options), indent=2))
