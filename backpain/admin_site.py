"""The admin site, closed to a password alone.

Every staff account needs a second factor (TOTP, django-otp) before any
admin page opens: a staff member who has logged in with a password is sent
to /accounts/2fa/ to enrol (QR code) or to enter the current code. The
setting STAFF_REQUIRE_2FA (default on) is read on each request.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.shortcuts import redirect
from django.urls import reverse


def needs_second_factor(request) -> bool:
    user = request.user
    return (
        getattr(settings, "STAFF_REQUIRE_2FA", True)
        and user.is_authenticated
        and user.is_staff
        and not user.is_verified()
    )


class WalkWellAdminSite(admin.AdminSite):
    site_header = "Walk Well administration"
    site_title = "Walk Well admin"

    def has_permission(self, request):
        return super().has_permission(request) and not needs_second_factor(request)

    def login(self, request, extra_context=None):
        if needs_second_factor(request):
            next_url = request.GET.get("next") or reverse("admin:index")
            return redirect(f"{reverse('staff_second_factor')}?{urlencode({'next': next_url})}")
        return super().login(request, extra_context)


class WalkWellAdminConfig(AdminConfig):
    default_site = "backpain.admin_site.WalkWellAdminSite"
