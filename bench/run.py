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
import socket
import statistics
import subprocess
import sys
import tempfile
import time
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
)
os.environ.pop("DEBUG", None)

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from walks.models import CheckIn, Walk  # noqa: E402

PAGES = ["/", "/progress.json", "/walks/", "/tips/"]
LOAD_PAGES = ["/", "/progress.json", "/tips/"]
REPEATS = int(os.environ.get("BENCH_REPEATS", "60"))
LOAD_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "5"))
LOAD_ROUNDS = int(os.environ.get("BENCH_LOAD_ROUNDS", "3"))


def seed(username: str, days: int) -> User:
    user = User.objects.create_user(username, f"{username}@example.com", "bench-password-123")
    today = timezone.localdate()
    Walk.objects.bulk_create(
        (
            Walk(
                user=user,
                date=today - datetime.timedelta(days=i),
                duration_minutes=10 + (i * 7) % 25,
                pain_before=2 + i % 4,
                pain_after=1 + (i * 3) % 5,
                surface="flat",
                notes=f"walk {i}",
            )
            for i in range(days)
        ),
        batch_size=2000,
    )
    CheckIn.objects.bulk_create(
        CheckIn(user=user, date=today - datetime.timedelta(days=i), pain=3)
        for i in range(0, days, 7)
    )
    return user


def count_queries(client: Client, url: str) -> int:
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def measure(client: Client) -> dict:
    """Median time per page, the pages interleaved so that noise hits all alike."""
    for url in PAGES:
        client.get(url)  # warm caches and the session
    queries = {url: count_queries(client, url) for url in PAGES}
    times: dict[str, list[float]] = {url: [] for url in PAGES}
    for _ in range(REPEATS):
        for url in PAGES:
            start = time.perf_counter()
            client.get(url)
            times[url].append(time.perf_counter() - start)
    return {
        url: {"median_ms": round(statistics.median(times[url]) * 1000, 2), "queries": queries[url]}
        for url in PAGES
    }


def static_bytes(client: Client) -> dict:
    html = client.get("/").content.decode()
    sizes = {"js": 0, "css": 0}
    patterns = (("js", r'<script src="([^"]+)"'), ("css", r'<link rel="stylesheet" href="([^"]+)"'))
    for kind, pattern in patterns:
        for url in re.findall(pattern, html):
            name = url.removeprefix("/static/")
            path = Path(os.environ["STATIC_ROOT"]) / name
            sizes[kind] += path.stat().st_size
            gz = path.with_name(path.name + ".br")
            sizes[f"{kind}_brotli"] = sizes.get(f"{kind}_brotli", 0) + (
                gz.stat().st_size if gz.exists() else path.stat().st_size
            )
    return sizes


