"""Staff need a second factor (TOTP) for the admin (issue 18), and enrol it
only through a one-time link (issue 24)."""

import base64
import datetime
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import enrolment
from accounts.models import EnrolmentLink, hash_token
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def boss(db):
    return UserFactory(username="boss", is_staff=True, is_superuser=True)


def password_login(client, username="boss"):
    response = client.post(
        "/admin/login/?next=/admin/", {"username": username, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    return response


def code_for(device) -> str:
    return f"{totp(device.bin_key):06d}"


def test_a_password_alone_never_opens_the_admin(client, boss):
    password_login(client)
    for url in ("/admin/", "/admin/doctors/doctor/", "/admin/auth/user/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/admin/login/" in response["Location"]
    landing = client.get("/admin/login/?next=/admin/doctors/doctor/")
    assert landing.status_code == 302
    assert landing["Location"] == "/accounts/2fa/?next=%2Fadmin%2Fdoctors%2Fdoctor%2F"


def enrol_page(client, token):
    return client.get(f"/accounts/2fa/enrol/{token}/?next=/admin/").content.decode()


def test_a_password_alone_cannot_enrol_an_authenticator(client, boss):
    """Whoever learns a staff password must not enrol first and lock the
    owner out: without a link the page shows no secret and makes no device."""
    password_login(client)
    page = client.get("/accounts/2fa/?next=/admin/")
    text = page.content.decode()
    assert page.status_code == 200 and 'id="needs-link"' in text
    assert "enrolment_link boss" in text
    assert "totp-secret" not in text and "totp-qr" not in text
    assert client.post("/accounts/2fa/", {"token": "123456"}).status_code == 200
    assert not TOTPDevice.objects.filter(user=boss).exists()
    assert client.get("/admin/").status_code == 302


def test_enrolment_by_link_then_the_code_opens_the_admin(client, boss):
    token = enrolment.make_link(boss)
    password_login(client)
    page = enrol_page(client, token)
    assert re.search(r'<img src="data:image/svg\+xml[^"]+" alt="QR code', page)
    shown = re.search(r'id="totp-secret">([A-Z2-7= ]+)<', page).group(1)
    assert re.fullmatch(r"([A-Z2-7=]{4} )+[A-Z2-7=]{1,4}", shown)  # in groups of four
    secret = shown.replace(" ", "")
    device = TOTPDevice.objects.get(user=boss)
    assert base64.b32decode(secret) == device.bin_key and not device.confirmed
    assert enrol_page(client, token).count(shown) == 1  # a reload keeps the same key
    url = f"/accounts/2fa/enrol/{token}/"
    wrong = client.post(url, {"token": "000000", "next": "/admin/"})
    assert "That code is not right" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302
    # each wrong code makes the next try wait (1 s, then 2, 4...): refused at once
    too_soon = client.post(url, {"token": code_for(device), "next": "/admin/"})
    assert "Too many wrong codes" in too_soon.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # as after the wait
    right = client.post(url, {"token": code_for(device), "next": "/admin/"})
    assert right.status_code == 302 and right["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert TOTPDevice.objects.get(user=boss).confirmed
    # the link is spent: opening it again shows no secret
    again = client.get(url)
    assert again.status_code == 404 and 'id="link-gone"' in again.content.decode()
    assert "totp-secret" not in again.content.decode()


def test_a_link_is_stored_hashed_lives_a_day_and_a_new_one_ends_the_old(client, boss):
    first = enrolment.make_link(boss)
    assert not EnrolmentLink.objects.filter(token_hash=first).exists()
    assert EnrolmentLink.objects.filter(token_hash=hash_token(first)).exists()
    second = enrolment.make_link(boss)
    password_login(client)
    assert client.get(f"/accounts/2fa/enrol/{first}/").status_code == 404
    assert client.get(f"/accounts/2fa/enrol/{second}/").status_code == 200
    EnrolmentLink.objects.filter(token_hash=hash_token(second)).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert client.get(f"/accounts/2fa/enrol/{second}/").status_code == 404


def test_a_link_works_only_for_the_account_it_was_made_for(client, boss):
    UserFactory(username="other", is_staff=True)
    token = enrolment.make_link(boss)
    assert client.get(f"/accounts/2fa/enrol/{token}/").status_code == 302  # log in first
    password_login(client, "other")
    response = client.get(f"/accounts/2fa/enrol/{token}/")
    assert response.status_code == 404 and "totp-secret" not in response.content.decode()
    assert not TOTPDevice.objects.exists()


def test_a_new_link_replaces_a_lost_authenticator(client, boss):
    lost = TOTPDevice.objects.create(user=boss, name="old phone", confirmed=True)
    token = enrolment.make_link(boss)
    password_login(client)
    enrol_page(client, token)
    device = TOTPDevice.objects.get(user=boss, confirmed=False)
    response = client.post(f"/accounts/2fa/enrol/{token}/", {"token": code_for(device)})
    assert response.status_code == 302
    assert list(TOTPDevice.objects.filter(user=boss)) == [device]
    assert not TOTPDevice.objects.filter(pk=lost.pk).exists()


def test_the_command_prints_a_link_for_staff_only(boss, patient):
    out = io.StringIO()
    call_command("enrolment_link", "boss", stdout=out)
    url = re.search(r"http://\S+/accounts/2fa/enrol/(\S+)/", out.getvalue())
    assert url and enrolment.open_link(url.group(1), boss) is not None
    with pytest.raises(CommandError, match="neither staff nor a clinician"):
        call_command("enrolment_link", patient.username)
    with pytest.raises(CommandError, match="No account"):
        call_command("enrolment_link", "nobody")


def test_a_verified_admin_makes_a_link_in_the_admin(client, boss):
    device = TOTPDevice.objects.create(user=boss, name="phone", confirmed=True)
    helper = UserFactory(username="helper", is_staff=True)
    password_login(client)
    client.post("/accounts/2fa/", {"token": code_for(device), "next": "/admin/"})
    response = client.post(
        "/admin/auth/user/",
        {"action": "make_enrolment_link", "_selected_action": [helper.pk]},
        follow=True,
    )
    text = response.content.decode()
    token = re.search(r"/accounts/2fa/enrol/([A-Za-z0-9_-]+)/", text).group(1)
    link = enrolment.open_link(token, helper)
    assert link is not None and link.made_by == boss


def test_a_confirmed_device_asks_for_the_code_at_each_login_and_shows_no_qr(boss):
    device = TOTPDevice.objects.create(user=boss, name="phone", confirmed=True)
    client = Client()
    password_login(client)
    page = client.get("/accounts/2fa/").content.decode()
    assert "totp-qr" not in page and "totp-secret" not in page
    assert client.post("/accounts/2fa/", {"token": "12345"}).status_code == 200  # 5 digits
    response = client.post("/accounts/2fa/", {"token": code_for(device), "next": "/admin/"})
    assert response.status_code == 302 and client.get("/admin/").status_code == 200


def test_the_next_address_stays_on_this_site(client, boss):
    device = TOTPDevice.objects.create(user=boss, name="phone", confirmed=True)
    password_login(client)
    response = client.post(
        "/accounts/2fa/", {"token": code_for(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/admin/"


def test_patients_have_no_second_factor_page(patient_client):
    assert patient_client.get("/accounts/2fa/").status_code == 403


def test_the_setting_can_switch_the_second_factor_off(client, boss, settings):
    settings.STAFF_REQUIRE_2FA = False
    password_login(client)
    assert client.get("/admin/").status_code == 200


def test_the_second_step_shows_no_patient_menu(client, boss):
    password_login(client)
    page = client.get("/accounts/2fa/?next=/admin/").content.decode()
    assert 'href="/walks/new/"' not in page and 'href="/lessons/"' not in page
    assert 'href="/doctors/"' in page  # the public part of the menu stays
