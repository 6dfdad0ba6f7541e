from django.urls import path

from walks import views

app_name = "walks"

urlpatterns = [
    path("walks/", views.history, name="history"),
    path("walks/new/", views.WalkCreateView.as_view(), name="walk_new"),
    path("walks/export.csv", views.export_csv, name="export_csv"),
    path("walks/<int:pk>/edit/", views.WalkUpdateView.as_view(), name="walk_edit"),
    path("walks/<int:pk>/delete/", views.WalkDeleteView.as_view(), name="walk_delete"),
    path("checkins/new/", views.CheckInCreateView.as_view(), name="checkin_new"),
    path("checkins/<int:pk>/edit/", views.CheckInUpdateView.as_view(), name="checkin_edit"),
    path("checkins/<int:pk>/delete/", views.CheckInDeleteView.as_view(), name="checkin_delete"),
    path("plan/", views.plan, name="plan"),
    path("progress.json", views.progress_json, name="progress_json"),
    path("tips/", views.tips, name="tips"),
]
