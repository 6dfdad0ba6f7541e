"""manage.py demo_clinic: twelve demo patients in different states, never on
a database with real patients."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from clinic.models import CareLink
from clinic.selectors import DOCTOR, HIGH_OUTLOOK, PAIN_UP, QUIET, REST, URGENT, panel_page
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_fills_every_group_of_the_panel(questionnaires, today):
    out = StringIO()
    call_command("demo_clinic", stdout=out)
    assert "practice code" in out.getvalue() and "/accounts/2fa/enrol/" in out.getvalue()
    links = CareLink.objects.filter(ended_at=None).select_related("clinician__user", "patient")
    assert links.count() == 12
    assert all(link.patient.username.startswith("demo-") for link in links)
    assert not any(link.patient.has_usable_password() for link in links)
    _page, rows = panel_page(links[0].clinician, today=today, attention_only=False, page=1)
    assert {row.rank for row in rows} == {URGENT, DOCTOR, PAIN_UP, QUIET, HIGH_OUTLOOK, REST}
    states = {row.username: row.today.state for row in rows}
    assert states["demo-emergency"] == "emergency"
    assert states["demo-rested"] == "rest_advised"
    assert next(r for r in rows if r.username == "demo-adjusted").today.set_by == "clinician"
    with pytest.raises(CommandError, match="already here"):
        call_command("demo_clinic", stdout=StringIO())


def test_the_demo_refuses_a_database_with_real_patients(questionnaires):
    UserFactory(username="real-person")
    with pytest.raises(CommandError, match="real patients"):
        call_command("demo_clinic", stdout=StringIO())
    assert not CareLink.objects.exists()
