"""One gunicorn with two worker processes, as `make run`'s production
counterpart would serve: a limit counts every worker's requests together
(the counters live in the database's "limits" cache table), and twelve
presses of one import preview's button at once save its walks once
(issue 24). On the PostgreSQL run the server uses a fresh PostgreSQL
database."""

import datetime
import re
import threading
import time
import urllib.error
import urllib.request
import uuid

import pytest
from django_ratelimit.core import _get_window

from tests import import_samples as samples
from tests.servers import (
    Browserless,
    app_env,
    free_port,
    gunicorn,
    manage,
    running,
    shared_database,
    task_worker,
    wait_for_page,
)

pytestmark = pytest.mark.servers

PASSWORD = "limits-across-workers-42"


def multipart(fields: dict, name: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        f"Content-Type: application/octet-stream\r\n\r\n".encode()
        + data
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@pytest.fixture
def server(tmp_path):
    with shared_database(tmp_path) as url:
        env = app_env(
            SECRET_KEY="limits-workers-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            ALLOWED_HOSTS="127.0.0.1",
            SECURE_SSL_REDIRECT="0",
            SECURE_COOKIES="0",
            DATABASE_URL=url,
            STATIC_ROOT=str(tmp_path / "static"),
            IMPORTS_ROOT=str(tmp_path / "imports"),
        )
        for args in (("migrate", "--noinput"), ("collectstatic", "--noinput")):
            result = manage(*args, env=env)
            assert result.returncode == 0, result.stderr
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        with task_worker(env=env), running(gunicorn(port, workers=2), env=env, url=f"{base}/tips/"):
            yield base


def test_share_link_guesses_are_counted_across_both_workers(server):
    # django-ratelimit counts in fixed one-minute windows (offset per address):
    # start with at least 15 s of this address's window left, so the 70
    # guesses (about 2 s) all fall in one window.
    deadline = time.monotonic() + 60
    while _get_window("127.0.0.1", 60) - time.time() < 15:
        assert time.monotonic() < deadline
        time.sleep(0.2)
    codes = []

    def guess(n):
        client = Browserless(server)  # a new connection each time: either worker
        for i in range(n):
            codes.append(client.request(f"/r/guess-{uuid.uuid4().hex}-{i}/")[0])

    threads = [threading.Thread(target=guess, args=(10,)) for _ in range(7)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # 30 a minute per address, counted by both workers together (each
    # counting alone would serve up to 60)
    assert sorted(codes) == [404] * 30 + [429] * 40


def test_twelve_presses_of_one_import_save_each_walk_once(server):
    patient = Browserless(server)
    patient.get_token("/accounts/signup/")
    status, _ = patient.post(
        "/accounts/signup/",
        {"username": "presser", "email": "presser@example.com", "password1": PASSWORD,
         "password2": PASSWORD},
    )  # fmt: skip
    assert status == 302
    patient.get_token("/walks/import/")
    start = datetime.datetime(2026, 11, 20, 1, 30, tzinfo=datetime.UTC)
    data = samples.gpx([("One", None, start, 30, True),
                        ("Two", None, start + datetime.timedelta(days=1), 25, True)])  # fmt: skip
    body, content_type = multipart({"csrfmiddlewaretoken": patient.token}, "w.gpx", data)
    upload = urllib.request.Request(server + "/walks/import/", body, {"Content-Type": content_type})
    with pytest.raises(urllib.error.HTTPError) as redirect:  # the opener does not follow
        patient.opener.open(upload, timeout=60)
    assert redirect.value.code == 302
    job = redirect.value.headers["Location"]
    # the database queue's worker process reads the file; the job's page
    # then shows the preview
    page = wait_for_page(patient, job, 'name="payload"')
    payload = re.search(r'name="payload" value="([^"]+)"', page).group(1)
    form = {"payload": payload, "include_0": "1", "include_1": "1",
            "pain_before_all": "3", "pain_after_all": "2"}  # fmt: skip
    barrier = threading.Barrier(12)
    codes = []

    def press():
        barrier.wait()
        codes.append(patient.post("/walks/import/", form)[0])

    threads = [threading.Thread(target=press) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert codes == [302] * 12
    status, csv = patient.request("/walks/export.csv")
    assert len(csv.strip().splitlines()) == 1 + 2, csv  # the header and two walks
