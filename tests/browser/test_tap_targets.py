"""Every 0-10 button is big enough for a thumb on a 390 px phone."""

import pytest

from tests.browser.helpers import log_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

SIZES = (
    """els => els.map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })"""
)


@pytest.mark.parametrize(
    "path, scales", [("/walks/new/", 2), ("/checkins/new/", 1), ("/checks/new/", 3)]
)
def test_pain_buttons_are_at_least_44_px_on_a_phone(phone_page, live_server, path, scales):
    page, watch = phone_page
    UserFactory(username="pat")
    log_in(page, live_server.url, "pat")
    page.goto(live_server.url + path)
    sizes = page.locator(".pain-scale-row label").evaluate_all(SIZES)
    assert len(sizes) == 11 * scales
    assert all(w >= 44 and h >= 44 for w, h in sizes), sizes
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    watch.assert_clean()
