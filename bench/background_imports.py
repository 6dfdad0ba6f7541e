"""Two 300 MB Apple Health imports read by background workers, and the web
pages meanwhile (issue 31).

gunicorn (2 workers x 4 threads) and two `manage.py db_worker` processes
run on the bench's SQLite database, as `make run`'s deployment would. The
five-year patient uploads the same 300 MB export twice over HTTP; the bench
times each upload's answer (the redirect to the progress page), then runs
wrk against /tips/ while both workers read, and compares its latency with
the same server idle just before and just after, in the same run. The
workers run with the idle CPU policy, as the README's systemd unit sets, so
the web servers come first.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from bench import import_memory
from bench.load import ROOT, start_server

SECONDS = 6


def _latency_ms(wrk: str | None, port: int, cookie: str) -> dict:
    """Median latency of /tips/ under 8 connections, and requests per second."""
    if wrk:
        out = subprocess.run(
            [wrk, "-t2", "-c8", f"-d{SECONDS}s", "--latency", "--timeout", "10s",
             "-H", f"Cookie: sessionid={cookie}", f"http://127.0.0.1:{port}/tips/"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        value, unit = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        scale = {"us": 0.001, "ms": 1, "s": 1000}[unit]
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        return {"median_ms": round(float(value) * scale, 2), "rps": round(rps, 1)}
    times, stop = [], time.monotonic() + SECONDS
    conn = http.client.HTTPConnection("127.0.0.1", port)
    while time.monotonic() < stop:
        started = time.perf_counter()
        conn.request("GET", "/tips/", headers={"Cookie": f"sessionid={cookie}"})
        conn.getresponse().read()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {"median_ms": round(times[len(times) // 2], 2), "rps": round(len(times) / SECONDS, 1)}


def _upload(port: int, cookies: str, token: str, path: Path) -> tuple[float, str]:
    """POST the file as a browser's form does, streamed from disk; returns
    (seconds until the answer, the job's address)."""
    boundary = uuid.uuid4().hex
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
        f'{token}\r\n--{boundary}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="{path.name}"\r\nContent-Type: text/xml\r\n\r\n'
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    size = len(head) + path.stat().st_size + len(tail)

    def body():
        yield head
        with open(path, "rb") as data:
            while chunk := data.read(1024 * 1024):
                yield chunk
        yield tail

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    started = time.perf_counter()
    conn.request(
        "POST", "/walks/import/", body=body(),
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}",
                 "Content-Length": str(size), "Cookie": cookies,
                 "Referer": f"http://127.0.0.1:{port}/walks/import/"},
    )  # fmt: skip
    response = conn.getresponse()
    response.read()
    seconds = time.perf_counter() - started
    assert response.status == 302, response.status
    return seconds, response.getheader("Location")


def _low_priority() -> None:
    """The worker's CPU share: only what the web servers leave (SCHED_IDLE,
    systemd's CPUSchedulingPolicy=idle), else the lowest nice."""
    try:
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    except (AttributeError, OSError):
        os.nice(19)


def _worker(env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.5", "--no-startup-delay",
         "--no-reload", "--verbosity", "0"],
        cwd=ROOT, env=env, preexec_fn=_low_priority,
    )  # fmt: skip


def run(client, cookie: str, size_mb: int = 300) -> dict:
    """`client`: a logged-in django.test.Client of the patient; `cookie` its session."""
    from walks.models import ImportJob

    wrk = shutil.which("wrk")
    tmp = Path(tempfile.mkdtemp(prefix="walks-bench-imports-"))
    os.environ["IMPORTS_ROOT"] = str(tmp / "imports")  # the server's and the workers'
    env = dict(os.environ)
    page = client.get("/walks/import/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    cookies = f"sessionid={cookie}; csrftoken={client.cookies['csrftoken'].value}"
    small, big = tmp / "small.xml", tmp / "export.xml"
    import_memory.write_export(small, 1)
    import_memory.write_export(big, size_mb)
    ImportJob.objects.all().delete()
    server, port = start_server(4)
    workers = []
    try:
        _latency_ms(wrk, port, cookie)  # warm-up
        idle = _latency_ms(wrk, port, cookie)
        small_seconds, _ = _upload(port, cookies, token, small)
        answers = [_upload(port, cookies, token, big) for _ in range(2)]
        jobs = [address.rstrip("/").rsplit("/", 1)[-1] for _, address in answers]
        started = time.perf_counter()
        workers = [_worker(env) for _ in range(2)]
        deadline = time.monotonic() + 60
        while ImportJob.objects.filter(pk__in=jobs, state="reading").count() < 2:
            assert time.monotonic() < deadline, "the workers did not start reading"
            time.sleep(0.1)
        busy = _latency_ms(wrk, port, cookie)
        still_reading = ImportJob.objects.filter(pk__in=jobs, state="reading").count()
        deadline = time.monotonic() + 600
        while ImportJob.objects.filter(pk__in=jobs, state="ready").count() < 2:
            assert not ImportJob.objects.filter(pk__in=jobs, state="failed").exists()
            assert time.monotonic() < deadline, "the imports did not finish"
            time.sleep(0.2)
        read_seconds = time.perf_counter() - started
        idle_after = _latency_ms(wrk, port, cookie)  # the same server idle again
        left = [p for p in (tmp / "imports").rglob("*") if p.is_file()]
    finally:
        for worker in workers:
            worker.terminate()
            worker.wait(timeout=20)
        server.terminate()
        server.wait(timeout=20)
        shutil.rmtree(tmp, ignore_errors=True)
    return {
        "file_mb": size_mb,
        "upload_answer_seconds": {
            "1 MB": round(small_seconds, 2),
            f"{size_mb} MB": [round(s, 2) for s, _ in answers],
        },
        "both_read_seconds": round(read_seconds, 1),
        "tips_idle": {
            "median_ms": round((idle["median_ms"] + idle_after["median_ms"]) / 2, 2),
            "before_and_after_ms": [idle["median_ms"], idle_after["median_ms"]],
        },
        "tips_while_two_imports_read": busy,
        "imports_still_reading_after_wrk": still_reading,
        "latency_ratio": round(
            2 * busy["median_ms"] / (idle["median_ms"] + idle_after["median_ms"]), 2
        ),
        "files_left_after_reading": len(left),
        "tool": "wrk -t2 -c8 --latency" if wrk else "python, one connection",
    }
