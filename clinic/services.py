"""Linking and unlinking a clinician, always at the patient's request."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from clinic.models import CLINICIANS_GROUP, CareLink, Clinician
from walks.models import PatientSummary
from walks.services import summary


def clinician_by_code(code: str) -> Clinician | None:
    """The clinician with this practice code (spaces, dashes and case ignored),
    if they are still in the clinicians group."""
    cleaned = "".join(c for c in code.upper() if c.isalnum())
    return (
        Clinician.objects.filter(practice_code=cleaned, user__groups__name=CLINICIANS_GROUP)
        .select_related("user", "doctor")
        .first()
    )


def link(*, patient, clinician: Clinician, can_adjust_plan: bool) -> CareLink:
    """Link (or change the scopes of the open link with) a clinician."""
    with transaction.atomic():
        if not PatientSummary.objects.filter(user=patient).exists():
            summary.refresh(patient)  # the panel reads this row, never the diary
        existing = CareLink.objects.select_for_update().filter(
            patient=patient, clinician=clinician, ended_at=None
        )
        found = existing.first()
        if found is not None:
            found.can_adjust_plan = can_adjust_plan
            found.save(update_fields=["can_adjust_plan"])
            return found
        try:
            with transaction.atomic():
                return CareLink.objects.create(
                    patient=patient, clinician=clinician, can_adjust_plan=can_adjust_plan
                )
        except IntegrityError:  # the same request twice at once: one link
            return CareLink.objects.get(patient=patient, clinician=clinician, ended_at=None)


def end(*, patient, link_id: int) -> bool:
    """End one of the patient's own open links at once."""
    return bool(
        CareLink.objects.filter(patient=patient, pk=link_id, ended_at=None).update(
            ended_at=timezone.now()
        )
    )
