"""/accounts/2fa/: a staff member enters their authenticator's current code;
only then does the admin open (see backpain/admin_site.py). The first
authenticator is enrolled at /accounts/2fa/enrol/<token>/, through a
one-time link (accounts/enrolment.py)."""

import base64

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

from accounts import enrolment


class CodeForm(forms.Form):
    token = forms.RegexField(
        label=gettext_lazy("6-digit code from your authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": gettext_lazy("Enter the 6 digits your app shows.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/admin/"
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/admin/"


def _code_is_right(request, form, device) -> bool:
    """Checks the posted code against `device`, with django-otp's throttle
    (each wrong code doubles the wait); puts the reason beside the field."""
    if not (request.method == "POST" and form.is_valid()):
        return False
    allowed, _info = device.verify_is_allowed()
    if allowed and device.verify_token(form.cleaned_data["token"].strip()):
        return True
    form.add_error(
        "token",
        _("That code is not right, or it has expired. Wait for a new one and try again.")
        if allowed
        else _("Too many wrong codes. Wait a little, then try again."),
    )
    return False


def _page(request, context, status=200):
    context.setdefault("next", _next_url(request))
    response = render(request, "accounts/second_factor.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


@sensitive_post_parameters("token")
@login_required
def second_factor(request):
    """The code at each login. Without an authenticator yet, the page says
    how to get an enrolment link: it never shows a secret to a password."""
    if not enrolment.needs_second_factor(request.user):
        raise PermissionDenied
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return _page(request, {"needs_link": True})
    form = CodeForm(request.POST or None)
    if _code_is_right(request, form, device):
        otp_login(request, device)
        return redirect(_next_url(request))
    return _page(request, {"form": form})


@sensitive_post_parameters("token")
@login_required
def enrol(request, token):
    """/accounts/2fa/enrol/<token>/: the person the link was made for (signed
    in with their password) scans the QR code and confirms with a code."""
    link = enrolment.open_link(token, request.user)
    if link is None:
        return _page(request, {"link_gone": True}, status=404)
    device = enrolment.device_for(link)
    form = CodeForm(request.POST or None)
    if _code_is_right(request, form, device):
        if not enrolment.use_link(link, device):
            return _page(request, {"link_gone": True}, status=404)
        otp_login(request, device)
        return redirect(_next_url(request))
    import segno  # only the enrolment page draws a QR code (about 10 MB a process)

    return _page(
        request,
        {
            "form": form,
            "enrolling": True,
            "qr": segno.make(device.config_url, error="m").svg_data_uri(scale=5),
            # In groups of four, as authenticator apps accept it and people copy it.
            "secret": _grouped(base64.b32encode(device.bin_key).decode()),
        },
    )
