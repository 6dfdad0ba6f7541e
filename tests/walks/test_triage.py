"""Triage through the pages: an emergency sign shows, on whatever page the
patient lands, what to do now and a number to call; same-day signs name where
to go today. (The rules themselves are tested in test_redflags.py.)"""

import csv
import datetime
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import CheckInFactory, WalkFactory, walk_data
from walks import diary

pytestmark = pytest.mark.django_db

PATIENT_PAGES = [
    "/walks/",
    "/walks/new/",
    "/checkins/new/",
    "/tips/",
    "/doctors/",
    "/accounts/me/",
    "/accounts/health/",
]


def alerts_block(html: str) -> str:
    """The banner at the top of the page, or '' when there is none."""
    if 'id="top-alerts"' not in html:
        return ""
    return html.split('id="top-alerts"')[1].split("</section>")[0]


def test_both_legs_is_an_emergency_on_every_page(patient_client):
    response = patient_client.post("/walks/new/", walk_data(both_legs="on"), follow=True)
    dashboard = response.content.decode()
    assert dashboard.index('data-code="both_legs"') < dashboard.index("<h1")
    assert 'data-level="urgent"' in dashboard and 'href="tel:112"' in dashboard
    for url in PATIENT_PAGES:
        html = patient_client.get(url).content.decode()
        banner = alerts_block(html)
        assert 'data-code="both_legs"' in banner, url
        assert 'href="tel:112"' in banner and "Call 112 now" in banner, url
        assert "emergency department" in banner, url
        assert html.index('id="top-alerts"') < html.index("<h1"), url


def test_the_emergency_number_comes_from_the_setting(patient_client, settings):
    settings.EMERGENCY_NUMBER = "999"
    CheckInFactory(user=_user(patient_client), chest_pain=True)
    html = patient_client.get("/tips/").content.decode()
    assert 'href="tel:999"' in alerts_block(html) and "call 999 or go to" in html
    data = patient_client.get("/progress.json").json()
    assert "999" in data["warnings"][0]["message"]


def _user(client):
    return get_user_model().objects.get(pk=client.session["_auth_user_id"])


def test_same_day_signs_name_the_urgent_advice_and_the_directory(patient_client, settings):
    settings.URGENT_ADVICE = "NHS 111"
    CheckInFactory(user=_user(patient_client), fever=True)
    for url in ("/", "/walks/"):
        html = patient_client.get(url).content.decode()
        card = html.split('data-code="fever"')[1].split("</div>\n</div>")[0]
        assert "Contact NHS 111 today" in card, url
        assert 'href="/doctors/"' in card, url
        assert "tel:" not in card, url
    data = patient_client.get("/progress.json").json()
    assert [(w["level"], w["code"]) for w in data["warnings"]] == [("same_day", "fever")]


def test_doctor_and_caution_warnings_stay_on_the_dashboard(patient_client):
    WalkFactory(user=_user(patient_client), numbness_or_tingling=True, leg_joint_pain=True)
    assert alerts_block(patient_client.get("/walks/").content.decode()) == ""
    dashboard = patient_client.get("/").content.decode()
    assert 'data-code="numbness_or_tingling"' in dashboard
    assert 'data-code="leg_joint_pain"' in dashboard and "level, even ground" in dashboard


@pytest.mark.parametrize(("days_ago", "shown"), [(13, True), (14, False)])
def test_the_banner_lasts_as_long_as_the_window(patient_client, today, days_ago, shown):
    CheckInFactory(
        user=_user(patient_client),
        date=today - datetime.timedelta(days=days_ago),
        saddle_numbness=True,
    )
    assert bool(alerts_block(patient_client.get("/walks/").content.decode())) is shown


def test_no_banner_for_visitors_or_for_another_patients_signs(client, patient, other_patient):
    CheckInFactory(user=other_patient, bladder_or_bowel_change=True)
    assert alerts_block(client.get("/tips/").content.decode()) == ""
    client.force_login(patient)
    assert alerts_block(client.get("/tips/").content.decode()) == ""


def test_the_forms_ask_all_13_signs_emergency_signs_first(patient_client):
    for url in ("/walks/new/", "/checkins/new/"):
        html = patient_client.get(url).content.decode()
        assert "Since your last entry, have you noticed any of these?" in html
        positions = [html.index(f'name="{code}"') for code in diary.SYMPTOMS]
        assert positions == sorted(positions), url
        groups = ["Emergency signs", "Signs to see a doctor today", "Signs to see a doctor soon",
                  "A reason to ease off"]  # fmt: skip
        assert [html.index(g) for g in groups] == sorted(html.index(g) for g in groups)
        assert html.index("Emergency signs") < html.index('name="saddle_numbness"')


def test_exports_carry_every_flag(patient_client, today):
    patient_client.post("/walks/new/", walk_data(sexual_function_change="on", night_pain="on"))
    patient_client.post(
        "/checkins/new/", {"date": today.isoformat(), "pain": "3", "weight_loss_or_lump": "on"}
    )
    rows = list(
        csv.DictReader(io.StringIO(patient_client.get("/walks/export.csv").content.decode()))
    )
    assert set(diary.SYMPTOMS) <= set(rows[0])
    assert rows[0]["sexual_function_change"] == "yes" and rows[0]["chest_pain"] == "no"
    data = json.loads(patient_client.get("/accounts/me/export.json").content)
    assert data["walks"][0]["night_pain"] is True
    assert data["checkins"][0]["weight_loss_or_lump"] is True
    levels = {
        w["code"]: w["level"] for w in patient_client.get("/progress.json").json()["warnings"]
    }
    assert levels == {
        "sexual_function_change": "urgent",
        "night_pain": "same_day",
        "weight_loss_or_lump": "same_day",
    }


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_every_entry_and_its_old_flags():
    executor = MigrationExecutor(connection)
    before = [("walks", "0003_diary_version"), ("auth", "0012_alter_user_first_name_max_length")]
    after = [("walks", "0004_thirteen_symptom_flags_health_background")]
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    user = apps.get_model("auth", "User").objects.create(username="old", password="!")
    Walk = apps.get_model("walks", "Walk")
    CheckIn = apps.get_model("walks", "CheckIn")
    Walk.objects.create(user=user, date=datetime.date(2026, 1, 5), duration_minutes=12,
                        pain_before=3, pain_after=2, surface="flat", numbness_or_tingling=True,
                        after_injury_or_fall=True)  # fmt: skip
    CheckIn.objects.create(user=user, date=datetime.date(2026, 1, 6), pain=4, saddle_numbness=True)
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    apps = executor.loader.project_state(after).apps
    walk = apps.get_model("walks", "Walk").objects.get()
    checkin = apps.get_model("walks", "CheckIn").objects.get()
    assert (walk.duration_minutes, walk.numbness_or_tingling, walk.after_injury_or_fall) == (
        12, True, True
    )  # fmt: skip
    assert checkin.saddle_numbness and not checkin.both_legs and not walk.leg_joint_pain
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
