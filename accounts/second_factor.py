"""/accounts/2fa/: a staff member enrols an authenticator app (QR code) or
enters its current code; only then does the admin open (see
backpain/admin_site.py)."""

import base64

import segno
from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice


class CodeForm(forms.Form):
    token = forms.RegexField(
        label=gettext_lazy("6-digit code from your authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": gettext_lazy("Enter the 6 digits your app shows.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/admin/"
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/admin/"


@sensitive_post_parameters("token")
@login_required
def second_factor(request):
    if not request.user.is_staff:
        raise PermissionDenied
    confirmed = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    device = confirmed or TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="authenticator", confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _info = device.verify_is_allowed()
        if allowed and device.verify_token(form.cleaned_data["token"].strip()):
            if not device.confirmed:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error(
            "token",
            _("That code is not right, or it has expired. Wait for a new one and try again.")
            if allowed
            else _("Too many wrong codes. Wait a little, then try again."),
        )
    context = {"form": form, "enrolling": confirmed is None, "next": _next_url(request)}
    if confirmed is None:
        context["qr"] = segno.make(device.config_url, error="m").svg_data_uri(scale=5)
        context["secret"] = base64.b32encode(device.bin_key).decode()
    response = render(request, "accounts/second_factor.html", context)
    response["Cache-Control"] = "private, no-store"
    return response
