import pytest

from clinic.models import CareLink
from tests.clinic.helpers import make_clinician
from tests.factories import WalkFactory


@pytest.fixture
def clinician():
    return make_clinician("drmeera")


@pytest.fixture
def linked(patient, today, clinician):
    WalkFactory(user=patient, date=today, duration_minutes=14, notes="Knee ached on the hill")
    return CareLink.objects.create(patient=patient, clinician=clinician)
