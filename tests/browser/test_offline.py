"""The installable app in real Chromium: install criteria, a walk logged in
airplane mode reaching the server exactly once, a refused entry shown for
fixing, the logout warning, and dark mode (issue 16)."""

import time

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.helpers import log_in, tap_scale
from tests.factories import TEST_PASSWORD, UserFactory
from walks.models import Walk

pytestmark = pytest.mark.django_db(transaction=True)


def wait_until(check, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.1)


# Chromium fires Background Sync from the machine's real network state, which
# Playwright's offline switch does not change, so a sync registered "offline"
# would send at once. These tests cover the page's own path (the `online`
# event); the pages here register no sync.
NO_BACKGROUND_SYNC = (
    "if (self.SyncManager) SyncManager.prototype.register = () => Promise.resolve();"
)


KEPT_PAGES = (
    "caches.keys().then(names => Promise.all(names.filter(n => n.includes('-pages-'))"
    ".map(n => caches.open(n).then(c => c.keys())))).then(l => l.flat().map(r => r.url))"
)


def kept_pages(page) -> list[str]:
    """Paths of the pages the worker keeps for offline use."""
    return sorted(url.split("/", 3)[-1] for url in page.evaluate(KEPT_PAGES))


def is_controlled(page) -> bool:
    # polled from here: the page's CSP rightly forbids the eval a page-side wait needs
    return page.evaluate("navigator.serviceWorker.controller !== null")


def controlled(page, url):
    """Open `url` under the service worker's control, with the walk and
    check-in forms kept for offline use."""
    page.context.add_init_script(NO_BACKGROUND_SYNC)
    page.goto(url)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    # A page whose load began while the worker was still activating can stay
    # outside its control; any later load is controlled.
    for _attempt in range(3):
        try:
            wait_until(lambda: is_controlled(page), timeout=5.0)
            break
        except AssertionError:
            page.reload()
    else:
        raise AssertionError("the page is not controlled by the service worker")
    page.reload()  # this load goes through the worker
    wait_until(lambda: kept_pages(page) == ["checkins/new/", "walks/new/"])


def log_walk_offline(page, minutes: str, before=3, after=2):
    page.get_by_label("Minutes walked").fill(minutes)
    tap_scale(page, "pain_before", before)
    tap_scale(page, "pain_after", after)
    page.get_by_role("button", name="Save walk").click()
    saved = page.get_by_text("Saved on this phone; it will be sent when you are back online.")
    saved.wait_for(state="visible")


def test_the_app_meets_the_install_criteria(page_and_watch, live_server):
    page, watch = page_and_watch
    page.goto(live_server.url + "/")
    scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == live_server.url + "/"
    manifest = page.evaluate(
        """async () => {
            const link = document.querySelector('link[rel=manifest]');
            const data = await (await fetch(link.href)).json();
            const icons = await Promise.all(data.icons.map(async (i) => {
                const r = await fetch(i.src);
                const bitmap = await createImageBitmap(await r.blob());
                return [i.sizes, i.purpose || 'any', bitmap.width + 'x' + bitmap.height];
            }));
            return {display: data.display, start: data.start_url, icons};
        }"""
    )
    assert manifest["display"] == "standalone" and manifest["start"] == "/?source=app"
    assert ["512x512", "maskable", "512x512"] in manifest["icons"]
    assert ["192x192", "any", "192x192"] in manifest["icons"]
    watch.assert_clean()


# A try to send at the very moment the connection returns can still fail
# (Chromium's network comes back a moment after the `online` event); the page
# then tries again. Chromium logs each failed try as a console error.
RETRIED = ("ERR_INTERNET_DISCONNECTED",)


def test_a_walk_logged_in_airplane_mode_arrives_once(phone_page, live_server):
    page, watch = phone_page
    user = UserFactory(username="hiker")
    log_in(page, live_server.url, "hiker")
    controlled(page, live_server.url + "/walks/new/")
    page.context.set_offline(True)
    log_walk_offline(page, "22")
    expect(page.get_by_text("1 entry saved on this phone is waiting to be sent.")).to_be_visible()
    screenshot(page, "offline-saved-phone")
    # Still offline: another page comes from the worker, not an error page.
    page.goto(live_server.url + "/walks/")
    expect(page.get_by_role("heading", name="You are offline")).to_be_visible()
    page.goto(live_server.url + "/walks/new/")  # kept for offline use
    expect(page.get_by_role("button", name="Save walk")).to_be_visible()
    expect(page.get_by_text("1 entry saved on this phone is waiting to be sent.")).to_be_visible()

    page.context.set_offline(False)  # back online: the page sends what waits
    sent = page.get_by_text("1 entry saved on this phone has been sent to your diary.")
    expect(sent).to_be_visible(timeout=30_000)
    expect(page.get_by_text("waiting to be sent")).to_be_hidden()
    assert page.evaluate("WalkWellQueue.all().then(e => e.length)") == 0
    walk = Walk.objects.get(user=user)  # exactly one
    assert (walk.duration_minutes, walk.pain_before, walk.pain_after) == (22, 3, 2)
    assert walk.client_id is not None
    page.goto(live_server.url + "/")
    expect(page.locator("#offline-queue")).to_be_hidden()
    assert Walk.objects.filter(user=user).count() == 1
    watch.assert_clean(expected=RETRIED)


