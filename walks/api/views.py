"""API views: thin, like the pages. Reads through selectors, writes through
the services, `today` from the patient's clock."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, mixins, status, viewsets
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

from accounts.devices import REQUEST_HEADER, device_account
from walks import selectors
from walks.api import serializers
from walks.clock import patient_today
from walks.models import CheckIn, Walk
from walks.models.health import FunctionCheck
from walks.services import entries


class NewestFirst(CursorPagination):
    ordering = ("-date", "-created_at", "-id")
    page_size = 50


class TodayMixin:
    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.request.user.is_authenticated:
            context["today"] = patient_today(self.request.user)
        return context


class EntryViewSet(TodayMixin, viewsets.ModelViewSet):
    """Walks or check-ins: list (newest first), create, read, change, delete."""

    model = Walk
    pagination_class = NewestFirst
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return self.model.objects.filter(user=self.request.user)

    def create(self, request, *args, **kwargs):
        # An entry kept offline names the account that saved it: never save
        # it into another (a second patient signed in on the same phone).
        saved_by = request.META.get(REQUEST_HEADER)
        if saved_by is not None and saved_by != device_account(request.user):
            return Response(
                {"detail": _("This entry was saved on this device by another account.")},
                status=status.HTTP_409_CONFLICT,
            )
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        client_id = data.pop("client_id", None)
        entry, created = self.log(
            user=request.user,
            data=data,
            today=serializer.context["today"],
            client_id=client_id,
        )
        return Response(
            self.get_serializer(entry).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    def partial_update(self, request, *args, **kwargs):
        entry = self.get_object()
        serializer = self.get_serializer(entry, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        entries.update_entry(
            entry=entry, data=serializer.validated_data, today=serializer.context["today"]
        )
        return Response(self.get_serializer(entry).data)

    def perform_destroy(self, instance):
        entries.delete_entry(entry=instance)


def _created_or_existing(serializer):
    return extend_schema_view(
        create=extend_schema(
            responses={201: serializer, 200: serializer},
            description="201 with the new entry; 200 with the existing one when this "
            "`client_id` was sent before.",
        )
    )


@_created_or_existing(serializers.WalkSerializer)
class WalkViewSet(EntryViewSet):
    model = Walk
    log = staticmethod(entries.log_walk)
    serializer_class = serializers.WalkSerializer
    queryset = Walk.objects.none()  # for the schema; get_queryset scopes to the patient


@_created_or_existing(serializers.CheckInSerializer)
class CheckInViewSet(EntryViewSet):
    model = CheckIn
    log = staticmethod(entries.log_checkin)
    serializer_class = serializers.CheckInSerializer
    queryset = CheckIn.objects.none()


class FunctionCheckViewSet(
    TodayMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Weekly function checks: list, create (one a day), read."""

    serializer_class = serializers.FunctionCheckSerializer
    pagination_class = NewestFirst
    queryset = FunctionCheck.objects.none()

    def get_queryset(self):
        return FunctionCheck.objects.filter(user=self.request.user)

    def perform_create(self, serializer):
        serializer.instance = entries.log_function_check(
            user=self.request.user,
            data=serializer.validated_data,
            today=serializer.context["today"],
        )


class PlanView(TodayMixin, generics.GenericAPIView):
    """The plan in force: GET it, PUT a start date and starting length."""

    serializer_class = serializers.PlanSerializer

    def _current(self, request):
        explicit = selectors.explicit_plan(request.user)
        plan = selectors.plan_settings(request.user)
        if plan is None:
            return {"start_date": None, "start_minutes": None, "explicit": False}
        return {
            "start_date": plan.start_date,
            "start_minutes": plan.start_minutes,
            "explicit": explicit is not None,
        }

    def get(self, request):
        return Response(self.get_serializer(self._current(request)).data)

    def put(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        entries.set_plan(user=request.user, **serializer.validated_data)
        return Response(self.get_serializer(self._current(request)).data)


def docs(request):
    """Swagger UI from our own static files (npm), inside the strict CSP."""
    return render(request, "api/docs.html")
