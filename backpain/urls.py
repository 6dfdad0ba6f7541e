from django.contrib import admin
from django.urls import include, path

from walks.views import home

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("doctors/", include("doctors.urls")),
    path("", home, name="home"),
    path("", include("walks.urls")),
]
