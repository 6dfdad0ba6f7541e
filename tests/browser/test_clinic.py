"""The clinic in a browser: a clinician enrols with a one-time link, a
patient links them by practice code, the clinician sets a target and the
patient sees it; axe on every clinician page, on a phone and a desktop."""

import base64
import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_otp.oath import totp

from accounts import enrolment
from tests.browser.conftest import DESKTOP, PHONE, _new_page, run_axe
from tests.browser.helpers import log_in
from tests.factories import UserFactory, WalkFactory

pytestmark = pytest.mark.django_db(transaction=True)


def enrol(page, base_url, user):
    """Sign in with the password, then enrol through the one-time link."""
    log_in(page, base_url, user.username)
    page.goto(f"{base_url}/accounts/2fa/enrol/{enrolment.make_link(user)}/")
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    page.get_by_label("6-digit code from your authenticator app").fill(
        f"{totp(base64.b32decode(secret)):06d}"
    )
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(lambda url: "/accounts/2fa/" not in url)


@pytest.fixture
def clinician_user(db):
    user = UserFactory(username="drmeera", first_name="Meera", last_name="Rao")
    call_command("add_clinician", "drmeera", verbosity=0)
    return user


@pytest.fixture
def walker(db):
    user = UserFactory(username="pat")
    today = timezone.localdate()
    for i in (1, 2, 3):
        WalkFactory(user=user, date=today - datetime.timedelta(days=i), duration_minutes=12,
                    pain_before=3, pain_after=2)  # fmt: skip
    return user


def test_a_clinician_sets_a_target_the_patient_chose_to_allow(
    browser, live_server, clinician_user, walker
):
    doctor_context, doctor, doctor_watch = _new_page(browser, DESKTOP)
    patient_context, patient, patient_watch = _new_page(browser, PHONE)
    try:
        enrol(doctor, live_server.url, clinician_user)
        doctor.goto(f"{live_server.url}/clinic/")
        code = doctor.locator("#practice-code").inner_text()
        assert "No patient has linked you yet." in doctor.content()

        log_in(patient, live_server.url, "pat")
        patient.goto(f"{live_server.url}/accounts/care-team/")
        patient.get_by_label("Practice code").fill(code.lower())
        patient.get_by_role("button", name="Find the clinician").click()
        patient.locator("#found-clinician").wait_for()
        assert "Meera Rao" in patient.locator("#found-clinician").inner_text()
        patient.get_by_label("Adjust my plan's weekly target").check()
        patient.get_by_role("button", name="Link this clinician").click()
        # Without consent nothing is linked, and the message says why.
        patient.get_by_text("Tick the box to agree, or cancel.").wait_for()
        patient.get_by_label("I agree that this clinician may see").check()
        patient.get_by_label("Adjust my plan's weekly target").check()
        patient.get_by_role("button", name="Link this clinician").click()
        patient.get_by_text("Meera Rao is now on your care team.").wait_for()

        doctor.reload()
        doctor.get_by_role("link", name="pat", exact=True).click()
        doctor.locator("#set-target").wait_for()
        doctor.get_by_label("Next week").check()
        doctor.get_by_label("Minutes a day").fill("35")
        doctor.get_by_label("Days a week").fill("3")
        doctor.get_by_role("button", name="Save the target").click()
        doctor.get_by_text("Enter a whole number of minutes from 10 to 30.").wait_for()
        doctor.get_by_label("This week").check()
        doctor.get_by_label("Minutes a day").fill("20")
        doctor.get_by_label("Note to the patient (optional)").fill("Flat paths this week.")
        doctor.get_by_role("button", name="Save the target").click()
        doctor.get_by_text("Saved: 20 minutes on 3 days a week from this week.").wait_for()

        patient.goto(f"{live_server.url}/")
        patient.locator("#set-by-clinician").wait_for()
        assert "20 minutes" in patient.locator("#target-sentence").inner_text()
        notes = patient.locator("#clinician-notes")
        assert "Flat paths this week." in notes.inner_text()
        patient.get_by_role("button", name="I have read this").click()
        patient.wait_for_load_state()
        assert patient.locator("#clinician-notes").count() == 0
        patient.goto(f"{live_server.url}/accounts/care-team/")
        assert "set your plan's target" in patient.locator("table").inner_text()

        # The patient ends the link: the next clinician request is a 404.
        patient.get_by_role("button", name="End this link").click()
        patient.get_by_text("The link is ended").wait_for()
        response = doctor.goto(doctor.url)
        assert response.status == 404
        doctor_watch.assert_clean(expected=("404",))
        patient_watch.assert_clean()
    finally:
        doctor_context.close()
        patient_context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_clinician_pages_pass_axe_and_fit_a_phone(
    browser, live_server, clinician_user, walker, viewport
):
    from clinic.models import CareLink, Clinician

    link = CareLink.objects.create(
        patient=walker, clinician=Clinician.objects.get(user=clinician_user), can_adjust_plan=True
    )
    context, page, watch = _new_page(browser, viewport)
    try:
        enrol(page, live_server.url, clinician_user)
        for path in ("/clinic/", "/clinic/?attention=1", f"/clinic/patients/{link.pk}/"):
            page.goto(f"{live_server.url}{path}")
            assert run_axe(page) == [], path
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"], (path, width)
        watch.assert_clean()
    finally:
        context.close()
