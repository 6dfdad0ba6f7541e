"""The import's progress page in a browser: the bar moves while the task
reads the file and the page turns into the preview by itself.

The task runs in a thread of this test (as a worker process would run it)
and holds after its first progress report until the page has shown it, so
the test sees a bar part-way without relying on timing."""

import re
import threading

import pytest
from django.db import connections
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, _new_page, run_axe, screenshot
from tests.browser.helpers import log_in
from tests.factories import UserFactory
from tests.walks.test_import_tasks import big_export
from walks.models import ImportJob
from walks.services import imports

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_progress_bar_moves_and_reaches_the_preview(browser, live_server, monkeypatch, scheme):
    UserFactory(username="pat")
    shown = threading.Event()  # the page has shown the first progress
    reports = []
    save = imports.save_progress

    def save_then_hold(job, **kwargs):
        save(job, **kwargs)
        reports.append(kwargs)
        if len(reports) == 1:
            assert shown.wait(timeout=30), "the page never showed the progress"

    monkeypatch.setattr(imports, "PROGRESS_EVERY", 0)
    monkeypatch.setattr(imports, "save_progress", save_then_hold)
    context, page, watch = _new_page(browser, PHONE, color_scheme=scheme)
    try:
        log_in(page, live_server.url, "pat")
        page.goto(f"{live_server.url}/walks/import/")
        data = big_export(20)
        page.get_by_label("File from your phone, watch or this app").set_input_files(
            {"name": "export.xml", "mimeType": "text/xml", "buffer": data}
        )
        page.get_by_role("button", name="Read the file").click()
        bar = page.get_by_role("progressbar", name="Reading the file")
        bar.wait_for()
        assert page.locator("#import-progress-text").inner_text().startswith("Waiting to start")
        assert run_axe(page) == []
        job = ImportJob.objects.get()
        assert page.url.endswith(f"/walks/import/{job.pk}/")

        def work():
            try:
                imports.run(str(job.pk))
            finally:
                connections.close_all()

        worker = threading.Thread(target=work)
        worker.start()
        try:
            # the page's script asks about once a second: the bar moves
            expect(page.locator("#import-progress-text")).to_contain_text(" read, ", timeout=15_000)
            text = page.locator("#import-progress-text").inner_text()
            assert re.fullmatch(r"[\d.]+\xa0MB of 4.0\xa0MB read, \d+ walks? found so far\.", text)
            value = float(bar.get_attribute("value"))
            assert 0 < value < 100
            assert bar.get_attribute("aria-valuetext") == text
        finally:
            shown.set()
            worker.join(timeout=60)
        page.get_by_text("Apple Health: 20 new walks found.").wait_for(timeout=15_000)
        assert page.url.endswith(f"/walks/import/{job.pk}/")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        # a pain box left empty: the reason shows under that box, on screen
        page.get_by_role("button", name="Import the ticked walks").click()
        error = page.locator("#pain_before_0_error")
        expect(error).to_have_text("Enter your pain (0-10), or fill in “same for all” above.")
        assert error.is_visible() and page.locator("#pain_before_0").is_visible()
        box = error.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        screenshot(page, f"import-preview-phone-errors-{scheme}")
        assert len(reports) >= 2
        watch.assert_clean()
    finally:
        context.close()
