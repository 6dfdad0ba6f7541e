from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from walks.api import views

router = SimpleRouter()
router.register("walks", views.WalkViewSet, basename="walk")
router.register("checkins", views.CheckInViewSet, basename="checkin")
router.register("checks", views.FunctionCheckViewSet, basename="check")

urlpatterns = [
    path("api/v1/", include(router.urls)),
    path("api/v1/plan/", views.PlanView.as_view(), name="api-plan"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", views.docs, name="api-docs"),
]