def test_log_a_walk_works_offline_though_the_form_was_never_opened(phone_page, live_server):
    page, watch = phone_page
    user = UserFactory(username="firsttime")
    log_in(page, live_server.url, "firsttime")
    controlled(page, live_server.url + "/")  # only the dashboard was ever opened
    # (controlled() waited for the worker to keep both forms for this account)
    page.context.set_offline(True)
    page.get_by_role("link", name="Log a walk").first.click()
    expect(page.get_by_role("heading", name="Log a walk")).to_be_visible()
    log_walk_offline(page, "14")
    page.context.set_offline(False)
    expect(page.get_by_text("has been sent to your diary")).to_be_visible(timeout=30_000)
    assert Walk.objects.get(user=user).duration_minutes == 14
    # The offline page was kept from before this log-in, so its CSRF token is
    # an old one: refused once, then sent with the form's own.
    watch.assert_clean(expected=(*RETRIED, "status of 403"))


def tick_saddle_numbness(page):
    page.get_by_label("Numbness between your legs").check()


@pytest.mark.parametrize("how", ["expiry", "deletion"])
def test_an_entry_saved_offline_never_reaches_the_next_account(phone_page, live_server, how):
    """A logs a walk offline and A's session ends without "Log out"; B logs
    in on the same phone: A's walk is never saved as B's, and the form kept
    for offline use no longer shows A's name."""
    page, watch = phone_page
    alice = UserFactory(username="alice")
    bob = UserFactory(username="bob")
    log_in(page, live_server.url, "alice")
    controlled(page, live_server.url + "/walks/new/")
    page.context.set_offline(True)
    page.get_by_label("Minutes walked").fill("25")
    tap_scale(page, "pain_before", 3)
    tap_scale(page, "pain_after", 2)
    tick_saddle_numbness(page)
    page.get_by_role("button", name="Save walk").click()
    page.get_by_text("Saved on this phone; it will be sent").wait_for(state="visible")
    if how == "expiry":
        page.context.clear_cookies()  # the session ended on its own
    else:
        alice.delete()  # from another device: here, A's session stops working
    page.context.set_offline(False)
    log_in(page, live_server.url, "bob")
    expect(page.locator("#main-nav")).to_contain_text("Account (bob)")
    # The entry left by A is gone from this device, unsent.
    wait_until(lambda: page.evaluate("WalkWellQueue.all().then(e => e.length)") == 0)
    expect(page.locator("#offline-queue")).to_be_hidden()
    assert not Walk.objects.filter(user=bob).exists()
    assert not Walk.objects.filter(saddle_numbness=True).exists()
    # Offline, the kept form is B's (fetched again for B), never A's.
    page.goto(live_server.url + "/walks/new/")
    page.context.set_offline(True)
    page.goto(live_server.url + "/walks/new/")
    expect(page.get_by_role("button", name="Save walk")).to_be_visible()
    assert "alice" not in page.content()
    expect(page.locator("#main-nav")).to_contain_text("Account (bob)")
    page.context.set_offline(False)
    # A's session no longer works: the page's tries to send as A were refused
    watch.assert_clean(expected=(*RETRIED, "status of 401", "status of 403"))


def a_refused_entry_waits(page, base_url, username):
    """Logs `username` in and queues, offline, a walk the server will refuse
    (400 minutes, over the limit): it stays on the device, shown to fix."""
    user = UserFactory(username=username)
    log_in(page, base_url, username)
    controlled(page, base_url + "/walks/new/")
    page.context.set_offline(True)
    log_walk_offline(page, "400")
    page.context.set_offline(False)
    refused = page.locator("#offline-queue li")
    refused.wait_for(state="visible")
    return user, refused


