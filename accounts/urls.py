from django.urls import path

from accounts import second_factor, views

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("me/", views.account, name="account"),
    path("health/", views.health, name="health"),
    path("tokens/", views.tokens, name="tokens"),
    path("reminders/", views.reminders, name="reminders"),
    path("2fa/", second_factor.second_factor, name="staff_second_factor"),
    path("reminders/unsubscribe/<str:token>/", views.unsubscribe, name="reminders_unsubscribe"),
    path("me/export.json", views.export_json, name="account_export"),
    path("me/delete/", views.delete_account, name="account_delete"),
]
