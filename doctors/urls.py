from django.urls import path

from doctors import views

app_name = "doctors"

urlpatterns = [
    path("", views.doctor_list, name="list"),
    path("<slug:slug>/", views.doctor_detail, name="detail"),
]
