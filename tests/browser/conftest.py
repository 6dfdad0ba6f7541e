"""Playwright for Python driving Debian's Chromium against the live server.

Playwright's own browser download does not work on these machines, so the
tests launch /usr/bin/chromium (installed by scripts/system-packages.sh,
which `make test` and .ci/run both call). A missing browser fails the run.
"""

import json
import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.servers import ROOT

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

# Collects Content-Security-Policy violations in every page and frame.
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""

# Playwright's sync API runs an event loop in this thread; the Django ORM
# calls the tests make (fixtures, assertions) are still plain sync calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        # Never a skip: `make test` installs it (scripts/system-packages.sh).
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. Install it with: "
            "sudo apt-get update && sudo apt-get install -y chromium"
        )

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageWatch:
    """Console errors, page errors and CSP violations seen by one page."""

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))

    def _console(self, msg):
        if msg.type == "error":
            where = (msg.location or {}).get("url", "")
            self.errors.append(f"console: {msg.text} {where}".rstrip())

    def csp_violations(self) -> list[str]:
        return self.page.evaluate("window.__cspViolations || []")

    def assert_clean(self, *, expected: tuple[str, ...] = ()):
        """No errors, apart from ones a test provoked on purpose (`expected`
        substrings, e.g. Chromium logging an API's 400 as a console error)."""
        assert [e for e in self.errors if not any(x in e for x in expected)] == []
        assert self.csp_violations() == []


def _new_page(browser, viewport, **options):
    context = browser.new_context(viewport=viewport, locale="en-GB", **options)
    context.add_init_script(WATCH_CSP)
    context.add_init_script(path=str(AXE))
    context.set_default_timeout(10_000)
    page = context.new_page()
    return context, page, PageWatch(page)


@pytest.fixture(autouse=True)
def _lessons(lessons):
    """Every browser test sees the lessons the migrations load."""


@pytest.fixture(autouse=True)
def _questionnaires(db):
    """... and the questionnaires (a flushed database has neither)."""
    from outcomes.loading import load_shipped
    from outcomes.models import Item, Option, Questionnaire

    load_shipped(Questionnaire, Item, Option)


@pytest.fixture
def page_and_watch(browser, live_server):
    context, page, watch = _new_page(browser, DESKTOP)
    yield page, watch
    context.close()


@pytest.fixture
def kolkata_phone_page(browser, live_server):
    """A phone whose clock is set to India's time zone."""
    context, page, watch = _new_page(browser, PHONE, timezone_id="Asia/Kolkata")
    yield page, watch
    context.close()


@pytest.fixture
def dark_phone_page(browser, live_server):
    """A phone set to dark mode in its system settings."""
    context, page, watch = _new_page(browser, PHONE, color_scheme="dark")
    yield page, watch
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    context, page, watch = _new_page(browser, PHONE)
    yield page, watch
    context.close()


@pytest.fixture
def import_worker(live_server):
    """Reads waiting imports in a thread, as `manage.py db_worker` would (the
    live server's requests queue their tasks on per-thread test backends)."""
    import threading

    from django.db import connections

    from walks.models import ImportJob
    from walks.services import imports

    stop = threading.Event()

    def work():
        try:
            while not stop.wait(0.1):
                for pk in ImportJob.objects.filter(state="waiting").values_list("pk", flat=True):
                    imports.run(str(pk))
        finally:
            connections.close_all()

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    yield
    stop.set()
    thread.join(timeout=30)


def run_axe(page) -> list[dict]:
    """Serious and critical axe-core violations on the current page."""
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }"""
    )
    return [v for v in result if v["impact"] in ("serious", "critical")]


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def write_report(name: str, data) -> None:
    out = ROOT / "test-artifacts"
    out.mkdir(exist_ok=True)
    (out / name).write_text(json.dumps(data, indent=2))
