"""Copy buttons beside the share link and the calendar link: the clipboard
gets the link when the browser allows it; otherwise the link is selected and
the patient is told to copy it."""

import pytest

from tests.browser.conftest import PHONE, _new_page
from tests.browser.helpers import log_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

REFUSE_CLIPBOARD = """
Object.defineProperty(navigator, 'clipboard', {value: {
  writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError'))}});
"""


def test_a_share_link_is_copied_and_labelled(browser, live_server):
    UserFactory(username="pat")
    context, page, watch = _new_page(browser, PHONE)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    try:
        log_in(page, live_server.url, "pat")
        page.goto(f"{live_server.url}/report/share/")
        page.get_by_label("Who is it for? (optional)").fill("Dr Rao, physiotherapy")
        page.get_by_role("button", name="Create a link").click()
        link = page.locator("#new-link").input_value()
        assert "/r/" in link
        page.get_by_role("button", name="Copy").click()
        page.get_by_text("Copied. Paste it where you need it.").wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == link
        assert page.locator(".share-label").inner_text() == "Dr Rao, physiotherapy"
        assert page.get_by_role("button", name="Revoke Dr Rao, physiotherapy").is_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"]
        watch.assert_clean()
    finally:
        context.close()


def test_when_the_clipboard_is_refused_the_calendar_link_is_selected(browser, live_server):
    UserFactory(username="pat")
    context, page, watch = _new_page(browser, PHONE)
    context.add_init_script(REFUSE_CLIPBOARD)
    try:
        log_in(page, live_server.url, "pat")
        page.goto(f"{live_server.url}/accounts/reminders/")
        page.get_by_role("button", name="Make a calendar link").click()
        page.locator("#feed-url").wait_for()
        page.get_by_role("button", name="Copy").click()
        page.get_by_text("The link is selected").wait_for()
        selected = page.evaluate(
            "(() => { const f = document.activeElement; if (f.id !== 'feed-url') return '';"
            " return f.value.slice(f.selectionStart, f.selectionEnd); })()"
        )
        assert selected == page.locator("#feed-url").input_value() and "/calendar/" in selected
        watch.assert_clean()
    finally:
        context.close()
