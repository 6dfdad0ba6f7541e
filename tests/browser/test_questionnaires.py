"""Answering a questionnaire on a phone, by tapping."""

import pytest
from playwright.sync_api import expect

from outcomes.models import Response
from tests.browser.conftest import run_axe, screenshot
from tests.browser.helpers import log_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_back_function_by_tapping_at_390_px(phone_page, live_server):
    page, watch = phone_page
    UserFactory(username="pat")
    log_in(page, live_server.url, "pat")
    page.locator("#questionnaire-card").get_by_role("link", name="All questionnaires").click()
    page.locator("#back-function-card").get_by_role("link", name="Answer now").click()
    page.wait_for_url(f"{live_server.url}/questionnaires/back-function/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    # Every answer is a button a thumb can hit.
    sizes = page.locator("label.answer-option").evaluate_all(
        "els => els.map(e => [e.getBoundingClientRect().width, e.getBoundingClientRect().height])"
    )
    assert len(sizes) == 48 and all(w >= 44 and h >= 44 for w, h in sizes)

    # Leave one out: the message appears beside that question.
    for n in range(1, 24):
        page.locator(f'label[for="id_q{n}_{0 if n <= 6 else 1}"]').click()
    page.get_by_role("button", name="Save my answers").click()
    expect(page.locator("#q24-error")).to_have_text("Choose an answer to this question.")
    assert Response.objects.count() == 0
    assert page.locator('input[name="q3"][value="yes"]').is_checked()  # answers kept

    page.locator('label[for="id_q24_1"]').click()
    page.get_by_role("button", name="Save my answers").click()
    expect(page.locator("#score")).to_have_text("Your score: 6 out of 24")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert run_axe(page) == []
    screenshot(page, "back-function-result-phone")
    assert Response.objects.get().score == 6
    watch.assert_clean()
