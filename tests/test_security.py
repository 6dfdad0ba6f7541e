"""Headers, login throttling and odd input at the doors."""

import re
from pathlib import Path

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def parse_csp(header: str) -> dict:
    directives = (part.strip().split(None, 1) for part in header.split(";") if part.strip())
    return {d[0]: d[1] if len(d) > 1 else "" for d in directives}


@pytest.mark.parametrize("url", ["/", "/tips/", "/doctors/", "/accounts/login/"])
def test_security_headers_on_public_pages(client, url):
    response = client.get(url)
    assert parse_csp(response["Content-Security-Policy"]) == EXPECTED_CSP
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_security_headers_on_patient_pages(patient_client):
    for url in ("/", "/walks/new/", "/progress.json"):
        response = patient_client.get(url)
        assert parse_csp(response["Content-Security-Policy"]) == EXPECTED_CSP


def test_patient_pages_are_not_cached(patient_client, client):
    for url in ("/", "/walks/", "/walks/export.csv", "/progress.json", "/accounts/me/"):
        assert "no-store" in patient_client.get(url)["Cache-Control"], url


def test_public_pages_stay_cacheable(client):
    assert not client.get("/tips/").has_header("Cache-Control")


def test_no_inline_scripts_or_event_handlers_in_templates():
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
    handler = re.compile(r"\son[a-z]+\s*=", re.I)
    style_attr = re.compile(r"\sstyle\s*=", re.I)
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        if path.name == "500.html":
            continue  # static error page: no scripts, no styles
        if path.parent.name == "emails":
            continue  # read in mail clients, never served under our CSP: inline styles
        text = path.read_text()
        for pattern in (inline_script, handler, style_attr):
            if pattern.search(text):
                offenders.append(f"{path.relative_to(TEMPLATES)}: {pattern.pattern}")
    assert offenders == []


# --- Login throttling -------------------------------------------------------------------
def _login(client, username, password, url="/accounts/login/"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR="203.0.113.9")


def test_five_failures_lock_the_account_for_15_minutes(client, patient, password):
    for _ in range(4):
        assert _login(client, "alice", "wrong-password-x").status_code == 200
    locked = _login(client, "alice", "wrong-password-x")
    assert locked.status_code == 429
    again = _login(client, "alice", password)  # even the right password
    assert again.status_code == 429
    body = again.content.decode()
    assert "15 minutes" in body and "Too many attempts" in body
    assert "_auth_user_id" not in client.session


def test_a_success_resets_the_count(client, patient, password):
    for _ in range(4):
        _login(client, "alice", "wrong-password-x")
    assert _login(client, "alice", password).status_code == 302
    client.post("/accounts/logout/")
    for _ in range(4):
        assert _login(client, "alice", "wrong-password-x").status_code == 200
    assert _login(client, "alice", password).status_code == 302


def test_lockout_is_per_username_and_address(client, patient, other_patient, password):
    for _ in range(5):
        _login(client, "alice", "wrong-password-x")
    assert _login(client, "bob", password).status_code == 302


def test_admin_login_is_throttled_too(client, db):
    UserFactory(username="boss", is_staff=True, is_superuser=True)
    for _ in range(5):
        _login(client, "boss", "wrong-password-x", url="/admin/login/")
    assert _login(client, "boss", "a-long-test-password-42", url="/admin/login/").status_code == 429


@pytest.mark.parametrize(
    "username", ["x" * 300, "nul\x00byte", "émoji 🦴", " ", "a" * 151, "admin'--"]
)
def test_odd_usernames_at_login_are_refused_cleanly(client, patient, username):
    for url in ("/accounts/login/", "/admin/login/"):
        response = client.post(url, {"username": username, "password": "whatever-it-is"})
        assert response.status_code == 200, url
