"""Clinicians, the care team a patient chooses, and the record of every
clinician view of a patient's data (shown to that patient)."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

CLINICIANS_GROUP = "clinicians"
# A practice code is read aloud and typed on a phone: no 0/O or 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def new_practice_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class Clinician(models.Model):
    """A clinician's practice details; the role itself is the `clinicians` group."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clinician"
    )
    practice_code = models.CharField(max_length=CODE_LENGTH, unique=True, default=new_practice_code)
    doctor = models.ForeignKey(
        "doctors.Doctor", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.doctor is not None:
            return self.doctor.name
        return self.user.get_full_name() or self.user.get_username()


class CareLink(models.Model):
    """A patient's consent for one clinician to see (and perhaps adjust) their plan."""

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="care_links"
    )
    clinician = models.ForeignKey(Clinician, on_delete=models.CASCADE, related_name="links")
    can_adjust_plan = models.BooleanField(_("may adjust my plan"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "clinician"],
                condition=Q(ended_at__isnull=True),
                name="one_open_link_per_clinician",
            )
        ]

    def __str__(self):
        return f"{self.patient_id} -> {self.clinician_id}"

    @property
    def active(self) -> bool:
        return self.ended_at is None


class AccessRecord(models.Model):
    """One clinician view or change of a patient's data."""

    VIEW_PANEL = "panel"
    VIEW_PATIENT = "patient"
    ADJUST_PLAN = "adjust_plan"
    NOTE = "note"
    WHAT = [
        (VIEW_PANEL, _("saw you in their patient list")),
        (VIEW_PATIENT, _("opened your report")),
        (ADJUST_PLAN, _("set your plan's target")),
        (NOTE, _("wrote you a note")),
    ]

    link = models.ForeignKey(CareLink, on_delete=models.CASCADE, related_name="records")
    what = models.CharField(max_length=20, choices=WHAT)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.what} at {self.at}"
