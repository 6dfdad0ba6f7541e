"""Making clinicians and logging them in with both factors."""

from django.core.management import call_command
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.models import Clinician
from tests.factories import TEST_PASSWORD, UserFactory


def make_clinician(username):
    UserFactory(username=username, first_name="Meera", last_name="Rao")
    call_command("add_clinician", username, verbosity=0)
    return Clinician.objects.get(user__username=username)


def verified_client(clinician) -> Client:
    """Logged in with a password and the authenticator's current code."""
    device = TOTPDevice.objects.create(user=clinician.user, name="phone", confirmed=True)
    client = Client()
    client.post(
        "/accounts/login/", {"username": clinician.user.username, "password": TEST_PASSWORD}
    )
    response = client.post(
        "/accounts/2fa/", {"token": f"{totp(device.bin_key):06d}", "next": "/clinic/"}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return client
