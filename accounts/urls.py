from django.urls import path

from accounts import second_factor, views

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("me/", views.account, name="account"),
    path("email/confirm/<str:token>/", views.confirm_email, name="confirm_email"),
    path("email/resend/", views.resend_confirmation, name="resend_confirmation"),
    path("tokens/", views.tokens, name="tokens"),
    path("2fa/", second_factor.second_factor, name="staff_second_factor"),
    path("2fa/enrol/<str:token>/", second_factor.enrol, name="staff_enrol"),
    path("me/delete/", views.delete_account, name="account_delete"),
]
