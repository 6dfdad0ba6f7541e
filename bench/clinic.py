"""make bench: the clinician's panel with 10 and with 1,000 linked patients.

Each patient has two weeks of walks (a few with warnings, some pain rising,
some quiet), and their summary row is worked out by the same service every
diary write calls. The clinician signs in with a password and an
authenticator code, as on the real site. Medians of GET /clinic/ are taken
interleaved with GET /tips/ in the same run, so noise hits both alike.
"""

import datetime
import statistics
import time

from django.contrib.auth.models import Group, User
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.models import CLINICIANS_GROUP, CareLink, Clinician
from walks.models import Surface, Walk
from walks.services import summary

PASSWORD = "bench-clinician-password-42"  # noqa: S105  (a throwaway benchmark account)


def _seed_patients(clinician: Clinician, count: int, prefix: str) -> None:
    User.objects.bulk_create(
        [User(username=f"{prefix}{i}", password="!") for i in range(count)], batch_size=2000
    )
    users = list(User.objects.filter(username__startswith=prefix).order_by("pk"))
    today = timezone.localdate()
    walks = []
    for i, user in enumerate(users):
        quiet = 10 if i % 7 == 0 else 0  # one in seven has not logged for 10 days
        for d in range(quiet, 14):
            walks.append(
                Walk(
                    user=user,
                    date=today - datetime.timedelta(days=d),
                    duration_minutes=10 + (i % 4) * 5,
                    pain_before=3 + (d < 7 and i % 5 == 0) * 3,  # some pain rising
                    pain_after=2,
                    surface=Surface.FLAT,
                    numbness_or_tingling=(i % 11 == 0 and d == 1),
                )
            )
    Walk.objects.bulk_create(walks, batch_size=2000)
    for user in users:
        summary.refresh(user, today=today)
    CareLink.objects.bulk_create(CareLink(patient=u, clinician=clinician) for u in users)


def _clinician(username: str) -> tuple[Clinician, Client]:
    user = User.objects.create_user(username, password=PASSWORD, first_name="Bench")
    user.groups.add(Group.objects.get_or_create(name=CLINICIANS_GROUP)[0])
    clinician = Clinician.objects.create(user=user)
    device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    client = Client()
    client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    response = client.post("/accounts/2fa/", {"token": f"{totp(device.bin_key):06d}"})
    assert response.status_code == 302, response.status_code
    return clinician, client


def run(count_queries, repeats: int = 40) -> dict:
    """`count_queries(client, url)`: the counter bench/run.py uses for every page."""
    small, small_client = _clinician("bench-clinician-10")
    _seed_patients(small, 10, "bench-panel-small-")
    large, large_client = _clinician("bench-clinician-1000")
    t0 = time.perf_counter()
    _seed_patients(large, 1000, "bench-panel-large-")
    seed_seconds = time.perf_counter() - t0
    urls = {
        "/clinic/ (10 patients)": (small_client, "/clinic/"),
        "/clinic/ (1,000 patients)": (large_client, "/clinic/"),
        "/clinic/?page=20 (1,000)": (large_client, "/clinic/?page=20"),
        "/clinic/?attention=1 (1,000)": (large_client, "/clinic/?attention=1"),
        "/tips/": (large_client, "/tips/"),
    }
    for client, url in urls.values():
        client.get(url)  # warm
    times = {name: [] for name in urls}
    for _ in range(repeats):
        for name, (client, url) in urls.items():
            start = time.perf_counter()
            client.get(url)
            times[name].append(time.perf_counter() - start)
    result = {
        name: {
            "median_ms": round(statistics.median(samples) * 1000, 2),
            "queries": count_queries(*urls[name]),
        }
        for name, samples in times.items()
    }
    tips = result["/tips/"]["median_ms"]
    return {
        "pages": result,
        "seed_and_summary_ms_per_patient": round(seed_seconds, 2),  # s for 1,000 = ms each
        "panel_1000_over_tips": round(result["/clinic/ (1,000 patients)"]["median_ms"] / tips, 2),
        "panel_1000_over_10": round(
            result["/clinic/ (1,000 patients)"]["median_ms"]
            / result["/clinic/ (10 patients)"]["median_ms"],
            2,
        ),
    }
