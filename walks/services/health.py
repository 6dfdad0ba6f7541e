"""Writes for the health background (progression.md, "Health background").

The warning it can raise is worked out on every read from the boxes and two
dates, so nothing cached needs to change here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from walks import limits
from walks.models import EARLIEST_DATE
from walks.models.health import HEALTH_BACKGROUND_FIELDS, DoctorVisit, HealthBackground
from walks.services.summary import refresh


def save_health_background(*, user, data: Mapping, today: date) -> HealthBackground:
    """Save the boxes and the date of the last check. When any box changes,
    `boxes_changed_on` becomes today: a check before today no longer counts."""
    checked = data.get("doctor_checked_on")
    if checked is not None and not EARLIEST_DATE <= checked <= today:
        raise ValidationError({"doctor_checked_on": _("The date must be in the past.")})
    with transaction.atomic():
        record, _created = HealthBackground.objects.select_for_update().get_or_create(user=user)
        boxes = {name: bool(data.get(name, False)) for name in HEALTH_BACKGROUND_FIELDS}
        if any(getattr(record, name) != value for name, value in boxes.items()):
            record.boxes_changed_on = today
        for name, value in boxes.items():
            setattr(record, name, value)
        record.doctor_checked_on = checked
        record.save()
        refresh(user, today=today)
    return record


def health_background(user) -> HealthBackground | None:
    return HealthBackground.objects.filter(user=user).first()


def record_doctor_visit(*, user, seen_on: date, advice: str, note: str, today: date) -> DoctorVisit:
    """ "A doctor has seen me": from now on warnings read only the days after
    `seen_on`. Nothing cached holds warnings (they are worked out on every
    read), so saving the row is the whole change."""
    if not EARLIEST_DATE <= seen_on <= today:
        raise ValidationError({"seen_on": _("The date must be in the past.")})
    if advice not in DoctorVisit.Advice.values:
        raise ValidationError({"advice": _("Choose what the doctor advised.")})
    with transaction.atomic():
        visit = DoctorVisit.objects.create(
            user=user, seen_on=seen_on, advice=advice, note=note[: limits.NOTE_FIELD_MAX]
        )
        refresh(user, today=today)
    return visit
