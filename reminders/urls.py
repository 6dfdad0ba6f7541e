from django.urls import path

from reminders import views

# Under /accounts/ (their addresses from before the app had its own home).
urlpatterns = [
    path("reminders/", views.reminders, name="reminders"),
    path("reminders/unsubscribe/<str:token>/", views.unsubscribe, name="reminders_unsubscribe"),
]
