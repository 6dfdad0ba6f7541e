"""Ending every way into an account except the password: API tokens, share
links to reports, and the calendar feed's link. A password reset does it
always (whoever reset the password may be the owner locking out someone who
had it); a password change offers it. The views live here, at the top
layer, because the links belong to several apps (accounts, reports)."""

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm
from django.db import transaction
from django.db.models import F
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import AccessToken, Profile
from reports.models import ShareLink


def end_other_access(user) -> None:
    now = timezone.now()
    with transaction.atomic():
        AccessToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now)
        ShareLink.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now)
        Profile.objects.filter(user=user).update(calendar_version=F("calendar_version") + 1)


class PasswordResetConfirm(auth_views.PasswordResetConfirmView):
    def form_valid(self, form):
        response = super().form_valid(form)
        end_other_access(form.user)
        messages.info(
            self.request,
            _(
                "Your API tokens, report share links and calendar link were ended with the "
                "reset. Make new ones after you log in if you still need them."
            ),
        )
        return response


class ChangePasswordForm(PasswordChangeForm):
    end_other_access = forms.BooleanField(
        label=gettext_lazy("Also end my API tokens, report share links and calendar link"),
        help_text=gettext_lazy("Choose this if someone else may have had your password."),
        required=False,
    )


class PasswordChange(auth_views.PasswordChangeView):
    form_class = ChangePasswordForm
    success_url = reverse_lazy("password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.cleaned_data.get("end_other_access"):
            end_other_access(form.user)
            messages.info(
                self.request,
                _("Your API tokens, report share links and calendar link are ended."),
            )
        return response
