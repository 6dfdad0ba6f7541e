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


CENTRED = """els => els.map(e => {
  const box = e.getBoundingClientRect();
  const range = document.createRange();
  range.selectNodeContents(e.firstChild);
  const text = range.getBoundingClientRect();
  return {top: text.top - box.top, bottom: box.bottom - text.bottom, height: box.height};
})"""


def test_edit_and_delete_have_their_words_in_the_middle(phone_page, live_server):
    """The history's small buttons are 44 px tall with the text centred, not
    stuck to the top edge."""
    from django.utils import timezone

    from tests.factories import CheckInFactory, WalkFactory

    page, watch = phone_page
    user = UserFactory(username="pat")
    WalkFactory(user=user, date=timezone.localdate())
    CheckInFactory(user=user, date=timezone.localdate())
    log_in(page, live_server.url, "pat")
    page.goto(live_server.url + "/walks/")
    buttons = page.locator("main .btn-sm").evaluate_all(CENTRED)
    assert len(buttons) >= 4
    for b in buttons:
        assert b["height"] >= 44
        assert abs(b["top"] - b["bottom"]) <= 3, b
    watch.assert_clean()
