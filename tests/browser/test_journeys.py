"""What a patient and an admin do, in a real browser."""

import base64
import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_otp.oath import totp
from playwright.sync_api import expect

from accounts import enrolment
from doctors.models import Doctor
from tests.browser.conftest import screenshot
from tests.browser.helpers import log_in, tap_scale
from tests.factories import UserFactory, WalkFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_new_patient_signs_up_logs_a_walk_and_sees_charts(page_and_watch, live_server):
    page, watch = page_and_watch
    page.goto(live_server.url)
    page.get_by_role("link", name="Create a free account").click()
    page.get_by_label("Username").fill("maria")
    page.get_by_label("Email").fill("maria@example.com")
    page.locator("#id_password1").fill("walking-every-day-2026")
    page.locator("#id_password2").fill("walking-every-day-2026")
    page.get_by_role("button", name="Create account").click()
    # offered once after sign-up, and skippable
    page.wait_for_url(f"{live_server.url}/accounts/health/?welcome=1")
    assert page.get_by_role("heading", name="Your health background").is_visible()
    page.get_by_role("link", name="Skip for now").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("heading", name="Your walking plan").is_visible()

    page.get_by_role("link", name="Log a walk").first.click()
    assert page.get_by_label("Date").input_value() == timezone.localdate().isoformat()
    page.get_by_label("Minutes walked").fill("12")
    tap_scale(page, "pain_before", 4)
    tap_scale(page, "pain_after", 3)
    page.get_by_role("button", name="Save walk").click()
    page.wait_for_url(f"{live_server.url}/")

    assert page.locator("#target-sentence").inner_text() == (
        "Walk 10 minutes on 3 days: 1 of 3 done"
    )
    assert "is saved" in page.locator(".alert-success").inner_text()
    page.wait_for_function("window.Chart !== undefined")
    for canvas in ("minutes-chart", "pain-chart"):
        assert page.evaluate(
            f"Chart.getChart(document.getElementById('{canvas}')) !== undefined"
            f" && Chart.getChart(document.getElementById('{canvas}')) !== null"
        ), canvas
    minutes = page.evaluate(
        "Chart.getChart(document.getElementById('minutes-chart')).data.datasets[1].data.at(-1)"
    )
    assert minutes == 12
    screenshot(page, "journey-dashboard-desktop")
    watch.assert_clean()


def test_saddle_numbness_checkin_shows_the_emergency_warning_first(page_and_watch, live_server):
    page, watch = page_and_watch
    user = UserFactory(username="sam")
    WalkFactory(user=user, date=timezone.localdate() - datetime.timedelta(days=1), pain_after=8)
    log_in(page, live_server.url, "sam")
    page.get_by_role("link", name="Check-in").click()
    tap_scale(page, "pain", 5)
    page.get_by_label("Numbness between your legs").check()
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_url(f"{live_server.url}/")
    first = page.locator(".warning-card").first
    assert first.get_attribute("data-level") == "urgent"
    assert first.get_attribute("data-code") == "saddle_numbness"
    assert "Emergency: act now" in first.text_content()
    assert "Do not wait for an appointment" in first.text_content()
    # the urgent card sits above everything else in the main area
    first_box = first.bounding_box()
    heading_box = page.get_by_role("heading", name="Your walking plan").bounding_box()
    assert first_box["y"] < heading_box["y"]
    screenshot(page, "journey-emergency-warning")
    watch.assert_clean()


