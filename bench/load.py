"""Load generation for make bench: gunicorn on loopback, and wrk (with a Lua
script for posting walks as many patients) or a Python fallback."""

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start_server(threads: int) -> tuple[subprocess.Popen, int]:
    """gunicorn with 2 gthread workers, on loopback."""
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
            str(threads),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/tips/", timeout=1)  # noqa: S310
            break
        except OSError:
            time.sleep(0.1)
    return server, port


WRITE_LUA = """
-- Each request posts a walk as the next of the patients' sessions; the
-- script counts redirects (accepted walks) and any other status.
local sessions = {%s}
local i = 0
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) accepted = 0; other = 0 end
function request()
  i = i %% #sessions + 1
  local s = sessions[i]
  return wrk.format("POST", "/walks/new/", {
    ["Cookie"] = s[1],
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, s[2])
end
function response(status, headers, body)
  if status == 302 then accepted = accepted + 1 else other = other + 1 end
end
function done(summary, latency, requests)
  local a, o = 0, 0
  for _, t in ipairs(threads) do a = a + t:get("accepted"); o = o + t:get("other") end
  io.write(string.format("ACCEPTED %%d OTHER %%d\\n", a, o))
end
"""


def write_load(wrk: str | None, port: int, sessions: list[dict], seconds: int) -> dict:
    if not wrk:
        return python_write_load(port, sessions, seconds)
    entries_lua = ",".join(
        f"{{{json.dumps(s['cookie'])}, {json.dumps(s['body'])}}}" for s in sessions
    )
    script = Path(tempfile.gettempdir()) / f"walks-post-{os.getpid()}.lua"
    script.write_text(WRITE_LUA % entries_lua)
    try:
        out = subprocess.run(
            [wrk, "-t2", f"-c{len(sessions)}", f"-d{seconds}s", "--timeout", "10s",
             "-s", str(script), f"http://127.0.0.1:{port}/walks/new/"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    finally:
        script.unlink(missing_ok=True)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    accepted, other = map(int, re.search(r"ACCEPTED (\d+) OTHER (\d+)", out).groups())
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "rps": round(rps, 1),
        "accepted": accepted,
        "other": other,
        "errors": sum(map(int, errors.groups())) if errors else 0,
        "socket_errors": errors.group(0) if errors else "none",
        "tool": f"wrk -t2 -c{len(sessions)} + Lua",
    }


def python_write_load(port: int, sessions: list[dict], seconds: int) -> dict:
    """Fallback when wrk is missing: one keep-alive thread per patient."""
    import http.client
    import threading

    counts = {"accepted": 0, "other": 0, "errors": 0}
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def worker(session):
        conn = http.client.HTTPConnection("127.0.0.1", port)
        headers = {"Cookie": session["cookie"], "Content-Type": "application/x-www-form-urlencoded"}
        while time.monotonic() < stop:
            try:
                conn.request("POST", "/walks/new/", body=session["body"], headers=headers)
                response = conn.getresponse()
                response.read()
                key = "accepted" if response.status == 302 else "other"
            except OSError:
                key = "errors"
                conn = http.client.HTTPConnection("127.0.0.1", port)
            with lock:
                counts[key] += 1

    threads = [threading.Thread(target=worker, args=(s,)) for s in sessions]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    total = counts["accepted"] + counts["other"]
    return {"rps": round(total / seconds, 1), **counts, "tool": "python threads"}


def wrk_run(wrk: str, port: int, url: str, cookie: str, seconds: int, connections: int = 8) -> dict:
    out = subprocess.run(
        [
            wrk,
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",  # a slow moment on a shared VM is slow, not an error
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
    return {
        "rps": round(rps, 1),
        "non_2xx": int(bad.group(1)) if bad else 0,
        "tool": f"wrk -t2 -c{connections}",
    }


def python_load(port: int, url: str, cookie: str, seconds: int, threads: int = 8) -> dict:
    """Fallback when wrk is missing: keep-alive threads."""
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

    workers = [threading.Thread(target=worker) for _ in range(threads)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    return {
        "rps": round(count[0] / seconds, 1),
        "non_2xx": bad[0],
        "tool": f"python {threads} threads",
    }
