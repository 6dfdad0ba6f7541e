"""Two app servers, one database: neither ever shows a stale plan.

Each gunicorn server (one worker, so one cache each) keeps assessed weeks in
its own memory cache; the diary's version lives in the database. The test warms both caches, then
alternates writes on one server with reads on the other. On the SQLite run
the servers share a database file; on the PostgreSQL run (`make
test-postgres`) they share a fresh database on the same PostgreSQL server.
"""

import datetime
import json
from contextlib import ExitStack

import pytest

from tests.servers import (
    Browserless,
    app_env,
    free_port,
    gunicorn,
    manage,
    running,
    shared_database,
)

pytestmark = pytest.mark.servers

PASSWORD = "two-servers-passphrase-42"


def walk(day: datetime.date, **fields) -> dict:
    return {
        "date": day.isoformat(),
        "duration_minutes": "20",
        "pain_before": "2",
        "pain_after": "2",
        "surface": "flat",
        "notes": "",
        **fields,
    }


def test_writes_on_one_server_show_at_once_on_the_other(tmp_path):
    with shared_database(tmp_path) as url, ExitStack() as stack:
        env = app_env(
            SECRET_KEY="two-servers-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            ALLOWED_HOSTS="127.0.0.1",
            SECURE_SSL_REDIRECT="0",
            SECURE_COOKIES="0",
            DATABASE_URL=url,
            STATIC_ROOT=str(tmp_path / "static"),
            CONN_MAX_AGE="0",
        )
        for args in (("migrate", "--noinput"), ("collectstatic", "--noinput")):
            result = manage(*args, env=env)
            assert result.returncode == 0, result.stderr
        bases = []
        for _ in range(2):
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            stack.enter_context(running(gunicorn(port), env=env, url=f"{base}/tips/"))
            bases.append(base)
        a = Browserless(bases[0])  # one browser session, talking to either server

        a.get_token("/accounts/signup/")
        status, _ = a.post(
            "/accounts/signup/",
            {"username": "twin", "email": "twin@example.com", "password1": PASSWORD,
             "password2": PASSWORD},
        )  # fmt: skip
        assert status == 302
        servers = {"a": bases[0], "b": bases[1]}

        def on(name):
            a.base = servers[name]
            return a

        today = datetime.datetime.now(datetime.UTC).date()  # the servers' TIME_ZONE
        start = today - datetime.timedelta(days=21)
        on("a").get_token("/walks/new/")
        for i in range(21):
            assert on("a").post("/walks/new/", walk(start + datetime.timedelta(days=i)))[0] == 302

        def progress(name):
            status, body = on(name).request("/progress.json")
            assert status == 200
            return json.loads(body)

        # Both servers assess and cache the three completed weeks.
        assert [w["decision"] for w in progress("a")["weeks"]] == ["progress"] * 3
        assert [w["decision"] for w in progress("b")["weeks"]] == ["progress"] * 3

        # A symptom back-dated into week 1, logged on A: B says pause at once.
        on("a").get_token("/checkins/new/")
        checkin = {"date": (start + datetime.timedelta(days=1)).isoformat(), "pain": "3",
                   "notes": "", "numbness_or_tingling": "on"}  # fmt: skip
        assert on("a").post("/checkins/new/", checkin)[0] == 302
        assert progress("b")["weeks"][0]["decision"] == "pause"
        assert progress("a")["weeks"][0]["decision"] == "pause"

        # Severe pain in week 2, logged on B: A's dashboard and JSON follow.
        on("b").get_token("/walks/new/")
        severe = walk(start + datetime.timedelta(days=8), pain_after="8")
        assert on("b").post("/walks/new/", severe)[0] == 302
        assert progress("a")["weeks"][1]["decision"] == "pause"

        # A plan change on A: B numbers the weeks from the new start.
        on("a").get_token("/plan/")
        new_start = start + datetime.timedelta(days=7)
        plan = {"start_date": new_start.isoformat(), "start_minutes": "15"}
        assert on("a").post("/plan/", plan)[0] == 302
        data = progress("b")
        assert data["plan"]["start_date"] == new_start.isoformat()
        assert data["weeks"][0]["target_minutes"] == 15

        # Today's walk on B shows on A's dashboard.
        assert on("b").post("/walks/new/", walk(today, duration_minutes="33"))[0] == 302
        status, page = on("a").request("/")
        assert status == 200 and "Today you walked 33 minutes" in page
