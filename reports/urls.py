from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("report/", views.report, name="report"),
    path("report.pdf", views.report_pdf, name="report_pdf"),
    path("report/share/", views.share, name="share"),
    path("r/<str:token>/", views.shared_report, name="shared"),
    path("r/<str:token>/report.pdf", views.shared_report_pdf, name="shared_pdf"),
]
