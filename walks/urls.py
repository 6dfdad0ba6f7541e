from django.urls import path

from walks.views import entries, exports, health, history, imports, pages, plan

app_name = "walks"

urlpatterns = [
    path("walks/", history.history, name="history"),
    path("walks/new/", entries.walk_new, name="walk_new"),
    path("walks/export.csv", exports.export_csv, name="export_csv"),
    path("walks/import/", imports.import_walks, name="import"),
    path("walks/import/<uuid:job>/", imports.import_job, name="import-job"),
    path(
        "walks/import/<uuid:job>/progress.json",
        imports.import_job_progress,
        name="import-job-progress",
    ),
    path("walks/<int:pk>/edit/", entries.walk_edit, name="walk_edit"),
    path("walks/<int:pk>/delete/", entries.walk_delete, name="walk_delete"),
    path("checkins/new/", entries.checkin_new, name="checkin_new"),
    path("checkins/<int:pk>/edit/", entries.checkin_edit, name="checkin_edit"),
    path("checkins/<int:pk>/delete/", entries.checkin_delete, name="checkin_delete"),
    path("checks/new/", entries.function_check_new, name="function_check_new"),
    path("plan/", plan.plan, name="plan"),
    path("tips/", pages.tips, name="tips"),
    path("warnings/seen/", health.doctor_visit, name="doctor_visit"),
]
