from django.urls import path

from walks import import_views, views

app_name = "walks"

walk, checkin = {"kind": "walk"}, {"kind": "checkin"}

urlpatterns = [
    path("walks/", views.history, name="history"),
    path("walks/new/", views.entry_new, walk, name="walk_new"),
    path("walks/export.csv", views.export_csv, name="export_csv"),
    path("walks/import/", import_views.import_walks, name="import"),
    path("walks/<int:pk>/edit/", views.entry_edit, walk, name="walk_edit"),
    path("walks/<int:pk>/delete/", views.entry_delete, walk, name="walk_delete"),
    path("checkins/new/", views.entry_new, checkin, name="checkin_new"),
    path("checkins/<int:pk>/edit/", views.entry_edit, checkin, name="checkin_edit"),
    path("checkins/<int:pk>/delete/", views.entry_delete, checkin, name="checkin_delete"),
    path("checks/new/", views.function_check_new, name="function_check_new"),
    path("plan/", views.plan, name="plan"),
    path("progress.json", views.progress_json, name="progress_json"),
    path("tips/", views.tips, name="tips"),
]
