"""The doctors' directory at 10,000 and 100,000 listings.

    python bench/directory.py            # a temporary SQLite database
    DATABASE_URL=postgres://... python bench/directory.py   # an empty PostgreSQL database

Seeds listed doctors spread over 40 cities, 6 specialties and 5 languages,
then measures in-process the median time of /doctors/ with each filter and
with free text, against /tips/ in the same run, and the queries per page.
Prints JSON. `make bench` runs it on SQLite, and on PostgreSQL when it can
start a throwaway server.
"""

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="walks-dir-bench-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TMP / 'directory.sqlite3'}")
os.environ.update(
    DJANGO_SETTINGS_MODULE="backpain.settings",
    SECRET_KEY="bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    ALLOWED_HOSTS="testserver",
    SECURE_SSL_REDIRECT="0",
    SECURE_COOKIES="0",
    STATIC_ROOT=str(TMP / "static"),
)
os.environ.pop("DEBUG", None)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from doctors.models import Doctor, Language, Specialty  # noqa: E402

CITIES = [f"City {i:02d}" for i in range(39)] + ["Bilaspur"]
FIRST = ["Asha", "Ravi", "Meena", "Arjun", "Kavya", "Vikram", "Leela", "Sunil", "Divya", "Rahul"]
LAST = ["Rao", "Iyer", "Sharma", "Gupta", "Menon", "Nair", "Das", "Khan", "Singh", "Chandel"]
QUERIES = {
    "/doctors/": {},
    "q=spine": {"q": "spine"},
    "q=name (Chandel)": {"q": "Chandel"},
    "q=two words": {"q": "asha rao"},
    "city": {"city": "Bilaspur"},
    "specialty": {"specialty": "spec-2"},
    "language": {"language": "lang-3"},
    "mode=video": {"mode": "video"},
    "all filters + q": {
        "q": "clinic",
        "city": "City 07",
        "specialty": "spec-1",
        "language": "lang-1",
        "mode": "in_clinic",
    },  # fmt: skip
    "page 40": {"page": "40"},
}
REPEATS = int(os.environ.get("BENCH_REPEATS", "30"))


SPECIALTIES = ["General Physician", "Orthopaedic Surgeon", "Spine Surgeon", "Physiotherapist",
               "Rheumatologist", "Pain Specialist"]  # fmt: skip
LANGUAGES = ["English", "Hindi", "Tamil", "Bengali", "Marathi"]


def seed(total: int) -> None:
    specialties = [
        Specialty.objects.get_or_create(slug=f"spec-{i}", defaults={"name": name})[0]
        for i, name in enumerate(SPECIALTIES)
    ]
    languages = [
        Language.objects.get_or_create(slug=f"lang-{i}", defaults={"name": name})[0]
        for i, name in enumerate(LANGUAGES)
    ]
    through = Doctor.languages.through
    for first in range(Doctor.objects.count(), total, 5000):
        doctors = Doctor.objects.bulk_create(
            [
                Doctor(
                    name=f"Dr {FIRST[i % 10]} {LAST[(i // 10) % 10]} {i}",
                    slug=f"dr-{i}",
                    specialty=specialties[i % 6],
                    years_experience=i % 40,
                    title="Back and spine care" if i % 3 == 0 else "Physician",
                    qualifications="MBBS, MD",
                    city=CITIES[i % 40],
                    clinic=f"{LAST[i % 10]} Clinic",
                    listed=i % 20 != 0,
                    video=i % 4 == 0,
                )  # fmt: skip
                for i in range(first, min(first + 5000, total))
            ]
        )
        through.objects.bulk_create(
            [through(doctor_id=d.pk, language_id=languages[d.pk % 5].pk) for d in doctors]
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def timed(client: Client, path: str, params: dict) -> tuple[float, int]:
    client.get(path, params)  # warm
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        response = client.get(path, params)
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, (path, params, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(path, params)
    return statistics.median(times), len(queries)


def measure() -> dict:
    client = Client()
    tips, _ = timed(client, "/tips/", {})
    pages = {}
    for name, params in QUERIES.items():
        ms, queries = timed(client, "/doctors/", params)
        pages[name] = {"median_ms": round(ms, 2), "queries": queries,
                       "over_tips": round(ms / tips, 2)}  # fmt: skip
    return {"tips_ms": round(tips, 2), "pages": pages}


def main() -> dict:
    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    result = {"engine": connection.vendor}
    for total in (10_000, 100_000):
        t0 = time.perf_counter()
        seed(total)
        result[f"seed_{total}_s"] = round(time.perf_counter() - t0, 1)
        reset_queries()
        result[total] = measure()
    worst = max(p["over_tips"] for p in result[100_000]["pages"].values())
    result["worst_over_tips_100k"] = worst
    result["growth_100k_over_10k"] = {
        name: round(result[100_000]["pages"][name]["median_ms"]
                    / result[10_000]["pages"][name]["median_ms"], 2)
        for name in QUERIES
    }  # fmt: skip
    return result


if __name__ == "__main__":
    print(json.dumps(main(), indent=1))