def test_both_legs_on_a_phone_shows_a_number_to_call_on_every_page(phone_page, live_server):
    page, watch = phone_page
    UserFactory(username="lee")
    log_in(page, live_server.url, "lee")
    page.goto(live_server.url + "/walks/new/")
    page.get_by_label("Minutes walked").fill("8")
    tap_scale(page, "pain_before", 5)
    tap_scale(page, "pain_after", 6)
    both = page.get_by_label("Numbness, tingling or weakness in both legs")
    both.scroll_into_view_if_needed()
    both.check()
    page.get_by_role("button", name="Save walk").click()
    page.wait_for_url(f"{live_server.url}/")
    first = page.locator(".warning-card").first
    assert first.get_attribute("data-code") == "both_legs"
    call = first.get_by_role("link", name="Call 112 now")
    assert call.get_attribute("href") == "tel:112" and call.is_visible()
    screenshot(page, "journey-both-legs-phone")
    for path in ("/walks/", "/tips/", "/doctors/"):
        page.goto(live_server.url + path)
        banner = page.locator("#top-alerts .warning-card").first
        assert banner.get_attribute("data-level") == "urgent", path
        link = banner.get_by_role("link", name="Call 112 now")
        assert link.get_attribute("href") == "tel:112", path
        box = link.bounding_box()
        assert box["y"] < page.get_by_role("heading", level=1).bounding_box()["y"], path
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, path
    watch.assert_clean()


def test_doctor_warning_leads_to_the_directory_and_city_search(page_and_watch, live_server):
    page, watch = page_and_watch
    call_command("loaddata", "doctors", verbosity=0)
    user = UserFactory(username="dev")
    WalkFactory(user=user, numbness_or_tingling=True)
    log_in(page, live_server.url, "dev")
    card = page.locator('.warning-card[data-code="numbness_or_tingling"]')
    card.get_by_role("link", name="Find a doctor").click()
    page.wait_for_url(f"{live_server.url}/doctors/")
    assert page.locator(".doctor-card").count() == 5
    page.get_by_label("City").select_option("Kolkata")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/doctors/?*city=Kolkata*")
    assert page.locator(".doctor-card").count() == 1
    assert "Dr. Harshendra Jaiswal" in page.locator(".doctor-card").inner_text()
    screenshot(page, "journey-doctors-city")
    watch.assert_clean()


def test_admin_adds_and_unlists_doctors(page_and_watch, live_server):
    page, watch = page_and_watch
    call_command("loaddata", "doctors", verbosity=0)
    boss = UserFactory(username="boss", is_staff=True, is_superuser=True)
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill("boss")
    page.locator("#id_password").fill("a-long-test-password-42")
    page.get_by_role("button", name="Log in").click()
    # A password alone neither opens the admin nor enrols an authenticator app:
    # that takes the one-time link an administrator made for this account.
    page.wait_for_url("**/accounts/2fa/?next=*")
    assert page.locator("#needs-link").is_visible()
    assert page.locator("#totp-secret").count() == 0
    page.goto(f"{live_server.url}/accounts/2fa/enrol/{enrolment.make_link(boss)}/")
    assert page.get_by_role(
        "img", name="QR code to add Walk Well to your authenticator app"
    ).is_visible()
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    page.get_by_label("6-digit code from your authenticator app").fill(
        f"{totp(base64.b32decode(secret)):06d}"
    )
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/admin/")
    page.get_by_role("link", name="Doctors", exact=True).first.click()
    page.wait_for_url("**/admin/doctors/doctor/")

    page.get_by_role("link", name="Add doctor").click()
    page.get_by_label("Name").fill("Dr Asha Rao")
    page.get_by_label("Specialty").select_option(label="General Physician")
    page.get_by_label("Listing title").fill("Spine and Pain Physician")
    page.get_by_label("Years of experience").fill("9")
    page.get_by_label("Qualifications").fill("MBBS, MD")
    page.get_by_label("City").fill("Chennai")
    page.get_by_label("Clinic:", exact=True).fill("Marina Spine Clinic, Chennai")
    assert page.get_by_label("Slug").input_value() == "dr-asha-rao"
    page.get_by_role("button", name="Save", exact=True).click()
    assert "was added successfully" in page.locator(".messagelist").inner_text()

    page.get_by_role("row", name="Dr. Mohamed Azeem").get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option("unlist_doctors")
    page.get_by_role("button", name="Go").click()
    assert "1 doctor(s) unlisted" in page.locator(".messagelist").inner_text()

    page.goto(f"{live_server.url}/doctors/")
    cards = page.locator(".doctor-card").all_inner_texts()
    assert any("Dr Asha Rao" in c for c in cards)
    assert not any("Dr. Mohamed Azeem" in c for c in cards)
    assert Doctor.objects.get(slug="dr-mohamed-azeem").listed is False
    watch.assert_clean()


