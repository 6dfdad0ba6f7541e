"""/api/v1/doctors/: the directory for other apps, read-only and public."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, permissions, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination

from doctors.models import MODES, Doctor


class DoctorSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    specialty = serializers.CharField(source="specialty.name")
    title = serializers.CharField()
    years_experience = serializers.IntegerField()
    qualifications = serializers.CharField()
    city = serializers.CharField()
    clinic = serializers.CharField()
    patients_served = serializers.IntegerField(allow_null=True)
    phone = serializers.CharField()
    address = serializers.CharField()
    languages = serializers.ListField(child=serializers.CharField(), source="language_names")
    consultation_modes = serializers.ListField(child=serializers.CharField())
    opening_hours = serializers.CharField()


class DoctorList(generics.ListAPIView):
    """Listed doctors; `search` over name, specialty, title, city and clinic;
    `city`, `specialty` (slug), `language` (slug) and `mode` (in_clinic or
    video) filters."""

    serializer_class = DoctorSerializer
    permission_classes = [permissions.AllowAny]

    class Pages(CursorPagination):
        ordering = ("name", "pk")
        page_size = 50

    pagination_class = Pages

    @extend_schema(
        parameters=[
            OpenApiParameter("search", str),
            OpenApiParameter("city", str),
            OpenApiParameter("specialty", str),
            OpenApiParameter("language", str),
            OpenApiParameter("mode", str, enum=["in_clinic", "video"]),
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        params = self.request.query_params
        if "mode" in params and params["mode"] not in MODES:
            raise ValidationError({"mode": ["mode must be in_clinic or video."]})
        return Doctor.objects.search(
            q=params.get("search", ""), city=params.get("city", ""),
            specialty=params.get("specialty", ""), language=params.get("language", ""),
            mode=params.get("mode", ""),
        ).prefetch_related("languages")  # fmt: skip
