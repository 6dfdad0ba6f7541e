"""The doctor-visit report (/report/, /report.pdf) and share links (/r/<token>/)."""

import datetime
import re
import time

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from accounts.models import hash_token
from reports.models import ShareLink
from tests.factories import CheckInFactory, DoctorFactory, UserFactory, WalkFactory
from walks.models.health import DoctorVisit
from walks.services import entries

pytestmark = pytest.mark.django_db


def days_ago(today, n):
    return today - datetime.timedelta(days=n)


@pytest.fixture
def diary(patient, today):
    """Ten weeks of walks, a fever three weeks ago, notes and weekly checks."""
    start = days_ago(today, 69)
    entries.set_plan(user=patient, start_date=start, start_minutes=10)
    for i in range(0, 70):
        if i % 7 in (0, 2, 4, 5):
            WalkFactory(
                user=patient,
                date=start + datetime.timedelta(days=i),
                duration_minutes=10 + i // 3,
                pain_before=3 + i % 3,
                pain_after=2 + i % 4,
                notes="hilly loop" if i == 30 else "",
            )
    CheckInFactory(user=patient, date=days_ago(today, 21), pain=5, fever=True, notes="felt hot")
    for n, answers in enumerate([(7, 6, 6), (6, 5, 5), (4, 4, 4)]):
        entries.log_function_check(
            user=patient,
            data=dict(zip(entries.FUNCTION_FIELDS, answers, strict=True))
            | {"date": days_ago(today, 60 - 25 * n)},
            today=today,
        )
    return patient


def test_the_report_numbers_match_progress_json(patient_client, diary, today):
    report = patient_client.get("/report/").context["report"]
    data = patient_client.get("/progress.json").json()
    assert report.start == days_ago(today, 83) and report.end == today
    by_number = {w["number"]: w for w in data["weeks"]}
    assert [row.week.number for row in report.weeks] == sorted(by_number)
    for row in report.weeks:
        expected = by_number[row.week.number]
        week = row.week
        assert (week.target_minutes, week.target_days, week.minutes_walked, week.days_met,
                week.max_pain, week.decision) == (
            expected["target_minutes"], expected["target_days"], expected["minutes_walked"],
            expected["days_met"], expected["max_pain"], expected["decision"],
        )  # fmt: skip
    assert report.current.number == data["current_week"]["number"]


def test_the_report_shows_what_a_doctor_needs(patient_client, diary, today):
    body = patient_client.get("/report/").content.decode()
    assert "Walking and back pain report" in body
    assert 'data-week="1"' in body and "Week 1" in body
    fever_row = body.split('<tr data-code="fever">')[1].split("</tr>")[0]
    assert (
        days_ago(today, 21).strftime("%-d %b %Y") in fever_row and "See a doctor today" in fever_row
    )
    assert "fever or feeling very unwell" in body  # symptoms reported, with dates
    assert "hilly loop" in body and "felt hot" in body  # the notes
    change = body.split('id="report-function-change"')[1].split("</p>")[0]
    assert "From 6.3 to 4.0" in change and "meaningful change" in change
    assert body.count('<svg xmlns="http://www.w3.org/2000/svg"') == 3
    assert "style=" not in body.split('<article class="report"')[1]


def test_the_name_on_the_report_is_the_patients_choice(patient_client, diary):
    assert "Patient</dt>" not in patient_client.get("/report/").content.decode()
    patient_client.post("/report/", {"display_name": "Asha R."})
    assert "<dd>Asha R.</dd>" in patient_client.get("/report/").content.decode()


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [({"from": "2026-02-01", "to": "2026-01-01"}, "from", "on or before the end"),
     ({"to": "2999-01-01"}, "to", "cannot be in the future"),
     ({"from": "2020-01-01"}, "from", "at most a year"),
     ({"from": "yesterday"}, "from", "Enter a real date, for example 2026-12-04")],
)  # fmt: skip
def test_a_bad_period_is_explained_beside_the_field(patient_client, diary, query, field, message):
    response = patient_client.get("/report/", query)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body and f'id="error_1_id_{field}"' in body
    assert patient_client.get("/report.pdf", query).status_code == 400


def test_a_chosen_period(patient_client, diary, today):
    query = {"from": days_ago(today, 20).isoformat(), "to": days_ago(today, 7).isoformat()}
    report = patient_client.get("/report/", query).context["report"]
    assert (report.start, report.end) == (days_ago(today, 20), days_ago(today, 7))
    assert all(
        row.week.end >= report.start and row.week.start <= report.end for row in report.weeks
    )


