"""/progress.json and the API's progress document: the plan's progress
(walks.services.progress) with the latest outcome scores added, so the two
stay one document."""

from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.views.decorators.http import require_GET
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from outcomes import fhir, selectors
from walks.clock import patient_today
from walks.services import progress


def document(user, days: int) -> dict:
    result = progress.patient_progress(user, today=patient_today(user), daily_days=days)
    doc = progress.progress_json(result, days=days)
    doc["scores"] = selectors.scores(user).as_json()
    return doc


@require_GET
def progress_json(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    days = progress.daily_days(request.GET.get("days"))
    if days is None:
        return JsonResponse({"error": progress.DAYS_MESSAGE}, status=400)
    response = JsonResponse(document(request.user, days))
    response["Cache-Control"] = "private, no-store"
    return response


class ProgressView(APIView):
    """The same document as /progress.json (see progression.md)."""

    @extend_schema(
        parameters=[OpenApiParameter("days", int, description="1-3660, default 56")],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        days = progress.daily_days(request.query_params.get("days"))
        if days is None:
            raise ValidationError({"days": [progress.DAYS_MESSAGE]})
        return Response(document(request.user, days))


class FhirExportView(APIView):
    """The patient's data as a FHIR R4 Bundle (the same as /accounts/me/export.fhir.json)."""

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        return Response(fhir.bundle(request.user))
