"""make bench: how the app's cost grows with a patient's history.

Seeds a temporary SQLite database (production settings) with a patient who
has walked daily for five years and one who started a week ago, then
measures, in-process, the median time and SQL queries per page, and under
gunicorn the requests per second. Prints a table and writes JSON to
bench-results/ (git-ignored).
"""

import datetime
import json
import os
import platform
import re
import shutil
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench-results"
TMP = Path(tempfile.mkdtemp(prefix="walks-bench-"))
os.environ.update(
    DJANGO_SETTINGS_MODULE="backpain.settings",
    SECRET_KEY="bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
    SECURE_SSL_REDIRECT="0",
    SECURE_COOKIES="0",
    DATABASE_URL=f"sqlite:///{TMP / 'bench.sqlite3'}",
    STATIC_ROOT=str(TMP / "static"),
    # The benchmark measures cost, not the API throttles.
    API_RATE_PER_TOKEN="1000000/min",
    API_RATE_PER_ADDRESS="1000000/min",
)
os.environ.pop("DEBUG", None)

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench import (  # noqa: E402
    background_imports,  # noqa: E402
    import_memory,
    micro,
)
from bench import clinic as clinic_bench  # noqa: E402
from bench import reminders as reminder_bench  # noqa: E402
from bench.load import (  # noqa: E402
    python_load,
    start_server,
    write_load,
    wrk_run,
)
from bench.table import PAGES, print_floor, print_table, static_bytes  # noqa: E402
from walks.models import Walk  # noqa: E402
from walks.services import entries  # noqa: E402

# The floor: a redirect through the whole middleware stack and nothing else,
# on the same server in the same rounds as every page (issue 29).
FLOOR = "/favicon.ico"
# Each page's goal, as a share of the floor's requests per second.
FLOOR_GOALS = {
    "/tips/": 0.6, "/doctors/": 0.6, "/": 0.3, "/walks/new/": 0.3, "/walks/": 0.3,
    "/progress.json": 0.3, "/api/v1/walks/": 0.3, "/report/": 0.15,
}  # fmt: skip
LOAD_PAGES = [FLOOR, *FLOOR_GOALS]
WORKER_RSS_LIMIT_MB = 120
REPEATS = int(os.environ.get("BENCH_REPEATS", "60"))
LOAD_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "5"))
LOAD_ROUNDS = int(os.environ.get("BENCH_LOAD_ROUNDS", "3"))


def seed(username: str, days: int, per_day: int = 1) -> User:
    """A patient who walked `per_day` times a day for `days` days, through the
    write services."""
    user = User.objects.create_user(username, f"{username}@example.com", "bench-password-123")
    today = timezone.localdate()
    entries.import_walks(
        user=user,
        walks=(
            {
                "date": today - datetime.timedelta(days=i),
                "duration_minutes": 10 + (i * 7) % 25,
                "pain_before": 2 + i % 4,
                "pain_after": 1 + (i * 3) % 5,
                "surface": "flat",
                "notes": f"walk {i}",
            }
            for i in range(days)
            for _ in range(per_day)
        ),
        today=today,
    )
    for i in range(0, days, 7):
        entries.log_checkin(
            user=user, data={"date": today - datetime.timedelta(days=i), "pain": 3}, today=today
        )
    return user


def walk_post_data() -> dict:
    return {
        "date": timezone.localdate().isoformat(),
        "duration_minutes": "20",
        "pain_before": "3",
        "pain_after": "2",
        "surface": "flat",
        "notes": "",
    }


def count_queries(client: Client, url: str) -> int:
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def measure(clients: dict[str, Client]) -> dict:
    """Median time per page and patient, every page of every patient
    interleaved in each repeat, so that noise hits all alike."""
    for client in clients.values():
        for url in PAGES:
            client.get(url)  # warm caches and the session
    table = {
        name: {url: {"queries": count_queries(client, url)} for url in PAGES}
        for name, client in clients.items()
    }
    times = {(name, url): [] for name in clients for url in PAGES}
    for _ in range(REPEATS):
        for name, client in clients.items():
            for url in PAGES:
                start = time.perf_counter()
                client.get(url)
                times[name, url].append(time.perf_counter() - start)
    for (name, url), samples in times.items():
        table[name][url]["median_ms"] = round(statistics.median(samples) * 1000, 2)
    for name, client in clients.items():
        table[name]["POST /walks/new/"] = measure_post(client)
        table[name]["POST /api/v1/walks/"] = measure_post(client, api=True)
        table[name]["GET /report.pdf"] = measure_pdf(client)
    return table


