"""axe-core on every page, keyboard and phone layout, and screenshots."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.browser.conftest import run_axe, screenshot, write_report
from tests.browser.helpers import log_in
from tests.factories import TEST_PASSWORD, CheckInFactory, UserFactory, WalkFactory

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC_PAGES = {
    "landing": "/",
    "signup": "/accounts/signup/",
    "login": "/accounts/login/",
    "doctors": "/doctors/",
    "doctor-detail": "/doctors/dr-sandhya-chandel/",
    "tips": "/tips/",
}
PATIENT_PAGES = {
    "dashboard": "/",
    "walk-form": "/walks/new/",
    "checkin": "/checkins/new/",
    "weekly-check": "/checks/new/",
    "history": "/walks/",
    "plan": "/plan/",
    "account": "/accounts/me/",
    "health": "/accounts/health/",
    "report": "/report/",
    "report-share": "/report/share/",
    "reminders": "/accounts/reminders/",
    "import": "/walks/import/",
    "lessons": "/lessons/",
    "lesson": "/lessons/why-walking-helps/",
    "questionnaires": "/questionnaires/",
    "back-function": "/questionnaires/back-function/",
    "outlook": "/questionnaires/outlook/",
    "care-team": "/accounts/care-team/",
}


@pytest.fixture
def diary(db):
    """A patient four weeks into the plan, with warnings showing."""
    call_command("loaddata", "doctors", verbosity=0)
    user = UserFactory(username="pat")
    today = timezone.localdate()
    for i in range(0, 28, 2):
        WalkFactory(
            user=user,
            date=today - datetime.timedelta(days=i),
            duration_minutes=10 + i,
            pain_before=4,
            pain_after=3 if i % 4 else 5,
            notes="Park loop",
        )
    WalkFactory(
        user=user,
        date=today,
        duration_minutes=14,
        pain_before=3,
        pain_after=6,
        stopped_for_sharp_pain=True,
    )
    CheckInFactory(user=user, date=today, pain=4, numbness_or_tingling=True)
    # a same-day sign: its warning heads every patient page, so axe sees it everywhere
    CheckInFactory(user=user, date=today - datetime.timedelta(days=3), pain=4, fever=True)
    return user


def _axe_page(page, url, name, results):
    page.goto(url)
    page.wait_for_load_state("load")
    violations = run_axe(page)
    results[name] = violations
    return violations


def test_axe_finds_no_serious_violations_anywhere(page_and_watch, live_server, diary):
    page, watch = page_and_watch
    results = {}
    for name, path in PUBLIC_PAGES.items():
        _axe_page(page, live_server.url + path, name, results)
        screenshot(page, f"{name}-desktop")
    log_in(page, live_server.url, "pat")
    for name, path in PATIENT_PAGES.items():
        _axe_page(page, live_server.url + path, name, results)
        screenshot(page, f"{name}-desktop")
    # the walk form with errors shown
    page.goto(live_server.url + "/walks/new/")
    page.get_by_label("Minutes walked").fill("301")
    # no pain tapped: "Tap a number from 0 to 10." beside both scales
    page.get_by_role("button", name="Save walk").click()
    page.wait_for_load_state("load")
    results["walk-form-errors"] = run_axe(page)
    screenshot(page, "walk-form-errors-desktop")
    write_report("axe.json", results)
    assert {name: v for name, v in results.items() if v} == {}
    assert len(results) == len(PUBLIC_PAGES) + len(PATIENT_PAGES) + 1
    watch.assert_clean()


def test_errors_are_tied_to_fields_and_focused(page_and_watch, live_server, diary):
    page, watch = page_and_watch
    log_in(page, live_server.url, "pat")
    page.goto(live_server.url + "/walks/new/")
    page.get_by_label("Minutes walked").fill("0")
    page.get_by_role("button", name="Save walk").click()
    page.wait_for_load_state("load")
    field = page.locator("#id_duration_minutes")
    assert field.get_attribute("aria-invalid") == "true"
    described = field.get_attribute("aria-describedby").split()
    messages = [page.locator(f"#{i}").inner_text() for i in described]
    assert any("a whole number from 1 to 300" in m for m in messages)
    assert page.evaluate("document.activeElement.id") == "id_duration_minutes"
    assert page.get_by_role("alert").first.is_visible()
    watch.assert_clean()


def test_every_input_has_a_label(page_and_watch, live_server, diary):
    page, watch = page_and_watch
    log_in(page, live_server.url, "pat")
    for path in ("/walks/new/", "/checkins/new/", "/plan/", "/doctors/"):
        page.goto(live_server.url + path)
        unlabeled = page.evaluate(
            """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
                .map(el => el.name)"""
        )
        assert unlabeled == [], path
    watch.assert_clean()


def test_warning_level_is_written_not_only_coloured(page_and_watch, live_server, diary):
    page, watch = page_and_watch
    log_in(page, live_server.url, "pat")
    for card in page.locator(".warning-card").all():
        label = card.locator(".level-label").text_content()
        assert (
            label.strip()
            in (
                "See a doctor today",
                "See a doctor soon",
                "Take care",
            )
            or "Emergency" in label
        )
    watch.assert_clean()


def test_navbar_works_with_the_keyboard(page_and_watch, live_server, diary):
    page, watch = page_and_watch
    log_in(page, live_server.url, "pat")
    page.goto(live_server.url + "/tips/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    focused = []
    for _ in range(13):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.textContent.trim()"))
    assert focused[:10] == [
        "Walk Well",
        "Dashboard",
        "Log a walk",
        "Check-in",
        "History",
        "Plan",
        "Lessons",
        "Questionnaires",
        "Doctors",
        "Tips",
    ]
    assert focused[10] == "हिन्दी"  # the language switch, named in its own language
    assert focused[11].startswith("Dark mode")
    assert focused[12].startswith("Account")
    page.keyboard.press("Enter")  # open the account menu
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Your data and account"
    watch.assert_clean()


@pytest.mark.parametrize("pages", ["phone_page", "dark_phone_page"])
def test_phone_layout(request, pages, live_server, diary):
    page, watch = request.getfixturevalue(pages)
    wide = {}
    for name, path in PUBLIC_PAGES.items():
        page.goto(live_server.url + path)
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            wide[name] = page.evaluate("document.documentElement.scrollWidth")
        screenshot(page, f"{name}-{pages}")
    log_in(page, live_server.url, "pat")
    for name, path in PATIENT_PAGES.items():
        page.goto(live_server.url + path)
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            wide[name] = page.evaluate("document.documentElement.scrollWidth")
        screenshot(page, f"{name}-{pages}")
    assert wide == {}

    # the navbar collapses behind a menu button
    page.goto(live_server.url + "/walks/new/")
    menu = page.get_by_role("button", name="Open menu")
    assert menu.is_visible()
    assert not page.get_by_role("link", name="History").is_visible()
    menu.click()
    page.get_by_role("link", name="History").wait_for(state="visible")

    # numeric keypads and thumb-sized controls on the walk form
    assert page.locator("#id_duration_minutes").get_attribute("inputmode") == "numeric"
    for locator in (
        page.get_by_role("button", name="Save walk"),
        page.locator("#id_date"),
        page.locator("#id_duration_minutes"),
    ):
        assert locator.bounding_box()["height"] >= 38
    watch.assert_clean()


def test_dark_mode_passes_axe_on_every_page(dark_phone_page, live_server, diary):
    page, watch = dark_phone_page
    results = {}
    for name, path in PUBLIC_PAGES.items():
        _axe_page(page, live_server.url + path, name, results)
        assert page.evaluate("document.documentElement.dataset.bsTheme") == "dark", name
    log_in(page, live_server.url, "pat")
    for name, path in {**PATIENT_PAGES, "offline": "/offline/"}.items():
        _axe_page(page, live_server.url + path, name, results)
        screenshot(page, f"{name}-dark-phone")
    write_report("axe-dark.json", results)
    assert {name: v for name, v in results.items() if v} == {}
    watch.assert_clean()


def test_hindi_from_the_switch_reads_well_and_passes_axe(page_and_watch, live_server, diary):
    """A patient taps हिन्दी in the navbar: every page turns Hindi (lang="hi"),
    the charts' legends too (Django's JavaScript catalogue), axe is clean,
    and the choice follows them to their next log-in."""
    page, watch = page_and_watch
    log_in(page, live_server.url, "pat")
    page.get_by_role("button", name="हिन्दी").first.click()
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.lang") == "hi"
    assert page.get_by_role("heading", name="आपकी चलने की योजना").is_visible()
    legends = page.evaluate(
        "() => Chart.getChart('minutes-chart').data.datasets.map(set => set.label)"
    )
    assert legends == ["लक्ष्य (मिनट)", "चले गए मिनट"]
    results = {}
    for name, path in {**PATIENT_PAGES, **PUBLIC_PAGES}.items():
        _axe_page(page, live_server.url + path, f"hi-{name}", results)
        assert page.evaluate("document.documentElement.lang") == "hi", name
    screenshot(page, "tips-hindi-desktop")
    write_report("axe-hindi.json", results)
    assert {name: v for name, v in results.items() if v} == {}
    # A new browser, logging in: still Hindi, from the profile.
    page.context.clear_cookies()
    page.goto(live_server.url + "/accounts/login/")
    page.locator("#id_username").fill("pat")
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.lang") == "hi"
    assert page.get_by_role("heading", name="आपकी चलने की योजना").is_visible()
    watch.assert_clean()


CHART_TEXT_CONTRAST = """() => {
  function rgb(value) {
    const m = value.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(',').map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  }
  function luminance(c) {
    const f = v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  }
  function background(el) {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) return c;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  }
  return [...document.querySelectorAll('svg.report-chart text')].map(t => {
    const fg = rgb(getComputedStyle(t).fill), bg = background(t.closest('svg'));
    const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    return {text: t.textContent, ratio: (l1 + 0.05) / (l2 + 0.05)};
  });
}"""


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_chart_text_reads_in_light_and_dark(browser, live_server, diary, scheme):
    """The server-drawn charts' labels follow the theme: at least 4.5:1
    against the page behind them, in both modes."""
    from tests.browser.conftest import PHONE, _new_page

    context, page, watch = _new_page(browser, PHONE, color_scheme=scheme)
    try:
        log_in(page, live_server.url, "pat")
        page.goto(live_server.url + "/report/")
        assert page.evaluate("document.documentElement.dataset.bsTheme") == scheme
        labels = page.evaluate(CHART_TEXT_CONTRAST)
        assert len(labels) > 10  # axes, dates and legends of the report's charts
        low = [label for label in labels if label["ratio"] < 4.5]
        assert low == [], low[:5]
        # the dashboard's chart of the weekly function check, too
        from walks.models.health import FunctionCheck

        today = timezone.localdate()
        for weeks, score in ((3, 7), (0, 4)):
            FunctionCheck.objects.create(
                user=diary, date=today - datetime.timedelta(weeks=weeks), pain_average=score,
                enjoyment_interference=score, activity_interference=score,
            )  # fmt: skip
        page.goto(live_server.url + "/")
        labels = page.evaluate(CHART_TEXT_CONTRAST)
        assert len(labels) > 3, labels  # its axis, dates and legend
        low = [label for label in labels if label["ratio"] < 4.5]
        assert low == [], low[:5]
        watch.assert_clean()
    finally:
        context.close()