def test_the_report_prints_to_a4_and_a_shared_link_opens_it(page_and_watch, live_server):
    page, watch = page_and_watch
    user = UserFactory(username="ravi")
    today = timezone.localdate()
    for i in range(0, 20, 2):
        WalkFactory(user=user, date=today - datetime.timedelta(days=i), notes=f"walk {i}")
    log_in(page, live_server.url, "ravi")
    page.goto(live_server.url + "/report/")
    assert page.get_by_role("heading", name="Walking and back pain report").is_visible()
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF-") and len(pdf) > 10_000
    assert not page.locator("nav").first.is_visible()  # no navigation on paper
    page.emulate_media(media="screen")
    page.get_by_role("link", name="Share a link with your doctor").click()
    page.get_by_role("button", name="Create a link").click()
    link = page.locator("#new-link").input_value()
    assert "/r/" in link
    doctor = page.context.browser.new_context()
    shared = doctor.new_page()
    response = shared.goto(link)
    assert response.status == 200 and response.headers["x-robots-tag"] == "noindex, nofollow"
    assert shared.get_by_role("heading", name="Walking and back pain report").is_visible()
    assert shared.locator("nav").count() == 0
    doctor.close()
    watch.assert_clean()


def test_the_api_docs_render_inside_the_csp(page_and_watch, live_server):
    page, watch = page_and_watch
    page.goto(live_server.url + "/api/docs/")
    page.locator(".swagger-ui .opblock").first.wait_for(timeout=15000)
    assert page.locator(".swagger-ui .opblock").count() > 10
    assert "Walk Well API" in page.locator(".swagger-ui .title").first.inner_text()
    watch.assert_clean()


def test_signup_on_a_phone_in_india_takes_the_phones_time_zone(kolkata_phone_page, live_server):
    page, watch = kolkata_phone_page
    page.goto(live_server.url + "/accounts/signup/")
    zone = page.get_by_label("Your time zone")
    assert zone.input_value() == "Asia/Kolkata"  # pre-selected by our own static JS
    page.get_by_label("Username").fill("priya")
    page.get_by_label("Email").fill("priya@example.com")
    page.locator("#id_password1").fill("walking-every-day-2026")
    page.locator("#id_password2").fill("walking-every-day-2026")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(f"{live_server.url}/accounts/health/?welcome=1")
    page.goto(live_server.url + "/accounts/reminders/")
    assert page.get_by_label("Your time zone").input_value() == "Asia/Kolkata"
    page.get_by_label("Send me a daily reminder").check()
    page.get_by_label("Reminder time").fill("07:45")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"{live_server.url}/accounts/reminders/")
    assert page.get_by_text("Your reminder settings are saved.").is_visible()
    assert page.get_by_label("Reminder time").input_value() == "07:45"
    feed = page.locator("#feed-url").input_value()
    assert "/calendar/" in feed and feed.endswith(".ics")
    screenshot(page, "reminders-phone")
    watch.assert_clean()