PDF_REPEATS = int(os.environ.get("BENCH_PDF_REPEATS", "5"))


def measure_pdf(client: Client) -> dict:
    """The doctor-visit report as a PDF (WeasyPrint), default period."""
    assert client.get("/report.pdf").status_code == 200  # warm imports and fonts
    samples = []
    for _ in range(PDF_REPEATS):
        start = time.perf_counter()
        response = client.get("/report.pdf")
        samples.append(time.perf_counter() - start)
        assert response["Content-Type"] == "application/pdf"
    return {"median_ms": round(statistics.median(samples) * 1000, 1), "queries": None,
            "bytes": len(response.content)}  # fmt: skip


def measure_post(client: Client, *, api: bool = False) -> dict:
    """A valid walk for today, posted through the form (or the API as JSON,
    Django test client), interleaved with GET /tips/ so that both see the
    same noise."""
    data = walk_post_data()
    url, expected = ("/api/v1/walks/", 201) if api else ("/walks/new/", 302)

    def post():
        if api:
            body = {**data, "duration_minutes": 20, "pain_before": 3, "pain_after": 2}
            return client.post(url, json.dumps(body), content_type="application/json")
        return client.post(url, data)

    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        assert post().status_code == expected
    posts, tips = [], []
    for _ in range(REPEATS):
        start = time.perf_counter()
        response = post()
        posts.append(time.perf_counter() - start)
        assert response.status_code == expected
        start = time.perf_counter()
        client.get("/tips/")
        tips.append(time.perf_counter() - start)
    return {
        "median_ms": round(statistics.median(posts) * 1000, 2),
        "queries": len(queries),
        "tips_same_run_ms": round(statistics.median(tips) * 1000, 2),
    }


def worker_rss_mb(server) -> list[float]:
    """Resident memory of each gunicorn worker (the master's children)."""
    found = []
    for child in Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split():
        status = Path(f"/proc/{child}/status").read_text()
        found.append(round(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024, 1))
    return found


def floor_table(rps: dict) -> dict:
    """Every page's requests per second as a share of the floor's: the median
    over the rounds of its ratio to the floor measured just before it."""
    return {
        url: {"rps": rps[url]["rps"], "x_floor": round(rps[url]["x_floor"], 2),
              "x_floor_rounds": rps[url]["x_floor_rounds"], "goal": goal,
              "met": rps[url]["x_floor"] >= goal}
        for url, goal in FLOOR_GOALS.items()
    }  # fmt: skip


def floor_targets(floor: dict, rps: dict) -> dict:
    targets = {f"{url} >= {row['goal']}x the floor": row["met"] for url, row in floor.items()}
    rss = [mb for name, found in rps.items() if name.startswith("worker_rss_mb") for mb in found]
    targets[f"gunicorn workers <= {WORKER_RSS_LIMIT_MB} MB resident after the load"] = (
        bool(rss) and max(rss) <= WORKER_RSS_LIMIT_MB
    )
    return targets


def floor_only() -> int:
    """`python bench/run.py floor`: only the floor table (the five-year
    patient's pages under gunicorn against the floor), for quick rounds."""
    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    years = seed("five-years", 5 * 365 + 1)
    client = Client()
    client.force_login(years)
    rps = load(client.cookies["sessionid"].value, None)
    floor = floor_table(rps)
    targets = floor_targets(floor, rps)
    print_floor(rps, floor)
    for name, ok in targets.items():
        print(f"  [{'x' if ok else ' '}] {name}")
    shutil.rmtree(TMP, ignore_errors=True)
    return 0 if all(targets.values()) else 1


