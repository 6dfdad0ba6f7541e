"""The clinic's pages and the patient's view of a clinician's target read in
Hindi, with no English left over."""

import datetime
from pprint import pformat

import pytest

from accounts.models import Profile
from clinic.models import CareLink
from tests.clinic.helpers import verified_client
from tests.factories import PlanFactory
from tests.test_hindi import english_labels, english_left, listing_data, visible_text
from walks.services import entries

pytestmark = pytest.mark.django_db


def test_the_panel_the_patient_page_and_the_note_read_in_hindi(
    hindi_patient, clinician, client, today
):
    PlanFactory(user=hindi_patient, start_date=today - datetime.timedelta(days=3))
    link = CareLink.objects.create(patient=hindi_patient, clinician=clinician,
                                   can_adjust_plan=True)  # fmt: skip
    entries.set_target(
        user=hindi_patient, week="current", target_minutes=15, target_days=3,
        note="समतल रास्ते पर चलें", set_by=clinician.user, set_by_name="डॉ मीरा", today=today,
    )  # fmt: skip
    Profile.objects.create(user=clinician.user, language="hi")
    doctor = verified_client(clinician)
    doctor.post("/i18n/setlang/", {"language": "hi", "next": "/clinic/"})
    pages = {
        "panel": doctor.get("/clinic/"),
        "panel, attention": doctor.get("/clinic/?attention=1"),
        "patient": doctor.get(f"/clinic/patients/{link.pk}/"),
        "target error": doctor.post(
            f"/clinic/patients/{link.pk}/",
            {"week": "current", "target_minutes": "40", "target_days": "3"},
        ),
    }
    client.force_login(hindi_patient)
    pages["dashboard"] = client.get("/")
    data = [*listing_data(), "asha", "drmeera", clinician.practice_code]
    leftovers = {}
    for name, response in pages.items():
        assert response.status_code == 200, name
        html = response.content.decode()
        assert '<html lang="hi">' in html, name
        found = english_left(visible_text(html), data) + english_labels(html, data)
        if found:
            leftovers[name] = found
    assert leftovers == {}, pformat(leftovers, width=120)
    assert "अभी आपातकालीन देखभाल लेने को कहा गया" in pages["panel"].content.decode()
    # The patient has an emergency warning: the note waits until it is over.
    assert "समतल रास्ते पर चलें" not in pages["dashboard"].content.decode()
    assert "मिनटों की पूरी संख्या" in pages["target error"].content.decode()