def test_a_phone_imports_a_gpx_walk_and_sees_it_on_the_dashboard(
    phone_page, live_server, import_worker
):
    from tests import import_samples

    page, watch = phone_page
    UserFactory(username="ravi")
    yesterday = timezone.now() - datetime.timedelta(days=1)
    start = yesterday.replace(hour=6, minute=0, second=0, microsecond=0)
    log_in(page, live_server.url, "ravi")
    page.goto(live_server.url + "/walks/new/")
    page.get_by_role("link", name="Import them from a file").click()
    page.get_by_label("File from your phone, watch or this app").set_input_files(
        files=[{"name": "morning.gpx", "mimeType": "application/gpx+xml",
                "buffer": import_samples.gpx([("Morning", None, start, 24, True)])}]
    )  # fmt: skip
    page.get_by_role("button", name="Read the file").click()
    # the progress page, until the worker has read the file
    page.get_by_text("GPX file: 1 new walk found.").wait_for()
    page.get_by_label("Pain before (0-10)", exact=True).fill("4")
    page.get_by_label("Pain after (0-10)", exact=True).fill("3")
    screenshot(page, "import-preview-phone")
    page.get_by_role("button", name="Import the ticked walks").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_text("1 walk imported.").is_visible()
    page.goto(live_server.url + "/walks/")
    assert page.get_by_text("24 min").first.is_visible()
    watch.assert_clean()


def test_pain_is_one_tap_on_a_phone_and_works_from_the_keyboard(phone_page, live_server):
    page, watch = phone_page
    user = UserFactory(username="tapper")
    log_in(page, live_server.url, "tapper")
    page.goto(live_server.url + "/walks/new/")
    labels = page.locator('label[for^="id_pain_before_"]')
    assert labels.count() == 11
    boxes = [labels.nth(i).bounding_box() for i in range(11)]
    # two rows (0-5, 6-10) inside the 390 px screen, each button big enough for a thumb
    rows = sorted({round(b["y"]) for b in boxes})
    assert len(rows) == 2 and [round(b["y"]) for b in boxes] == [rows[0]] * 6 + [rows[1]] * 5
    assert max(b["x"] + b["width"] for b in boxes) <= 390
    assert all(b["width"] >= 44 and b["height"] >= 44 for b in boxes)
    assert page.get_by_role("radio", name="0 (no pain)").count() == 2  # before and after
    page.get_by_label("Minutes walked").fill("15")
    tap_scale(page, "pain_before", 2)
    # the keyboard: arrow keys move within the scale
    page.locator("#id_pain_after_2").focus()
    page.keyboard.press("ArrowRight")
    assert page.locator("#id_pain_after_3").is_checked()
    screenshot(page, "pain-scale-phone")
    page.get_by_role("button", name="Save walk").click()
    page.wait_for_url(f"{live_server.url}/")
    walk = user.walks.get()
    assert (walk.pain_before, walk.pain_after) == (2, 3)
    watch.assert_clean()


def test_an_emergency_sign_pauses_every_call_to_walk_until_a_doctor_has_seen_me(
    phone_page, live_server
):
    """At phone width: an urgent check-in leaves no "Log a walk" button and a
    week card that says the plan is paused; "a doctor has seen me" clears it."""
    page, watch = phone_page
    user = UserFactory(username="sunita")
    WalkFactory(user=user, date=timezone.localdate() - datetime.timedelta(days=1))
    log_in(page, live_server.url, "sunita")
    expect(page.locator("#log-walk-button")).to_be_visible()
    page.goto(live_server.url + "/checkins/new/")
    tap_scale(page, "pain", 3)
    page.get_by_label("Numbness between your legs").check()
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.locator("#plan-paused")).to_have_text("Your plan is paused today.")
    expect(page.locator("#guidance-message")).to_contain_text("Get emergency care now")
    expect(page.locator("#log-walk-button")).to_have_count(0)
    screenshot(page, "journey-paused-phone")
    card = page.locator('.warning-card[data-code="saddle_numbness"]')
    card.get_by_role("link", name="A doctor has seen me").click()
    page.wait_for_url(f"{live_server.url}/warnings/seen/")
    page.get_by_label("Keep walking as the plan says").check()
    page.get_by_role("button", name="Save the visit").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.locator('.warning-card[data-code="saddle_numbness"]')).to_have_count(0)
    expect(page.locator("#plan-paused")).to_have_count(0)
    expect(page.locator("#log-walk-button")).to_be_visible()
    watch.assert_clean()
