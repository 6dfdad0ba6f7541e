from django.urls import path

from clinic import portal, views

app_name = "clinic"

urlpatterns = [
    path("accounts/care-team/", views.care_team, name="care_team"),
    path("accounts/care-team/views.csv", views.care_team_csv, name="care_team_csv"),
    path("accounts/care-team/notes/read/", views.notes_read, name="notes_read"),
    path("clinic/", portal.panel, name="panel"),
    path("clinic/patients/<int:link_id>/", portal.patient, name="patient"),
]