def load(session_cookie: str) -> dict:
    """Requests per second under gunicorn, as the five-year patient."""
    with socket.socket() as probe:  # a free port on loopback
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "backpain.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--worker-class",
            "gthread",
            "--workers",
            "2",
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
    )
    results = {}
    try:
        import urllib.request

        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/tips/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        wrk = shutil.which("wrk")
        runs: dict[str, list[dict]] = {url: [] for url in LOAD_PAGES}
        # Interleave the pages over several rounds and keep each page's median,
        # so a noisy moment on a shared machine does not decide a ratio.
        for round_number in range(LOAD_ROUNDS + 1):
            for url in LOAD_PAGES:
                seconds = 2 if round_number == 0 else LOAD_SECONDS  # round 0 warms up
                if wrk:
                    run = wrk_run(wrk, port, url, session_cookie, seconds)
                else:
                    run = python_load(port, url, session_cookie, seconds)
                if round_number:
                    runs[url].append(run)
        for url, found in runs.items():
            found.sort(key=lambda r: r["rps"])
            results[url] = {**found[len(found) // 2], "rounds": [r["rps"] for r in found]}
    finally:
        server.terminate()
        server.wait(timeout=20)
    return results


def wrk_run(wrk: str, port: int, url: str, cookie: str, seconds: int) -> dict:
    out = subprocess.run(
        [
            wrk,
            "-t2",
            "-c8",
            f"-d{seconds}s",
            "-H",
            f"Cookie: sessionid={cookie}",
            f"http://127.0.0.1:{port}{url}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": round(rps, 1), "non_2xx": int(bad.group(1)) if bad else 0, "tool": "wrk -t2 -c8"}


def python_load(port: int, url: str, cookie: str, seconds: int) -> dict:
    """Fallback when wrk is missing: 8 keep-alive threads."""
    import http.client
    import threading

    count, bad, stop = [0], [0], time.monotonic() + seconds
    lock = threading.Lock()

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port)
        while time.monotonic() < stop:
            conn.request("GET", url, headers={"Cookie": f"sessionid={cookie}"})
            response = conn.getresponse()
            response.read()
            with lock:
                count[0] += 1
                bad[0] += response.status != 200

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"rps": round(count[0] / seconds, 1), "non_2xx": bad[0], "tool": "python 8 threads"}


def main():
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    t0 = time.perf_counter()
    years = seed("five-years", 5 * 365 + 1)
    week = seed("one-week", 7)
    seed_seconds = time.perf_counter() - t0

    table = {}
    for user in (week, years):
        client = Client()
        client.force_login(user)
        table[user.username] = measure(client)
    client = Client()
    client.force_login(years)
    sizes = static_bytes(client)
    rps = load(client.cookies["sessionid"].value)

    dash_week = table["one-week"]["/"]["median_ms"]
    dash_years = table["five-years"]["/"]["median_ms"]
    tips = table["five-years"]["/tips/"]["median_ms"]
    queries = [m["queries"] for t in table.values() for m in t.values()]
    targets = {
        "queries constant": all(
            table["one-week"][u]["queries"] == table["five-years"][u]["queries"] for u in PAGES
        ),
        "queries <= 10": max(queries) <= 10,
        "dashboard 5y <= 1.5x 1w": dash_years <= 1.5 * dash_week,
        "dashboard 5y <= 2x tips": dash_years <= 2 * tips,
        "gunicorn / >= 0.5x tips rps": rps["/"]["rps"] >= 0.5 * rps["/tips/"]["rps"],
    }
    result = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, SQLite",
        "seed_seconds": round(seed_seconds, 2),
        "walks_seeded": Walk.objects.count(),
        "in_process": table,
        "gunicorn": rps,
        "dashboard_static_bytes": sizes,
        "ratios": {
            "dashboard_5y_over_1w": round(dash_years / dash_week, 2),
            "dashboard_5y_over_tips": round(dash_years / tips, 2),
            "rps_dashboard_over_tips": round(rps["/"]["rps"] / rps["/tips/"]["rps"], 2),
        },
        "targets_met": targets,
        "total_seconds": round(time.perf_counter() - started, 1),
    }
    OUT.mkdir(exist_ok=True)
    (OUT / "latest.json").write_text(json.dumps(result, indent=2))
    print_table(result)
    shutil.rmtree(TMP, ignore_errors=True)
    return 0 if all(targets.values()) else 1


def print_table(r):
    print(f"\nWalk Well benchmark, {r['when']} on {r['machine']}")
    print(f"seeded {r['walks_seeded']} walks in {r['seed_seconds']} s\n")
    print(
        f"{'page':<16}{'1 week ms':>11}{'q':>4}{'5 years ms':>12}{'q':>4}{'gunicorn rps (5y)':>20}"
    )
    for url in PAGES:
        w, y = r["in_process"]["one-week"][url], r["in_process"]["five-years"][url]
        rps = r["gunicorn"].get(url, {}).get("rps", "")
        print(
            f"{url:<16}{w['median_ms']:>11}{w['queries']:>4}{y['median_ms']:>12}"
            f"{y['queries']:>4}{rps:>20}"
        )
    s = r["dashboard_static_bytes"]
    print(
        f"\ndashboard static: JS {s['js']:,} B ({s.get('js_brotli', 0):,} brotli), "
        f"CSS {s['css']:,} B ({s.get('css_brotli', 0):,} brotli)"
    )
    print("ratios:", r["ratios"])
    for name, ok in r["targets_met"].items():
        print(f"  [{'x' if ok else ' '}] {name}")
    print(f"total {r['total_seconds']} s; JSON in bench-results/latest.json")


if __name__ == "__main__":
    sys.exit(main())
