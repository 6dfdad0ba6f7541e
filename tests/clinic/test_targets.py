"""Clinician targets: a linked clinician with the adjust_plan scope sets
(T, D) for this or next week; the patient sees who set it, the rules go on
from it, and a note stays on the dashboard until read."""

import datetime

import pytest

from clinic.models import AccessRecord, CareLink
from tests.clinic.helpers import verified_client
from tests.factories import PlanFactory, walk_data
from walks import rules
from walks.models import PlanTarget
from walks.services import entries
from walks.services.progress import patient_progress

pytestmark = pytest.mark.django_db


@pytest.fixture
def adjusting(patient, clinician):
    return CareLink.objects.create(patient=patient, clinician=clinician, can_adjust_plan=True)


def log(patient, day, minutes, pain=2):
    entries.log_walk(
        user=patient,
        data=walk_data(date=day, duration_minutes=minutes, pain_before=pain, pain_after=pain),
        today=day,
    )


def test_rules_use_a_target_for_its_week_and_step_up_from_it():
    start = datetime.date(2026, 1, 5)
    plan = rules.PlanSettings(start_date=start, targets=(rules.Target(start, 20, 3),))
    days = {}
    for i in range(3):
        day = start + datetime.timedelta(days=i)
        days[day] = rules.Day(date=day, minutes=20, walks=1, pain_sum=4, pain_count=2, max_pain=2)
    p = rules.evaluate(plan=plan, days=days, today=start + datetime.timedelta(days=8))
    (week1,) = p.weeks
    assert (week1.target_minutes, week1.target_days, week1.decision) == (20, 3, rules.PROGRESS)
    assert (p.current_week.target_minutes, p.current_week.target_days) == (25, 4)
    assert p.current_week.set_by == rules.SET_BY_PLAN
    # The latest target for a week wins.
    later = rules.PlanSettings(
        start_date=start,
        targets=(
            rules.Target(start, 20, 3),
            rules.Target(start + datetime.timedelta(days=2), 12, 2),
        ),
    )
    now = rules.evaluate(plan=later, days={}, today=start)
    assert (now.current_week.target_minutes, now.current_week.target_days) == (12, 2)
    assert now.current_week.set_by == rules.SET_BY_CLINICIAN


def test_a_clinician_target_then_a_good_week_steps_up_from_it(
    patient, patient_client, today, clinician, adjusting
):
    start = today - datetime.timedelta(days=2)
    PlanFactory(user=patient, start_date=start, start_minutes=10)
    client = verified_client(clinician)
    response = client.post(
        f"/clinic/patients/{adjusting.pk}/",
        {"week": "current", "target_minutes": "20", "target_days": "3",
         "note": "Try the park path, it is flat."},
    )  # fmt: skip
    assert response.status_code == 302
    data = patient_client.get("/progress.json").json()
    assert data["current_week"]["target_minutes"] == 20
    assert data["current_week"]["target_days"] == 3
    assert data["current_week"]["set_by"] == "clinician"
    page = patient_client.get("/").content.decode()
    assert 'id="set-by-clinician"' in page
    assert "Try the park path, it is flat." in page
    assert set(AccessRecord.objects.values_list("what", flat=True)) >= {"adjust_plan", "note"}

    # A good week at 20 minutes on 3 days: next week steps up from 20, not from 10.
    for i in range(3):
        log(patient, start + datetime.timedelta(days=i), 20)
    week2 = patient.plan.start_date + datetime.timedelta(days=7)
    data = patient_client.get("/progress.json").json()
    assert data["current_week"]["target_minutes"] == 20  # still week 1 today
    later = patient_progress(patient, today=week2)
    assert later.progress.weeks[0].decision == rules.PROGRESS
    assert later.progress.current_week.target_minutes == 25
    assert later.progress.current_week.target_days == 4
    assert later.progress.current_week.set_by == rules.SET_BY_PLAN


def test_a_note_stays_on_the_dashboard_until_read(patient, patient_client, today, adjusting):
    PlanFactory(user=patient, start_date=today, start_minutes=10)
    target = entries.set_target(
        user=patient, week="next", target_minutes=15, target_days=3, note="Well done so far.",
        set_by=adjusting.clinician.user, set_by_name="Dr Meera Rao", today=today,
    )  # fmt: skip
    assert target.week_start == today + datetime.timedelta(days=7)
    page = patient_client.get("/").content.decode()
    assert "Well done so far." in page and "Dr Meera Rao" in page
    # This week is still the plan's own.
    assert 'id="set-by-clinician"' not in page
    response = patient_client.post("/accounts/care-team/notes/read/", {"note": [target.pk]})
    assert response.status_code == 302
    assert "Well done so far." not in patient_client.get("/").content.decode()


def test_view_alone_cannot_adjust(patient, today, clinician):
    PlanFactory(user=patient, start_date=today, start_minutes=10)
    link = CareLink.objects.create(patient=patient, clinician=clinician)
    client = verified_client(clinician)
    page = client.get(f"/clinic/patients/{link.pk}/").content.decode()
    assert 'id="set-target"' not in page and 'id="view-only"' in page
    response = client.post(
        f"/clinic/patients/{link.pk}/", {"week": "current", "target_minutes": "20",
                                          "target_days": "3"}
    )  # fmt: skip
    assert response.status_code == 403
    assert not PlanTarget.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("target_minutes", "35", "Enter a whole number of minutes from 10 to 30."),
        ("target_minutes", "9", "Enter a whole number of minutes from 10 to 30."),
        ("target_days", "6", "Enter a whole number of days from 1 to 5."),
        ("target_days", "two", "Enter a whole number of days from 1 to 5."),
    ],
)
def test_a_target_out_of_range_is_refused_beside_the_field(
    patient, today, clinician, adjusting, field, value, message
):
    PlanFactory(user=patient, start_date=today, start_minutes=10)
    client = verified_client(clinician)
    data = {"week": "current", "target_minutes": "20", "target_days": "3", field: value}
    response = client.post(f"/clinic/patients/{adjusting.pk}/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PlanTarget.objects.exists()


def test_no_plan_yet_gets_a_message_not_an_error(patient, clinician, adjusting):
    client = verified_client(clinician)
    response = client.post(
        f"/clinic/patients/{adjusting.pk}/",
        {"week": "current", "target_minutes": "20", "target_days": "3"},
    )
    assert response.status_code == 200
    assert "This patient has no plan yet" in response.content.decode()
    assert not PlanTarget.objects.exists()


def test_an_ended_link_cannot_set_a_target(patient, today, clinician, adjusting):
    PlanFactory(user=patient, start_date=today, start_minutes=10)
    client = verified_client(clinician)
    adjusting.ended_at = adjusting.created_at
    adjusting.save()
    response = client.post(
        f"/clinic/patients/{adjusting.pk}/",
        {"week": "current", "target_minutes": "20", "target_days": "3"},
    )
    assert response.status_code == 404
    assert not PlanTarget.objects.exists()
