import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.core import is_ratelimited

from accounts import email_confirmation
from accounts.forms import (
    AccessTokenForm,
    DeleteAccountForm,
    SignUpForm,
)
from accounts.models import TOKEN_PREFIX, AccessToken, Profile, hash_token
from accounts.profiles import forget_profile, profile_for


@require_POST
def set_language(request):
    """Django's set_language (cookie, safe `next`), and for a signed-in
    patient the choice is also kept on their profile."""
    response = i18n.set_language(request)
    code = request.POST.get("language", "")
    if request.user.is_authenticated and code in dict(settings.LANGUAGES):
        Profile.objects.update_or_create(user=request.user, defaults={"language": code})
        forget_profile(request.user)
    return response


# Reset emails per address and per email address, each in an hour (counted
# in the shared "limits" cache); sign-ups per address: settings.SIGNUP_RATE.
RESET_RATE_PER_ADDRESS = "10/h"
RESET_RATE_PER_EMAIL = "3/h"


class PasswordReset(auth_views.PasswordResetView):
    """Django's reset form, with limits. Past a limit the page is the same as
    after a sent email (nothing says whether the address has an account),
    but no email goes out: a flood of resets cannot fill someone's inbox."""

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        per_email = is_ratelimited(
            self.request, group="reset-email", key=lambda group, request: email,
            rate=RESET_RATE_PER_EMAIL, increment=True,
        )  # fmt: skip
        per_address = is_ratelimited(
            self.request, group="reset-address", key="ip", rate=RESET_RATE_PER_ADDRESS,
            increment=True,
        )  # fmt: skip
        if per_email or per_address:
            return redirect(self.get_success_url())
        return super().form_valid(form)


@sensitive_post_parameters("password1", "password2")
def signup(request):
    if request.user.is_authenticated:
        return redirect("home")
    if request.method == "POST":
        form = SignUpForm(request.POST)
        rate = settings.SIGNUP_RATE
        if is_ratelimited(request, group="signup", key="ip", rate=rate, increment=True):
            form.add_error(
                None,
                _("Too many accounts were made from this network. Please try again in an hour."),
            )
        elif form.is_valid():
            # The language they were reading when they signed up.
            language = translation.get_language_from_request(request)
            email = form.cleaned_data["email"]
            with transaction.atomic():
                user = form.save()
                Profile.objects.create(
                    user=user,
                    timezone=form.cleaned_data["timezone"] or settings.TIME_ZONE,
                    language=language,
                )
                email_confirmation.ask_to_confirm(user, email, language=language)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            # The same words whether or not the address already has an account.
            messages.success(
                request,
                _(
                    "Welcome! Log your first walk and your plan starts that day. We sent an "
                    "email to %(email)s: open its link to confirm the address."
                )
                % {"email": email},
            )
            # Offered once, and skippable: a few questions about health history.
            return redirect(f"{reverse('health')}?welcome=1")
    else:
        form = SignUpForm()
    return render(request, "registration/signup.html", {"form": form})


MAX_ACTIVE_TOKENS = 10


@login_required
def tokens(request):
    """Personal access tokens for the API: make one (shown once), list, revoke."""
    mine = AccessToken.objects.filter(user=request.user)
    if request.method == "POST" and "revoke" in request.POST:
        try:
            pk = int(request.POST["revoke"])
        except ValueError:
            raise Http404 from None
        token = get_object_or_404(mine, pk=pk)
        if token.revoked_at is None:
            mine.filter(pk=token.pk).update(revoked_at=timezone.now())
        messages.success(request, _("The token is revoked."))
        return redirect("tokens")
    form = AccessTokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            # The patient's row, locked: two requests at once cannot pass the count together.
            get_user_model().objects.select_for_update().filter(pk=request.user.pk).exists()
            if mine.filter(revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
                form.add_error(
                    "name",
                    _("You have %(count)d tokens in use, the most allowed. Revoke one first.")
                    % {"count": MAX_ACTIVE_TOKENS},
                )
            else:
                new_token = TOKEN_PREFIX + secrets.token_urlsafe(32)  # 256 random bits
                form.instance.user = request.user
                form.instance.token_hash = hash_token(new_token)
                form.save()
                form = AccessTokenForm()
    response = render(
        request,
        "accounts/tokens.html",
        {"form": form, "new_token": new_token, "tokens": mine.filter(revoked_at__isnull=True)},
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def account(request):
    pending = profile_for(request.user).pending_email
    return render(request, "accounts/account.html", {"pending_email": pending})


@sensitive_post_parameters("password")
@login_required
def delete_account(request):
    if request.method == "POST":
        form = DeleteAccountForm(request.POST, user=request.user)
        if form.is_valid():
            user = request.user
            with transaction.atomic():
                # Walks, check-ins and the plan go with the user (CASCADE).
                user.delete()
            logout(request)
            messages.success(request, _("Your account and all of your entries have been deleted."))
            response = redirect("home")
            # Nothing of the account stays in this browser: pages the app kept
            # for offline use and entries waiting to be sent go too.
            response["Clear-Site-Data"] = '"cache", "storage"'
            return response
    else:
        form = DeleteAccountForm(user=request.user)
    return render(request, "accounts/delete_account.html", {"form": form})


@require_GET
def confirm_email(request, token):
    """/accounts/email/confirm/<token>/: the link from the confirmation email."""
    outcome = email_confirmation.confirm(token)
    if outcome == email_confirmation.Outcome.CONFIRMED:
        messages.success(request, _("Your email address is confirmed. Thank you."))
    elif outcome == email_confirmation.Outcome.TAKEN:
        messages.error(
            request,
            _("That address now belongs to another account, so it was not added to this one."),
        )
    else:
        messages.error(
            request,
            _(
                "This confirmation link has expired or is no longer valid. You can ask "
                "for a new one on your account page."
            ),
        )
    if request.user.is_authenticated:
        forget_profile(request.user)
        return redirect("account")
    return redirect("login")


@login_required
@require_POST
def resend_confirmation(request):
    """Sends the confirmation link again (3 an hour per account)."""
    pending = profile_for(request.user).pending_email
    if pending and not is_ratelimited(
        request, group="confirm-email", key="user", rate="3/h", increment=True
    ):
        email_confirmation.ask_to_confirm(
            request.user, pending, language=translation.get_language()
        )
        messages.success(request, _("We sent the link to %(email)s again.") % {"email": pending})
    elif pending:
        messages.error(request, _("The link was sent several times already. Try again in an hour."))
    return redirect("account")
