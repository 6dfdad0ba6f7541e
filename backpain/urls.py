from django.conf import settings
from django.conf.urls.static import static as media_files
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import JavaScriptCatalog

from accounts.views import PasswordReset, set_language
from backpain import credentials, pwa
from backpain.health import HealthView
from backpain.home import home
from doctors import api as doctors_api
from outcomes import progress as outcome_progress
from outcomes import views as outcome_views
from reminders.views import calendar_feed
from walks.views import health


class FaviconView(RedirectView):
    """Browsers ask for /favicon.ico on pages without an icon link (the admin)."""

    def get_redirect_url(self, *args, **kwargs):
        return static("img/favicon.svg")


urlpatterns = [
    path("favicon.ico", FaviconView.as_view()),
    path("healthz", HealthView.as_view(), name="healthz"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("offline/", pwa.offline, name="offline"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("admin/", admin.site.urls),
    path("", include("clinic.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("reminders.urls")),
    path("accounts/health/", health.health, name="health"),
    path("accounts/me/export.json", outcome_views.export_json, name="account_export"),
    path("accounts/me/export.fhir.json", outcome_views.export_fhir, name="account_export_fhir"),
    path("calendar/<str:token>.ics", calendar_feed, name="calendar_feed"),
    # (before Django's own: these two also end tokens and links)
    path(
        "accounts/reset/<uidb64>/<token>/",
        credentials.PasswordResetConfirm.as_view(),
        name="password_reset_confirm",
    ),
    path("accounts/password_change/", credentials.PasswordChange.as_view(), name="password_change"),
    path("accounts/password_reset/", PasswordReset.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("doctors/", include("doctors.urls")),
    path("lessons/", include("lessons.urls")),
    path("questionnaires/", include("outcomes.urls")),
    path("", include("reports.urls")),
    path("api/v1/doctors/", doctors_api.DoctorList.as_view(), name="api-doctors"),
    path("api/v1/progress/", outcome_progress.ProgressView.as_view(), name="api-progress"),
    path("progress.json", outcome_progress.progress_json, name="progress_json"),
    path("api/v1/export/fhir/", outcome_progress.FhirExportView.as_view(), name="api-fhir"),
    path("", include("walks.api.urls")),
    path("", home, name="home"),
    path("", include("walks.urls")),
]
# Photos in development; in production the proxy or object storage serves MEDIA_URL.
urlpatterns += media_files(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "backpain.errors.not_found"
handler500 = "backpain.errors.server_error"
