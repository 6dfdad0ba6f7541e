"""Per-address limits trust X-Forwarded-For only as far as TRUSTED_PROXIES
says (default: not at all) (issue 24)."""

import uuid

import pytest
from django.test import RequestFactory
from rest_framework.test import APIClient

from accounts.addresses import client_ip

pytestmark = pytest.mark.django_db


def request(forwarded=None, remote="203.0.113.9"):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = 0
    assert client_ip(request("1.2.3.4")) == "203.0.113.9"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, "1.2.3.4", "1.2.3.4"),
        (1, "6.6.6.6, 1.2.3.4", "1.2.3.4"),  # the client's own entry is ignored
        (2, "6.6.6.6, 1.2.3.4, 10.0.0.2", "1.2.3.4"),
        (3, "1.2.3.4", "1.2.3.4"),
        (1, " , ", "203.0.113.9"),
    ],
)
def test_with_proxies_the_address_the_outermost_proxy_saw(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXIES = proxies
    assert client_ip(request(forwarded)) == expected


def test_random_forwarded_for_values_do_not_escape_the_api_limit():
    client = APIClient()
    statuses = [
        client.get("/api/v1/doctors/", HTTP_X_FORWARDED_FOR=str(uuid.uuid4())).status_code
        for _ in range(305)
    ]
    assert statuses[:300] == [200] * 300 and statuses[300:] == [429] * 5