def test_deleting_the_account_clears_this_browser(phone_page, live_server):
    page, watch = phone_page
    a_refused_entry_waits(page, live_server.url, "goner")
    page.goto(live_server.url + "/accounts/me/delete/")
    page.get_by_label("Your password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Delete my account and data").click()
    page.wait_for_url(f"{live_server.url}/")
    deleted = page.get_by_text("Your account and all of your entries have been deleted.")
    expect(deleted).to_be_visible()
    # No page kept for the deleted account (a new worker may keep the public shell again)
    wait_until(lambda: kept_pages(page) == [])
    assert (
        page.evaluate(
            "new Promise(r => { const q = indexedDB.open('walkwell', 1);"
            " q.onupgradeneeded = () => r('empty'); q.onsuccess = () => {"
            " const db = q.result; if (!db.objectStoreNames.contains('entries')) return r('empty');"
            " const all = db.transaction('entries').objectStore('entries').getAll();"
            " all.onsuccess = () => r(all.result.length ? 'kept' : 'empty'); }; })"
        )
        == "empty"
    )
    watch.assert_clean(expected=("status of 400",))


def test_an_entry_the_server_refuses_is_shown_to_fix(phone_page, live_server):
    page, watch = phone_page
    user, refused = a_refused_entry_waits(page, live_server.url, "typo")
    assert "Not accepted:" in refused.inner_text() and "300" in refused.inner_text()
    screenshot(page, "offline-refused-phone")
    page.get_by_role("link", name="Fix it").click()
    minutes = page.get_by_label("Minutes walked")
    expect(minutes).to_have_value("400")
    assert page.locator("#id_pain_before_3").is_checked()
    minutes.fill("40")
    page.get_by_role("button", name="Save walk").click()
    page.wait_for_url(f"{live_server.url}/")
    assert Walk.objects.get(user=user).duration_minutes == 40
    expect(page.locator("#offline-queue")).to_be_hidden()
    watch.assert_clean(expected=("status of 400",))  # the refusal itself


def test_logging_out_warns_about_unsent_entries_then_clears_them(phone_page, live_server):
    page, watch = phone_page
    a_refused_entry_waits(page, live_server.url, "leaver")

    def log_out():
        page.get_by_role("button", name="Open menu").click()
        page.locator("#main-nav.show").wait_for()  # the menu has finished opening
        page.get_by_role("button", name="Account (leaver)").click()
        page.locator(".dropdown-menu.show").wait_for()
        page.get_by_role("button", name="Log out").click()

    messages = []
    page.once("dialog", lambda d: (messages.append(d.message), d.dismiss()))
    log_out()
    page.wait_for_timeout(300)
    assert "1 entries on this phone have not been sent yet" in messages[0]
    page.reload()
    page.locator("#offline-queue li").wait_for(state="visible")  # still logged in, kept
    page.once("dialog", lambda d: d.accept())
    log_out()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_role("link", name="Log in").first).to_be_visible()
    log_in(page, live_server.url, "leaver")
    page.wait_for_timeout(300)
    expect(page.locator("#offline-queue")).to_be_hidden()
    assert page.evaluate("WalkWellQueue.all().then(e => e.length)") == 0
    watch.assert_clean(expected=("status of 400",))


def test_dark_mode_follows_the_phone_and_the_toggle_remembers(dark_phone_page, live_server):
    page, watch = dark_phone_page
    UserFactory(username="night")
    log_in(page, live_server.url, "night")
    page.goto(live_server.url + "/")
    theme = "document.documentElement.dataset.bsTheme"
    assert page.evaluate(theme) == "dark"
    screenshot(page, "dashboard-dark-phone")
    page.get_by_role("button", name="Open menu").click()
    page.locator("#main-nav.show").wait_for()  # the menu has finished opening
    toggle = page.get_by_role("button", name="Dark mode")
    assert toggle.get_attribute("aria-pressed") == "true"
    assert " ".join(toggle.inner_text().split()) == "Dark mode (on)"  # said on screen too
    toggle.click()
    expect(page.locator("html")).to_have_attribute("data-bs-theme", "light")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(toggle.locator(".theme-off")).to_be_visible()
    expect(toggle.locator(".theme-on")).to_be_hidden()
    page.reload()
    # the choice is applied by the script in <head>, before the body exists
    assert page.evaluate(theme) == "light"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    watch.assert_clean()


def test_charts_are_recoloured_for_a_dark_background(page_and_watch, live_server):
    from tests.factories import WalkFactory

    page, watch = page_and_watch
    user = UserFactory(username="charts")
    WalkFactory(user=user, date=timezone.localdate(), duration_minutes=12)
    log_in(page, live_server.url, "charts")
    page.goto(live_server.url + "/")
    light = page.evaluate("Chart.getChart('minutes-chart').data.datasets[1].backgroundColor")
    page.get_by_role("button", name="Dark mode").click()
    dark = page.evaluate("Chart.getChart('minutes-chart').data.datasets[1].backgroundColor")
    assert (light, dark) == ("#2f7cb3", "#6fb3e6")
    assert page.evaluate("Chart.defaults.color") == page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--bs-body-color').trim()"
    )
    watch.assert_clean()
