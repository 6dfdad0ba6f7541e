"""The patient's own data to take away: walks as CSV, everything as JSON."""

import csv
import json

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from walks import diary, selectors
from walks.models import CheckIn, Walk
from walks.models.health import HEALTH_BACKGROUND_FIELDS, HealthBackground
from walks.services import entries

CSV_COLUMNS = (*entries.WALK_FIELDS, *entries.IMPORT_FIELDS)  # the form's, then the origin


def _csv_safe(value):
    """Booleans as yes/no; text that a spreadsheet would run as a formula is
    prefixed with a quote."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@require_GET
@login_required
def export_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-walks.csv"'
    response["Cache-Control"] = "no-store"
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    rows = (
        selectors.owned_walks(request.user)
        .order_by("date", "created_at", "id")
        .values_list(*CSV_COLUMNS)
    )
    for row in rows.iterator(chunk_size=2000):
        writer.writerow([_csv_safe(v) for v in row])
    return response


ENTRY_FIELDS = ["date", *diary.SYMPTOMS, "notes", "created_at", "updated_at"]


def export_data(user) -> dict:
    """The diary's part of "everything the app holds about the patient"
    (outcomes/views.py adds the questionnaires and serves the file)."""
    # The plan in force, however it was set: chosen on the plan page, or
    # started by the first walk (then there is no Plan row).
    explicit = selectors.explicit_plan(user)
    effective = selectors.plan_settings(user)
    plan = None
    if effective is not None:
        plan = {
            "start_date": effective.start_date,
            "start_minutes": effective.start_minutes,
            "set_by": "patient" if explicit is not None else "first_walk",
        }
    data = {
        "exported_at": timezone.now(),
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "date_joined": user.date_joined,
        },
        "plan": plan,
        "health_background": HealthBackground.objects.filter(user=user)
        .values(*HEALTH_BACKGROUND_FIELDS, "doctor_checked_on", "boxes_changed_on")
        .first(),
        "walks": list(
            Walk.objects.filter(user=user)
            .order_by("date", "id")
            .values(
                "duration_minutes",
                "pain_before",
                "pain_after",
                "surface",
                "stopped_for_sharp_pain",
                *ENTRY_FIELDS,
                "source",
                "started_at",
                "distance_km",
            )
        ),
        "checkins": list(
            CheckIn.objects.filter(user=user).order_by("date", "id").values("pain", *ENTRY_FIELDS)
        ),
    }
    return data


def json_download(data: dict) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="my-walk-well-data.json"'
    response["Cache-Control"] = "no-store"
    return response
