"""Staff need a second factor (TOTP) for the admin (issue 18)."""

import base64
import re

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

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


def test_enrolment_by_qr_code_then_the_code_opens_the_admin(client, boss):
    password_login(client)
    page = client.get("/accounts/2fa/?next=/admin/").content.decode()
    assert re.search(r'<img src="data:image/svg\+xml[^"]+" alt="QR code', page)
    secret = re.search(r'id="totp-secret">([A-Z2-7=]+)<', page).group(1)
    device = TOTPDevice.objects.get(user=boss)
    assert base64.b32decode(secret) == device.bin_key and not device.confirmed
    wrong = client.post("/accounts/2fa/", {"token": "000000", "next": "/admin/"})
    assert "That code is not right" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302
    # each wrong code makes the next try wait (1 s, then 2, 4...): refused at once
    too_soon = client.post("/accounts/2fa/", {"token": code_for(device), "next": "/admin/"})
    assert "Too many wrong codes" in too_soon.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # as after the wait
    right = client.post("/accounts/2fa/", {"token": code_for(device), "next": "/admin/"})
    assert right.status_code == 302 and right["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert TOTPDevice.objects.get(user=boss).confirmed


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
