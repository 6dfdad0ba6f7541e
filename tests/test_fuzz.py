"""Random and malformed input to every form and query parameter.

Never a 500 (the test client re-raises any exception a view lets escape),
and never a row saved from invalid data.
"""

import datetime
import json
import os
from pathlib import Path
from urllib.parse import quote_from_bytes

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import CheckInFactory, WalkFactory
from walks.forms import CheckInForm, WalkForm
from walks.models import CheckIn, Plan, Walk

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "120"))  # raise it for a longer hunt
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TRIED: dict[str, int] = {}

text = st.text(st.characters(exclude_categories=("Cs",)), max_size=1200)
scalar = st.one_of(
    text,
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(
        [
            "",
            "0",
            "1",
            "10",
            "11",
            "-1",
            "300",
            "301",
            "on",
            "true",
            "flat",
            "lava",
            "2000-01-01",
            "1999-12-31",
            "9999-12-31",
            "0000-00-00",
            "2024-02-30",
            "\x00",
            "\x1b[31m",
            "<script>",
            "NaN",
            "1e309",
            "x" * 256,  # past the 255-character columns of third-party tables
            "é" * 300,
            "y" * 5000,
        ]
    ),
    st.dates(min_value=datetime.date(1, 1, 1)).map(lambda d: d.isoformat()),
)
value = st.one_of(scalar, st.lists(scalar, min_size=2, max_size=3))  # repeated keys

WALK_FIELDS = [*WalkForm.field_names, "unexpected"]
CHECKIN_FIELDS = [*CheckInForm.field_names, "unexpected"]


def form_data(fields):
    return st.dictionaries(st.sampled_from(fields), value, max_size=len(fields))


def _count(name):
    TRIED[name] = TRIED.get(name, 0) + 1


@pytest.fixture(scope="module", autouse=True)
def report():
    yield
    out = Path(__file__).resolve().parent.parent / "test-artifacts"
    out.mkdir(exist_ok=True)
    (out / "fuzz.json").write_text(json.dumps({**TRIED, "total": sum(TRIED.values())}, indent=2))


def assert_valid_walk(walk):
    today = timezone.localdate()
    assert 1 <= walk.duration_minutes <= 300
    assert 0 <= walk.pain_before <= 10 and 0 <= walk.pain_after <= 10
    assert walk.surface in ("flat", "treadmill", "uneven")
    assert datetime.date(2000, 1, 1) <= walk.date <= today
    assert len(walk.notes) <= 1000 and "\x00" not in walk.notes


@FUZZ
@given(data=form_data(WALK_FIELDS))
def test_fuzz_new_walk(patient_client, patient, data):
    _count("walk_new")
    before = Walk.objects.count()
    response = patient_client.post("/walks/new/", data)
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert Walk.objects.count() == before + 1
        assert_valid_walk(Walk.objects.latest("id"))
    else:
        assert Walk.objects.count() == before


@FUZZ
@given(data=form_data(WALK_FIELDS))
def test_fuzz_edit_walk(patient_client, patient, data):
    _count("walk_edit")
    walk = WalkFactory(user=patient)
    response = patient_client.post(f"/walks/{walk.pk}/edit/", data)
    assert response.status_code in (200, 302)
    walk.refresh_from_db()
    assert_valid_walk(walk)


@FUZZ
@given(data=form_data(CHECKIN_FIELDS))
def test_fuzz_checkin(patient_client, patient, data):
    _count("checkin_new_and_edit")
    before = CheckIn.objects.count()
    response = patient_client.post("/checkins/new/", data)
    assert response.status_code in (200, 302)
    expected = before + (1 if response.status_code == 302 else 0)
    assert CheckIn.objects.count() == expected
    checkin = CheckInFactory(user=patient)
    assert patient_client.post(f"/checkins/{checkin.pk}/edit/", data).status_code in (200, 302)
    for c in CheckIn.objects.all():
        assert 0 <= c.pain <= 10 and c.date <= timezone.localdate()


@FUZZ
@given(data=form_data(["start_date", "start_minutes", "reset", "unexpected"]))
def test_fuzz_plan(patient_client, patient, data):
    _count("plan")
    response = patient_client.post("/plan/", data)
    assert response.status_code in (200, 302)
    for plan in Plan.objects.all():
        assert 10 <= plan.start_minutes <= 15


@FUZZ
@given(data=form_data(["username", "email", "password1", "password2"]))
def test_fuzz_signup(client, db, data):
    _count("signup")
    assert client.post("/accounts/signup/", data).status_code in (200, 302)


@FUZZ
@given(data=form_data(["username", "password", "next"]))
def test_fuzz_login(client, db, data):
    _count("login")
    assert client.post("/accounts/login/", data).status_code in (200, 302, 429)


@FUZZ
@given(
    path=st.sampled_from(
        ["/accounts/password_change/", "/accounts/me/delete/", "/accounts/password_reset/"]
    ),
    data=form_data(["old_password", "new_password1", "new_password2", "password", "email"]),
)
def test_fuzz_account_forms(patient_client, patient, path, data):
    _count("account_forms")
    response = patient_client.post(path, data)
    assert response.status_code in (200, 302)
    patient.refresh_from_db()  # still there: no random password deletes the account
    assert patient.check_password("a-long-test-password-42")


@FUZZ
@given(
    path=st.sampled_from(["/doctors/", "/walks/", "/progress.json", "/plan/", "/"]),
    params=st.dictionaries(
        st.sampled_from(["q", "city", "specialty", "page", "days", "x"]), value, max_size=4
    ),
)
def test_fuzz_query_parameters(patient_client, path, params):
    _count("query")
    response = patient_client.get(path, params)
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert path == "/progress.json"


@FUZZ
@given(
    path=st.sampled_from(
        [
            "/walks/new/",
            "/checkins/new/",
            "/plan/",
            "/accounts/login/",
            "/accounts/signup/",
            "/doctors/",
            "/progress.json",
        ]
    ),
    raw=st.binary(max_size=300),
)
def test_fuzz_non_utf8_bodies_and_queries(patient_client, path, raw):
    _count("raw_bytes")
    before = (Walk.objects.count(), CheckIn.objects.count())
    response = patient_client.generic(
        "POST", path, raw, content_type="application/x-www-form-urlencoded; charset=utf-8"
    )
    assert response.status_code in (200, 302, 405, 429)
    assert (Walk.objects.count(), CheckIn.objects.count()) == before
    response = patient_client.get(f"{path}?q={quote_from_bytes(raw)}&days={quote_from_bytes(raw)}")
    assert response.status_code in (200, 302, 400, 405)  # signup sends a patient home


def test_wrong_content_types_and_missing_csrf_never_fail(patient):

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(patient)
    response = strict.post("/walks/new/", b"\xff\xfe\x00garbage", content_type="application/json")
    assert response.status_code == 403
    response = strict.post("/walks/new/", b"--x\r\n", content_type="multipart/form-data")
    assert response.status_code in (400, 403)
    assert Walk.objects.count() == 0