def load(session_cookie: str, writers: list[dict] | None) -> dict:
    """Requests per second under gunicorn, each figure next to /tips/ on the
    same server in the same rounds: pages as the five-year patient (2 workers
    x 4 threads), then 16 patients posting walks (2 workers x 8 threads)."""
    wrk = shutil.which("wrk")
    results = {}
    totals = {"accepted": 0, "other_status": 0, "errors": 0, "saved": 0}

    def one(port, url):
        if wrk:
            return wrk_run(wrk, port, url, session_cookie, LOAD_SECONDS)
        return python_load(port, url, session_cookie, LOAD_SECONDS)

    def pages(port, runs):
        # The floor is measured again just before each page, so each ratio
        # compares two runs seconds apart (a shared machine's speed drifts).
        for url in LOAD_PAGES[1:]:
            floor = one(port, FLOOR)
            runs[FLOOR].append(floor)
            run = one(port, url)
            run["x_floor"] = run["rps"] / floor["rps"] if floor["rps"] else 0.0
            runs[url].append(run)

    def posting(port, runs):
        before = Walk.objects.count()
        run = write_load(wrk, port, writers, LOAD_SECONDS)
        run["saved"] = Walk.objects.count() - before
        for key, name in (
            ("accepted", "accepted"),
            ("other_status", "other"),
            ("errors", "errors"),
        ):
            totals[key] += run[name]
        totals["saved"] += run["saved"]
        runs["POST /walks/new/ (16 patients)"].append(run)
        runs["/tips/ (16 connections)"].append(
            wrk_run(wrk, port, "/tips/", session_cookie, LOAD_SECONDS, connections=16)
            if wrk
            else python_load(port, "/tips/", session_cookie, LOAD_SECONDS, threads=16)
        )

    plan = [(4, LOAD_PAGES, pages)]
    if writers is not None:
        plan.append((8, ["POST /walks/new/ (16 patients)", "/tips/ (16 connections)"], posting))
    for threads, names, measure_round in plan:
        server, port = start_server(threads)
        try:
            runs: dict[str, list[dict]] = {name: [] for name in names}
            # Round 0 warms up; then interleaved rounds, each figure the median,
            # so a noisy moment on a shared machine does not decide a ratio.
            for round_number in range(LOAD_ROUNDS + 1):
                measure_round(port, runs)
                if round_number == 0:
                    for found in runs.values():
                        found.clear()
            for name, found in runs.items():
                ratios = sorted(r["x_floor"] for r in found if "x_floor" in r)
                found.sort(key=lambda r: r["rps"])
                results[name] = {
                    **found[len(found) // 2],
                    "rounds": [r["rps"] for r in found],
                    "server": f"gunicorn 2 workers x {threads} threads",
                }
                if ratios:  # the median of the page's ratios to the floor beside it
                    results[name]["x_floor"] = round(ratios[len(ratios) // 2], 3)
                    results[name]["x_floor_rounds"] = [round(x, 2) for x in ratios]
            results[f"worker_rss_mb ({threads} threads)"] = worker_rss_mb(server)
        finally:
            server.terminate()
            server.wait(timeout=20)
    results["writes_all_rounds"] = totals
    return results


def writer_sessions(count: int) -> list[dict]:
    """`count` patients, each logged in with a CSRF token, as a browser has."""
    sessions = []
    for n in range(count):
        user = seed(f"writer-{n}", 7)
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        page = client.get("/walks/new/").content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({**walk_post_data(), "csrfmiddlewaretoken": token})
        cookie = (
            f"sessionid={client.cookies['sessionid'].value}; "
            f"csrftoken={client.cookies['csrftoken'].value}"
        )
        sessions.append({"cookie": cookie, "body": body})
    return sessions


def main():
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    t0 = time.perf_counter()
    years = seed("five-years", 5 * 365 + 1)
    # Four short walks a day, so that one week already fills a history page
    # (25 entries) and the history comparison is about length, not page size.
    week = seed("one-week", 7, per_day=4)
    seed_seconds = time.perf_counter() - t0
    walks_seeded = Walk.objects.count()
    micro_results = micro.run(years)

    clients = {}
    for user in (week, years):
        clients[user.username] = Client()
        clients[user.username].force_login(user)
    table = measure(clients)
    client = Client()
    client.force_login(years)
    sizes = static_bytes(client)
    writers = writer_sessions(16)
    rps = load(client.cookies["sessionid"].value, writers)
    reminders = reminder_bench.run()
    clinic = clinic_bench.run(count_queries)
    apple = {size: import_memory.run(size) for size in (100, 300)}
    apple["junk-500"] = import_memory.run(500, junk=True)  # unknown elements only
    background = background_imports.run(client, client.cookies["sessionid"].value)

    y, w = table["five-years"], table["one-week"]
    tips = y["/tips/"]["median_ms"]
    post = y["POST /walks/new/"]
    writes = rps["writes_all_rounds"]
    ratios = {
        "dashboard_5y_over_1w": round(y["/"]["median_ms"] / w["/"]["median_ms"], 2),
        "dashboard_5y_over_tips": round(y["/"]["median_ms"] / tips, 2),
        "walk_form_5y_over_tips": round(y["/walks/new/"]["median_ms"] / tips, 2),
        "post_walk_5y_over_tips": round(post["median_ms"] / post["tips_same_run_ms"], 2),
        "history_5y_over_1w": round(y["/walks/"]["median_ms"] / w["/walks/"]["median_ms"], 2),
        "api_list_over_history_page": round(
            y["/api/v1/walks/"]["median_ms"] / y["/walks/"]["median_ms"], 2
        ),
        "api_create_over_form_post": round(
            y["POST /api/v1/walks/"]["median_ms"] / post["median_ms"], 2
        ),
        "rps_dashboard_over_tips": round(rps["/"]["rps"] / rps["/tips/"]["rps"], 2),
        "rps_posting_walks_over_tips": round(
            rps["POST /walks/new/ (16 patients)"]["rps"] / rps["/tips/ (16 connections)"]["rps"], 2
        ),
    }
    ratios["clinic_panel_1000_over_tips"] = clinic["panel_1000_over_tips"]
    floor = floor_table(rps)
    panel = clinic["pages"]
    queries = [m["queries"] for t in table.values() for m in t.values() if m["queries"]]
    targets = {
        "queries constant": all(w[u]["queries"] == y[u]["queries"] for u in PAGES),
        "queries <= 10": max(queries) <= 10,
        "dashboard 5y <= 1.5x 1w": ratios["dashboard_5y_over_1w"] <= 1.5,
        "dashboard 5y <= 2x tips": ratios["dashboard_5y_over_tips"] <= 2,
        "GET /walks/new/ <= 2x tips": ratios["walk_form_5y_over_tips"] <= 2,
        "POST /walks/new/ <= 2x tips": ratios["post_walk_5y_over_tips"] <= 2,
        "history 5y <= 1.2x 1w": ratios["history_5y_over_1w"] <= 1.2,
        "API list <= 1.5x the history page": ratios["api_list_over_history_page"] <= 1.5,
        "API create <= 1.5x the form's POST": ratios["api_create_over_form_post"] <= 1.5,
        "gunicorn / >= 0.5x tips rps": ratios["rps_dashboard_over_tips"] >= 0.5,
        "16 patients posting >= 0.25x tips rps": ratios["rps_posting_walks_over_tips"] >= 0.25,
        "report PDF for 5 years of diary < 2 s": y["GET /report.pdf"]["median_ms"] < 2000,
        "Apple export 300 MB: < 200 MB extra memory": apple[300]["extra_rss_mb"] < 200,
        "500 MB of unknown XML elements: < 100 MB extra memory": (
            apple["junk-500"]["extra_rss_mb"] < 100
        ),
        "Apple export: time linear in size (300/100 MB <= 3.6x)": (
            apple[300]["seconds"] / apple[100]["seconds"] <= 3.6
        ),
        "/tips/ latency while two 300 MB imports read <= 2x idle": (
            background["latency_ratio"] <= 2 and background["imports_still_reading_after_wrk"] == 2
        ),
        "imports: every upload deleted once read": background["files_left_after_reading"] == 0,
        "send_reminders, 10,000 patients < 60 s": (
            reminders[10_000]["seconds"] < 60 and reminders[10_000]["sent"] == 10_000
        ),
        "/clinic/ with 1,000 patients <= 3x tips": clinic["panel_1000_over_tips"] <= 3,
        "/clinic/ queries the same for 10 and 1,000 patients": (
            panel["/clinic/ (10 patients)"]["queries"]
            == panel["/clinic/ (1,000 patients)"]["queries"]
            == panel["/clinic/?page=20 (1,000)"]["queries"]
        ),
        **floor_targets(floor, rps),
        "posting: no errors, every accepted walk saved": (
            writes["other_status"] == 0
            and writes["errors"] == 0
            and writes["accepted"] <= writes["saved"] <= writes["accepted"] + 16 * LOAD_ROUNDS * 2
        ),
    }
    result = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, SQLite",
        "seed_seconds": round(seed_seconds, 2),
        "walks_seeded": walks_seeded,
        "in_process": table,
        "gunicorn": rps,
        "floor": floor,
        "micro": micro_results,
        "send_reminders": reminders,
        "clinic": clinic,
        "apple_health_import": apple,
        "background_imports": background,
        "dashboard_static_bytes": sizes,
        "ratios": ratios,
        "targets_met": targets,
        "total_seconds": round(time.perf_counter() - started, 1),
    }
    OUT.mkdir(exist_ok=True)
    (OUT / "latest.json").write_text(json.dumps(result, indent=2))
    print_table(result)
    shutil.rmtree(TMP, ignore_errors=True)
    return 0 if all(targets.values()) else 1


if __name__ == "__main__":
    sys.exit(floor_only() if sys.argv[1:] == ["floor"] else main())