def test_the_pdf(patient_client, diary):
    response = patient_client.get("/report.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert response.content.rstrip().endswith(b"%%EOF") and len(response.content) > 20_000


def test_another_patient_sees_only_their_own_report(client, diary, other_patient):
    client.force_login(other_patient)
    body = client.get("/report/").content.decode()
    assert "hilly loop" not in body and "felt hot" not in body


# --- Share links -----------------------------------------------------------------------------
def make_link(client, days="14"):
    response = client.post("/report/share/", {"days": days})
    assert response.status_code == 200
    match = re.search(r'value="http://testserver/r/([A-Za-z0-9_-]+)/"', response.content.decode())
    return match.group(1) if match else None


def test_a_link_opens_the_report_without_logging_in(client, patient_client, diary):
    token = make_link(patient_client)
    assert len(token) >= 43  # 256 random bits, url-safe
    link = ShareLink.objects.get()
    assert link.token_hash == hash_token(token) and token not in link.token_hash
    anonymous = client.__class__()
    response = anonymous.get(f"/r/{token}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Walking and back pain report" in body and "hilly loop" in body
    assert "/accounts/" not in body and "/walks/" not in body  # no way into the account
    for header, value in (("Cache-Control", "no-store"), ("X-Robots-Tag", "noindex, nofollow"),
                          ("Referrer-Policy", "no-referrer")):  # fmt: skip
        assert response[header] == value
    pdf = anonymous.get(f"/r/{token}/report.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    link.refresh_from_db()
    assert link.times_opened == 2 and link.last_opened_at is not None
    listing = patient_client.get("/report/share/").content.decode()
    assert "Last opened" in listing and token not in listing  # shown only once


def test_revoked_expired_and_unknown_links_are_404(client, patient_client, diary):
    token = make_link(patient_client, days="1")
    link = ShareLink.objects.get()
    assert client.get(f"/r/{token}/").status_code == 200
    patient_client.post("/report/share/", {"revoke": str(link.pk)})
    assert client.get(f"/r/{token}/").status_code == 404
    assert client.get(f"/r/{token}/report.pdf").status_code == 404
    second = make_link(patient_client, days="1")
    ShareLink.objects.filter(revoked_at__isnull=True).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert client.get(f"/r/{second}/").status_code == 404
    assert client.get("/r/not-a-real-token-at-all/").status_code == 404
    assert client.get(f"/r/{token[:-1]}x/").status_code == 404


def test_another_patient_can_neither_see_nor_revoke_a_link(client, patient_client, diary):
    token = make_link(patient_client)
    link = ShareLink.objects.get()
    mallory = UserFactory(username="mallory")
    client.force_login(mallory)
    assert "Made " not in client.get("/report/share/").content.decode()
    assert client.post("/report/share/", {"revoke": str(link.pk)}).status_code == 404
    assert client.post("/report/share/", {"revoke": "junk"}).status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None
    assert client.__class__().get(f"/r/{token}/").status_code == 200


@pytest.mark.parametrize("days", ["0", "91", "soon"])
def test_link_lifetime_is_1_to_90_days(patient_client, diary, days):
    response = patient_client.post("/report/share/", {"days": days})
    page = response.content.decode()
    assert "Enter a whole number of days from 1 to 90." in page  # in our words, not Django's
    assert "Ensure this value" not in page
    assert not ShareLink.objects.exists()


def test_the_default_lifetime_is_14_days(patient_client, diary):
    make_link(patient_client, days="")
    link = ShareLink.objects.get()
    assert round((link.expires_at - link.created_at).total_seconds() / 86400) == 14


def test_opening_shared_reports_is_rate_limited(client, patient_client, diary, monkeypatch):
    cache.clear()
    # django-ratelimit counts in fixed one-minute windows: hold its clock still
    # so a slow run cannot cross into a new window half way through.
    now = time.time()
    monkeypatch.setattr("django_ratelimit.core.time.time", lambda: now)
    for _ in range(30):
        assert client.get("/r/unknown-token/").status_code == 404
    assert client.get("/r/unknown-token/").status_code == 429


def test_warnings_and_doctor_pages_offer_a_report(patient_client, diary, today):
    CheckInFactory(user=diary, date=today, pain=3, night_pain=True)
    card = patient_client.get("/walks/").content.decode().split('data-code="night_pain"')[1]
    assert 'href="/report/">Prepare a report for your visit' in card.split("</section>")[0]
    doctor = DoctorFactory()
    page = patient_client.get(f"/doctors/{doctor.slug}/").content.decode()
    assert "Prepare a report for your visit" in page


def test_pdfs_are_limited_per_patient_and_per_shared_link(client, patient_client, diary,
                                                          other_patient, monkeypatch):  # fmt: skip
    now = time.time()  # one fixed-window minute for the whole test
    monkeypatch.setattr("django_ratelimit.core.time.time", lambda: now)
    assert [patient_client.get("/report.pdf").status_code for _ in range(7)] == [200] * 6 + [429]
    other = Client()
    other.force_login(other_patient)
    assert other.get("/report.pdf").status_code == 200  # each patient has their own budget
    token = make_link(patient_client)
    codes = [client.get(f"/r/{token}/report.pdf").status_code for _ in range(7)]
    assert codes == [200] * 6 + [429]


def test_the_report_lists_doctor_visits_and_the_warnings_each_resolved(
    patient_client, patient, today
):
    WalkFactory(user=patient, date=today - datetime.timedelta(days=6))
    CheckInFactory(user=patient, date=today - datetime.timedelta(days=4), pain=4, fever=True)
    DoctorVisit.objects.create(
        user=patient, seen_on=today - datetime.timedelta(days=2), advice="walk", note="a cold"
    )
    page = patient_client.get("/report/").content.decode()
    row = page.split('<tr data-code="fever">')[1].split("</tr>")[0]
    seen = (today - datetime.timedelta(days=2)).strftime("%-d %b %Y")
    assert seen in row  # resolved by that visit
    visits = page.split('class="report-visits"')[1].split("</ul>")[0]
    assert seen in visits and "Keep walking as the plan says" in visits and "a cold" in visits


def test_the_report_gives_todays_advice_as_the_dashboard_does(patient_client, patient, today):
    WalkFactory(user=patient, date=today - datetime.timedelta(days=1))
    CheckInFactory(user=patient, date=today, pain=4, fever=True)
    page = patient_client.get("/report/").content.decode()
    advice = page.split('id="r-guidance"')[1].split("</p>")[0]
    assert "Do not walk until a doctor has checked you" in advice
