"""Who may open a clinician page: a member of the clinicians group with a
verified second factor. Anyone else gets a 404 (a patient never learns the
clinic pages exist); a clinician who has only typed a password is sent to
the second-factor page first."""

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from clinic.models import CLINICIANS_GROUP, CareLink, Clinician


def clinician_of(user) -> Clinician | None:
    if not user.is_authenticated:
        return None
    return (
        Clinician.objects.filter(user=user, user__groups__name=CLINICIANS_GROUP)
        .select_related("doctor")
        .first()
    )


def clinician_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        clinician = clinician_of(request.user)
        if clinician is None:
            raise Http404
        if getattr(settings, "STAFF_REQUIRE_2FA", True) and not request.user.is_verified():
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('staff_second_factor')}?{query}")
        request.clinician = clinician
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"  # nothing outlives the link
        return response

    return wrapped


def open_link(clinician: Clinician, link_id: int) -> CareLink:
    """The clinician's own open link, or 404 (another clinician's, ended, unknown)."""
    link = (
        CareLink.objects.filter(pk=link_id, clinician=clinician, ended_at=None)
        .select_related("patient")
        .first()
    )
    if link is None:
        raise Http404
    return link
